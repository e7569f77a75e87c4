"""Optimistic locking: the second of two people saving the same record is told, not overwritten."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _


class ConcurrentEditError(Exception):
    def __init__(self):
        super().__init__(
            _(
                "Someone else saved this record after you opened it. Reload the page to see their changes, then make yours again."
            )
        )


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save_if_unchanged(self, expected_version: int, **save_kwargs) -> None:
        """Save only if nobody saved since `expected_version` was read; bump the version."""
        with transaction.atomic():
            claimed = (
                type(self)
                ._default_manager.filter(pk=self.pk, version=expected_version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise ConcurrentEditError()
            self.version = expected_version + 1
            self.save(**save_kwargs)


def save_checked(obj: VersionedModel, expected_version: int | None, **save_kwargs) -> None:
    """Save, refusing when someone saved since `expected_version` was shown to the user.

    None means there was no form to compare with (a script, a step holding the row lock).
    """
    if expected_version is None:
        obj.save(**save_kwargs)
    else:
        obj.save_if_unchanged(expected_version, **save_kwargs)
