"""Who am I: the caller as the API sees them."""

from __future__ import annotations

from ninja import Router

from danvan.api.schemas import Schema, responses

router = Router(tags=["Tài khoản"])


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    role: str
    organization_id: int | None
    via_token: bool


@router.get("/me", response=responses(200, MeOut), url_name="me")
def me(request):
    """Người dùng đang gọi API."""
    user = request.auth
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role if not user.is_superuser else "admin",
        "organization_id": user.organization_id,
        "via_token": getattr(request, "api_token", None) is not None,
    }
