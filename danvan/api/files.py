"""Files through the API: attached with the pages' checks (judged by content, size-limited), all
or nothing, and served only to whoever may see what they are attached to (core.uploads)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Router

from danvan.api.schemas import Schema, responses
from danvan.core.audit import as_actor
from danvan.core.uploads import attach, attachment_for, attachment_response, check_upload

router = Router(tags=["Tệp đính kèm"])


class AttachmentOut(Schema):
    key: UUID
    name: str
    mime_type: str
    size: int
    sha256: str
    role: str
    uploaded_at: datetime
    uploaded_by_id: int
    url: str

    @staticmethod
    def resolve_url(item) -> str:
        return f"/api/v1/attachments/{item.key}"


def attach_files(request, owner, files, *, allowed: tuple[str, ...], role: str) -> list:
    """Every file checked before any is kept: one refused, none attached (422, each file's
    reason); otherwise all attached to `owner`, audited as the caller."""
    if not files:
        raise ValidationError({"files": [_("Choose at least one file.")]})
    reasons = []
    for upload in files:
        try:
            check_upload(upload, allowed)
        except ValidationError as exc:
            reasons += exc.messages
    if reasons:
        raise ValidationError({"files": reasons})
    with as_actor(request.auth), transaction.atomic():
        return [
            attach(owner, upload, user=request.auth, role=role, allowed=allowed) for upload in files
        ]


@router.get("/attachments/{key}", response=responses(200, None), url_name="attachment_download")
def download(request, key: str):
    """Tải một tệp đính kèm (chỉ khi được xem hồ sơ chứa nó; nếu không, hay mã sai: 404)."""
    return attachment_response(attachment_for(request.auth, key))
