"""Version 1 of the API, mounted at /api/v1/: one router per app (`danvan.api.routers`),
on the same access rules and services as the pages.

OpenAPI document at /api/v1/openapi.json, browsable docs at /api/v1/docs (Swagger UI from
django-ninja's own static files: nothing is fetched from the internet).
"""

from __future__ import annotations

from functools import wraps

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from danvan.api import errors
from danvan.api.auth import FixedWindowThrottle, SessionAuth, TokenAuth
from danvan.core.audit import as_actor

DESCRIPTION = """
API của hệ thống Ban chỉ đạo công tác dân vận.

**Xác thực**: gửi mã truy cập cá nhân (tạo tại trang *Tài khoản của tôi*) trong tiêu đề
`Authorization: Bearer dv_…`; các trang của hệ thống dùng phiên đăng nhập (ghi cần mã CSRF).

**Quyền**: như trên giao diện: đối tượng của đơn vị khác mà bạn không được xem trả về 404.

**Lỗi**: JSON `{"code": "...", "message": "...", "errors": ...}` với mã ổn định
(`not_authenticated`, `token_invalid`, `token_expired`, `forbidden`, `not_found`, `invalid`,
`invalid_request`, `invalid_values`, `invalid_state`, `conflict`, `csrf_failed`, `rate_limited`…).

**Giới hạn**: số yêu cầu mỗi phút cho mỗi mã truy cập; vượt quá trả về 429.
"""

api = NinjaAPI(
    title="Danvan API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[FixedWindowThrottle()],
    docs=Swagger(settings={"persistAuthorization": True}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)


def _as_caller(view):
    """Every write inside an operation is audited as the caller (a token's user included: the
    audit middleware only knows the session's user)."""

    @wraps(view)
    def run(request, *args, **kwargs):
        with as_actor(getattr(request, "auth", None)):
            return view(request, *args, **kwargs)

    return run


api.add_decorator(_as_caller)


@api.get("/", auth=None, include_in_schema=False, url_name="root")
def root(request):
    """Where to start: the OpenAPI document and the browsable docs (public, like /healthz)."""
    return {
        "name": api.title,
        "version": api.version,
        "openapi": request.build_absolute_uri("openapi.json"),
        "docs": request.build_absolute_uri("docs"),
    }


def _mount() -> None:
    from danvan.api import files
    from danvan.api.routers import (
        accounts,
        directions,
        geo,
        meetings,
        orgs,
        planning,
        practices,
        reporting,
        situations,
        tasks,
        training,
    )

    for module in (
        accounts,
        geo,
        orgs,
        planning,
        tasks,
        reporting,
        directions,
        meetings,
        practices,
        situations,
        training,
    ):
        api.add_router("/", module.router)
    api.add_router("/", files.router)


_mount()
