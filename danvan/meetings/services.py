"""Steps on conferences: issuing the notice of conclusions and turning its items into tasks."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.models import Role, User
from danvan.core.audit import as_actor
from danvan.core.notify import notify
from danvan.core.numbering import PARTY, next_number, remember_number, symbol
from danvan.meetings.models import Conclusion, ConclusionItem, Meeting
from danvan.tasks.services import create_task

NOTICE = "TB"


def _issuer(meeting: Meeting) -> tuple[str, str, str]:
    """(counter key, symbol, style): the committee's notices for its conferences, else the
    organising unit's own."""
    if meeting.committee_id:
        committee = meeting.committee
        return f"committee:{committee.pk}", committee.symbol, committee.document_style
    org = meeting.organization
    return f"org:{org.pk}", org.symbol or org.short_name, org.document_style or PARTY


def _require_writer(meeting: Meeting, user) -> None:
    if not user.has_perm("meetings.change_meeting", meeting):
        raise PermissionDenied


@transaction.atomic
def issue_conclusion(
    meeting: Meeting,
    *,
    acting_user,
    issued_on: date,
    signer: str = "",
    summary: str = "",
    number: int | None = None,
) -> Conclusion:
    """Number the notice of conclusions: the next free number of the year, or the number
    typed from the paper notice (then never issued again)."""
    _require_writer(meeting, acting_user)
    if Conclusion.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("This conference already has its notice of conclusions."))
    key, issuer_symbol, style = _issuer(meeting)
    if number:
        text = symbol(number, NOTICE, issuer_symbol, style)
        if Conclusion.objects.filter(symbol=text, issued_on__year=issued_on.year).exists():
            raise ValidationError(
                {"number": _("Number %(symbol)s is already used.") % {"symbol": text}}
            )
        remember_number(key, NOTICE, issued_on.year, number)
    else:
        number = next_number(key, NOTICE, issued_on.year)
        text = symbol(number, NOTICE, issuer_symbol, style)
    with as_actor(acting_user):
        return Conclusion.objects.create(
            meeting=meeting,
            number=number,
            symbol=text,
            issued_on=issued_on,
            signer=signer,
            summary=summary,
            created_by=acting_user,
        )


@transaction.atomic
def add_conclusion_item(
    conclusion: Conclusion,
    *,
    acting_user,
    content: str,
    lead,
    coordinators=(),
    due_date: date | None = None,
    expected_result: str = "",
) -> ConclusionItem:
    """Add a request of the conclusions; it is assigned at once, as a task followed to a result
    that the standing office confirms."""
    meeting = conclusion.meeting
    _require_writer(meeting, acting_user)
    if due_date and due_date < conclusion.issued_on:
        raise ValidationError({"due_date": _("The due date is before the notice was issued.")})
    last = conclusion.items.order_by("-order").values_list("order", flat=True).first() or 0
    with as_actor(acting_user):
        item = ConclusionItem.objects.create(
            conclusion=conclusion,
            order=last + 1,
            content=content.strip(),
            lead=lead,
            due_date=due_date,
            expected_result=expected_result,
        )
        item.coordinators.set([c for c in coordinators if c.pk != lead.pk])
    title = content.strip().split("\n")[0]
    task = create_task(
        acting_user=acting_user,
        source=item,
        title=title if len(title) <= 300 else title[:297] + "…",
        description=content.strip(),
        owner=meeting.organization,
        lead=lead,
        coordinators=list(item.coordinators.all()),
        start_date=conclusion.issued_on,
        due_date=due_date,
        expected_result=expected_result,
        requires_confirmation=True,
        is_published=True,
    )
    notify(
        User.objects.filter(organization=lead, is_active=True).exclude(role=Role.VIEWER),
        _("New task from the conclusions %(symbol)s: %(title)s")
        % {"symbol": conclusion.symbol, "title": task.title},
        task.get_absolute_url(),
        event_key=f"conclusion-item:{item.pk}:assigned",
    )
    return item
