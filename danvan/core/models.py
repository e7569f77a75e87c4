from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold, sort_key


class IndexedModel(models.Model):
    """Keeps a folded search column and a Vietnamese sort key up to date on save.

    Subclasses name the fields that feed search (SEARCH_FIELDS) and the one that sorts
    (SORT_FIELD). bulk_create skips save(): call refresh_index_fields() on each object first.
    """

    SEARCH_FIELDS: tuple[str, ...] = ()
    SORT_FIELD: str | None = None

    search_text = models.TextField(editable=False, default="")
    sort_key = models.TextField(editable=False, default="", db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_index_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "sort_key"}
        super().save(*args, **kwargs)

    def refresh_index_fields(self) -> None:
        parts = []
        for name in self.SEARCH_FIELDS:
            value = self
            for attr in name.split("__"):
                value = getattr(value, attr, None) if value is not None else None
            if value:
                parts.append(str(value))
        self.search_text = fold(" ".join(parts))
        if self.SORT_FIELD:
            self.sort_key = sort_key(str(getattr(self, self.SORT_FIELD) or ""))


class DocumentCounter(models.Model):
    """The last number issued per issuer, document kind and year (see core.numbering)."""

    issuer = models.CharField(max_length=50)
    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "kind", "year"], name="unique_document_counter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.issuer} {self.year}: {self.last}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("content"), max_length=500)
    url = models.CharField(max_length=500, blank=True)
    # The step that caused it, so the same step never notifies twice (see core.notify).
    event_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"],
                condition=~models.Q(event_key=""),
                name="unique_notification_per_event",
            )
        ]

    def __str__(self) -> str:
        return self.text


def _attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is random: the user's file name is kept in `name` only, so nothing
    # about a file's path can be guessed from what users see.
    return f"attachments/{instance.uploaded_at:%Y/%m}/{instance.key.hex}"


class Attachment(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    # What the attachment is to its owner (e.g. "evidence", "photo"), for owners with several kinds.
    role = models.CharField(max_length=30, blank=True)
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:attachment", args=[self.key])


class SharedQuerySet(models.QuerySet):
    """Registries every signed-in user may read (units, organisations, the committee…)."""

    def visible_to(self, user):
        return self if getattr(user, "is_authenticated", False) else self.none()
