from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import as_actor, log_action
from danvan.orgs.models import Organization, OrganizationName


@transaction.atomic
def rename_organization(
    org: Organization,
    *,
    acting_user,
    new_name: str,
    effective: date,
    new_short_name: str = "",
    note: str = "",
) -> Organization:
    """Give an organisation a new name from `effective` on, keeping the old one for the past.

    Figures and documents dated before `effective` keep showing the old name (name_on).
    """
    with as_actor(acting_user):
        history = list(org.names.all())
        if not history:
            OrganizationName.objects.create(
                organization=org,
                name=org.name,
                valid_from=org.valid_from,
                valid_to=effective - timedelta(days=1),
            )
        else:
            current = history[-1]
            current.valid_to = effective - timedelta(days=1)
            current.save()
        OrganizationName.objects.create(
            organization=org, name=new_name, valid_from=effective, note=note
        )
        old_name = org.name
        former = [n for n in org.former_names.split(" | ") if n]
        org.former_names = " | ".join([*former, old_name] if old_name not in former else former)
        org.name = new_name
        if new_short_name:
            org.short_name = new_short_name
        org.save()
        log_action(
            org,
            "rename",
            actor=acting_user,
            label=_("Renamed"),
            note=note,
            changes={"name": [old_name, new_name]},
        )
    return org
