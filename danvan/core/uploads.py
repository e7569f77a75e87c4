"""Attachments: checked by content (not by name), size-limited, stored outside static files."""

from __future__ import annotations

import hashlib

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.models import Attachment

DOCUMENTS = ("pdf", "docx", "xlsx")
IMAGES = ("jpg", "png", "gif", "webp")
_MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}


def check_upload(upload, allowed: tuple[str, ...] = DOCUMENTS + IMAGES) -> str:
    """Return the detected kind of an uploaded file, or raise ValidationError saying why not."""
    limit = settings.DANVAN_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size).1f MB; the limit is %(limit)d MB.")
            % {
                "name": upload.name,
                "size": upload.size / 1048576,
                "limit": settings.DANVAN_MAX_UPLOAD_MB,
            }
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = kind.extension if kind else None
    if extension == "zip" or extension is None:
        extension = _office_kind(upload) or extension
    if extension not in allowed:
        raise ValidationError(
            _("“%(name)s” is not an allowed file: only %(kinds)s are accepted.")
            % {"name": upload.name, "kinds": ", ".join(k.upper() for k in allowed)}
        )
    return extension


def _office_kind(upload) -> str | None:
    # filetype reads only the first bytes; a DOCX/XLSX written by LibreOffice may not show its
    # kind there, so look inside the zip for the part that names it.
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def attach(
    owner, upload, *, user, role: str = "", allowed: tuple[str, ...] = DOCUMENTS + IMAGES
) -> Attachment:
    kind = check_upload(upload, allowed)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
        role=role,
        name=upload.name[:255],
        mime_type=_MIME[kind],
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
        uploaded_at=timezone.now(),
    )
    attachment.file.save(attachment.key.hex, upload, save=False)
    attachment.save()
    return attachment


def attachments_of(owner, role: str | None = None):
    qs = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk
    ).select_related("uploaded_by")
    return qs.filter(role=role) if role is not None else qs


def attachment_for(user, key):
    """The attachment with this key, if `user` may see what it is attached to; else Http404
    (whether it exists or not)."""
    from django.http import Http404

    try:
        item = Attachment.objects.select_related("content_type").get(key=key)
    except (Attachment.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    owner_model = item.content_type.model_class()
    if (
        owner_model is None
        or not owner_model._default_manager.visible_to(user).filter(pk=item.object_id).exists()
    ):
        raise Http404
    return item


def attachment_response(item):
    """The file as a download, never rendered inline nor kept by a shared cache."""
    from django.http import FileResponse

    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.name, content_type=item.mime_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
