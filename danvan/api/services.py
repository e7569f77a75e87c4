"""Steps on API tokens: create (the token is returned once, never stored) and revoke."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.api.models import PREFIX_LENGTH, ApiToken, hash_token, new_raw_token
from danvan.core.audit import as_actor, log_action


@transaction.atomic
def create_token(*, acting_user, name: str, expires_on: date | None = None) -> tuple[ApiToken, str]:
    """A new token of `acting_user`, valid until the end of `expires_on` (None: no expiry).
    Returns the row and the token itself, which is shown once and never kept."""
    if not getattr(acting_user, "is_authenticated", False) or not acting_user.is_active:
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name (what it is for).")})
    expires_at = None
    if expires_on is not None:
        today = timezone.localdate()
        if expires_on < today:
            raise ValidationError({"expires_on": _("The expiry date is in the past.")})
        if expires_on > today + timedelta(days=settings.DANVAN_API_TOKEN_MAX_DAYS):
            raise ValidationError(
                {
                    "expires_on": _("A token may last at most %(n)d days.")
                    % {"n": settings.DANVAN_API_TOKEN_MAX_DAYS}
                }
            )
        expires_at = timezone.make_aware(datetime.combine(expires_on + timedelta(days=1), time()))
    raw = new_raw_token()
    with as_actor(acting_user):
        token = ApiToken.objects.create(
            user=acting_user,
            name=name[:100],
            prefix=raw[:PREFIX_LENGTH],
            key_hash=hash_token(raw),
            expires_at=expires_at,
        )
    return token, raw


@transaction.atomic
def revoke_token(token: ApiToken, *, acting_user) -> ApiToken:
    """The token stops working at once; the row stays as the record of its use."""
    if token.user_id != acting_user.pk:
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        with disable_auditlog():  # the entry below says it, once
            token.save(update_fields=["revoked_at"])
        log_action(
            token,
            "revoke",
            actor=acting_user,
            label=_("API token revoked"),
            changes={"revoked_at": ["None", str(token.revoked_at)]},
        )
    return token


def user_for_token(raw: str) -> tuple[ApiToken | None, str]:
    """(token, "") for a valid token; (None, reason) otherwise: "invalid" or "expired"."""
    if not raw:
        return None, "invalid"
    token = (
        ApiToken.objects.select_related("user", "user__organization")
        .filter(key_hash=hash_token(raw.strip()), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None, "invalid"
    if token.is_expired:
        return None, "expired"
    now = timezone.now()
    # Written at most once a minute per token, so a busy client does not write on every call.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token, ""
