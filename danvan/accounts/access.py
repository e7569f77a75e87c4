"""Who may see and do what: the one vocabulary used by pages, API, search, exports and counts.

Predicates are `rules` predicates so they combine with | and &; object permissions are
registered as `<app>.<verb>_<thing>` and checked with `user.has_perm(perm, obj)`.
Querysets are scoped by each model's `visible_to(user)`; the fetch helpers below turn
"not in your scope" into 404 and "visible but not yours to change" into 403.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from danvan.accounts.models import Role


def _role(user) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return Role.ADMIN if user.is_superuser else user.role


@rules.predicate
def is_admin(user) -> bool:
    return _role(user) == Role.ADMIN


@rules.predicate
def is_leadership(user) -> bool:
    return _role(user) == Role.LEADER


@rules.predicate
def is_standing_office(user) -> bool:
    return _role(user) == Role.STANDING


@rules.predicate
def is_focal_officer(user) -> bool:
    return _role(user) == Role.FOCAL


@rules.predicate
def is_viewer(user) -> bool:
    return _role(user) == Role.VIEWER


@rules.predicate
def is_signed_in(user) -> bool:
    return _role(user) is not None


# Sees every organisation's non-confidential work (drafts included).
is_committee_wide = is_admin | is_leadership | is_standing_office
# May change shared registries and confirm others' work.
is_coordinator = is_admin | is_standing_office
# May write anything at all (a viewer only reads).
can_write = is_signed_in & ~is_viewer


def belongs_to(user, organization_id) -> bool:
    return (
        bool(_role(user))
        and organization_id is not None
        and user.organization_id == organization_id
    )


rules.add_perm("orgs.change_registry", is_coordinator)
rules.add_perm("accounts.manage_users", is_admin)


def get_for_user(queryset, user, pk, *, perm: str | None = None):
    """Fetch one object from `queryset.visible_to(user)`: 404 outside the user's scope;
    403 when `perm` is given and the user lacks it on this object."""
    try:
        obj = queryset.visible_to(user).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if perm is not None and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj
