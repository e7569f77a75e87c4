"""Workflow steps on proposals. Each is atomic, takes `acting_user`, checks the actor and the
state (through PROPOSAL_WORKFLOW), writes one audit entry naming the step and what was said, and
tells the people who act next. Pages and the API call these and nothing else.

    draft ──send──▶ sent ──register──▶ registered ──forward──▶ forwarded ──agree/assign──▶ directed
      ▲               │                    │  └──close──▶ closed            ├──decline──▶ declined
      └──(edit)── returned ◀──return───────┘                                └──ask_more─▶ returned
                                                        directed ──assign (more tasks) / close
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import belongs_to, can_write, is_coordinator, is_leadership
from danvan.accounts.models import Role, User
from danvan.core.audit import as_actor, history
from danvan.core.notify import notify
from danvan.core.numbering import next_number, symbol
from danvan.core.uploads import attach
from danvan.core.workflow import Transition, Workflow, WorkflowError
from danvan.directions.models import Direction, Proposal
from danvan.orgs.models import Committee
from danvan.tasks.models import Task
from danvan.tasks.services import create_task

INCOMING_KIND = "DEN"  # the incoming register's counter in core.numbering


def _sender(user, proposal) -> bool:
    return bool(can_write(user)) and belongs_to(user, proposal.organization_id)


def _office(user, proposal) -> bool:
    return bool(is_coordinator(user))


def _leader(user, proposal) -> bool:
    return bool(is_leadership(user))


def _closable(user, proposal) -> bool:
    return bool(is_coordinator(user)) or (
        bool(is_leadership(user)) and proposal.status == Proposal.DIRECTED
    )


P = Proposal
PROPOSAL_WORKFLOW = Workflow(
    [
        Transition("send", (P.DRAFT, P.RETURNED), P.SENT, gettext_lazy("Send"), _sender),
        Transition("register", (P.SENT,), P.REGISTERED, gettext_lazy("Register"), _office),
        Transition(
            "forward",
            (P.REGISTERED,),
            P.FORWARDED,
            gettext_lazy("Forward to the head"),
            _office,
            needs_note=True,
        ),
        Transition(
            "return",
            (P.SENT, P.REGISTERED),
            P.RETURNED,
            gettext_lazy("Return"),
            _office,
            needs_note=True,
            style="warning",
        ),
        Transition(
            "agree",
            (P.FORWARDED,),
            P.DIRECTED,
            gettext_lazy("Agree"),
            _leader,
            needs_note=True,
            style="success",
        ),
        Transition(
            "assign",
            (P.FORWARDED, P.DIRECTED),
            P.DIRECTED,
            gettext_lazy("Assign tasks"),
            _leader,
            needs_note=True,
        ),
        Transition(
            "decline",
            (P.FORWARDED,),
            P.DECLINED,
            gettext_lazy("Do not agree"),
            _leader,
            needs_note=True,
            style="outline-danger",
        ),
        Transition(
            "ask_more",
            (P.FORWARDED,),
            P.RETURNED,
            gettext_lazy("Ask for more information"),
            _leader,
            needs_note=True,
            style="warning",
        ),
        Transition(
            "close",
            (P.REGISTERED, P.DIRECTED),
            P.CLOSED,
            gettext_lazy("Close"),
            _closable,
            style="outline-secondary",
        ),
    ]
)

# Set by the demo loader: in-app notifications are kept, emails are not sent.
_quiet = contextvars.ContextVar("directions_quiet", default=False)


@contextmanager
def without_email():
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


# ---------------------------------------------------------------------------------------------
# Who is told


def organization_users(organization) -> list[User]:
    if organization is None:
        return []
    return list(
        User.objects.filter(organization=organization, is_active=True).exclude(role=Role.VIEWER)
    )


def standing_office_users() -> list[User]:
    return list(User.objects.filter(role=Role.STANDING, is_active=True))


def leadership_users() -> list[User]:
    return list(User.objects.filter(role=Role.LEADER, is_active=True))


def _tell(recipients: Iterable[User], proposal: Proposal, text: str, acting_user) -> int:
    """Notify once per step: the event key names the step's own audit entry, so a retried
    request (which the workflow refuses anyway) or a second call adds nothing."""
    entry = history(proposal).first()
    key = f"proposal:{proposal.pk}:step:{entry.pk if entry else 0}"
    people = [u for u in recipients if u.pk != getattr(acting_user, "pk", None)]
    return notify(
        people,
        f"{text}: {proposal.title}",
        proposal.get_absolute_url(),
        event_key=key,
        email=not _quiet.get(),
    )


# ---------------------------------------------------------------------------------------------
# Writing


def default_committee() -> Committee:
    committee = Committee.objects.order_by("pk").first()
    if committee is None:
        raise WorkflowError(_("No steering committee is registered yet."))
    return committee


@transaction.atomic
def create_proposal(
    *,
    acting_user,
    title: str,
    kind: str = Proposal.PROPOSAL,
    summary: str = "",
    content: str = "",
    area=None,
    units: Iterable = (),
    related_tasks: Iterable = (),
    files: Iterable = (),
    organization=None,
    committee=None,
) -> Proposal:
    if not acting_user.has_perm("directions.add_proposal"):
        raise PermissionDenied
    organization = organization or acting_user.organization
    if not belongs_to(acting_user, organization.pk):
        raise PermissionDenied
    proposal = Proposal(
        committee=committee or default_committee(),
        organization=organization,
        author=acting_user,
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        content=content.strip(),
        area=area,
    )
    with as_actor(acting_user):
        proposal.save()
        proposal.units.set(units)
        proposal.related_tasks.set(related_tasks)
        for upload in files:
            attach(proposal, upload, user=acting_user)
    return proposal


@transaction.atomic
def update_proposal(
    proposal: Proposal,
    *,
    acting_user,
    expected_version: int,
    files: Iterable = (),
    units: Iterable | None = None,
    related_tasks: Iterable | None = None,
    **fields,
) -> Proposal:
    """Change a draft or a returned proposal (the sender completes it before resending)."""
    if not acting_user.has_perm("directions.change_proposal", proposal):
        raise PermissionDenied
    allowed = {"title", "kind", "summary", "content", "area"}
    with as_actor(acting_user):
        for name, value in fields.items():
            if name not in allowed:
                raise TypeError(name)
            setattr(proposal, name, value.strip() if isinstance(value, str) else value)
        proposal.save_if_unchanged(expected_version)
        if units is not None:
            proposal.units.set(units)
        if related_tasks is not None:
            proposal.related_tasks.set(related_tasks)
        for upload in files:
            attach(proposal, upload, user=acting_user)
    return proposal


def remove_attachment(proposal: Proposal, attachment, *, acting_user) -> None:
    if not acting_user.has_perm("directions.change_proposal", proposal):
        raise PermissionDenied
    if attachment.object_id != proposal.pk or attachment.content_type.model_class() is not Proposal:
        raise PermissionDenied
    with transaction.atomic(), as_actor(acting_user):
        attachment.file.delete(save=False)
        attachment.delete()


# ---------------------------------------------------------------------------------------------
# Steps


def _step(
    proposal: Proposal,
    action: str,
    *,
    acting_user,
    note: str = "",
    changes: dict | None = None,
    extra=None,
    expected_version: int | None = None,
) -> Proposal:
    """Take one workflow step. `expected_version` is the version the user's form was built
    from: a second identical POST finds the version moved on and is refused, so it never
    makes a second step (even where the state alone would allow it, as for assign)."""
    with transaction.atomic():
        if expected_version is not None:
            current = (
                Proposal.objects.select_for_update()
                .values_list("version", flat=True)
                .get(pk=proposal.pk)
            )
            if current != expected_version:
                raise WorkflowError(
                    _("This proposal has changed since you opened the page: reload it."),
                    code="stale",
                )

        def after(locked: Proposal) -> None:
            Proposal.objects.filter(pk=locked.pk).update(version=F("version") + 1)
            locked.version += 1
            if extra is not None:
                extra(locked)

        with as_actor(acting_user):
            return PROPOSAL_WORKFLOW.apply(
                proposal,
                action,
                acting_user=acting_user,
                note=note,
                changes=changes,
                extra=after,
            )


def send_proposal(
    proposal: Proposal,
    *,
    acting_user,
    note: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Proposal:
    """Gửi: the sender sends it to the committee; on first sending it takes the sender's own
    outgoing number when the organisation numbers its documents. A refused step rolls the
    number back with everything else."""
    at = at or timezone.now()
    changes: dict = {"sent_at": at, "return_note": ""}
    org = proposal.organization
    with transaction.atomic():
        fresh = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if fresh.outgoing_number is None and org.symbol:
            kind = Proposal.OUTGOING_KIND[fresh.kind]
            number = next_number(f"org:{org.pk}", kind, timezone.localtime(at).year)
            changes["outgoing_number"] = number
            changes["outgoing_symbol"] = symbol(number, kind, org.symbol, org.document_style)
        proposal = _step(
            proposal,
            "send",
            acting_user=acting_user,
            note=note,
            changes=changes,
            expected_version=expected_version,
        )
        _tell(standing_office_users(), proposal, _("Proposal sent"), acting_user)
    return proposal


def register_proposal(
    proposal: Proposal,
    *,
    acting_user,
    received_on: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Proposal:
    """Vào sổ: the standing office gives the next incoming number of the committee's year.

    A proposal sent again after a return keeps the number it was first registered under."""
    received_on = received_on or timezone.localdate()
    with transaction.atomic():
        fresh = Proposal.objects.select_for_update().get(pk=proposal.pk)
        changes: dict = {"incoming_date": received_on, "registered_by": acting_user}
        if fresh.incoming_number is None:
            changes["incoming_year"] = received_on.year
            changes["incoming_number"] = next_number(
                f"committee:{fresh.committee_id}", INCOMING_KIND, received_on.year
            )
        proposal = _step(
            proposal,
            "register",
            acting_user=acting_user,
            note=note,
            changes=changes,
            expected_version=expected_version,
        )
        _tell(
            organization_users(proposal.organization),
            proposal,
            _("Proposal registered as incoming no. %(n)s") % {"n": proposal.incoming_label},
            acting_user,
        )
    return proposal


def return_proposal(
    proposal: Proposal, *, acting_user, note: str, expected_version: int | None = None
) -> Proposal:
    """Trả lại: back to the sender for more information, with the reason."""
    with transaction.atomic():
        proposal = _step(
            proposal,
            "return",
            acting_user=acting_user,
            note=note,
            changes={"return_note": (note or "").strip()},
            expected_version=expected_version,
        )
        _tell(
            organization_users(proposal.organization),
            proposal,
            _("Proposal returned for more information"),
            acting_user,
        )
    return proposal


def forward_proposal(
    proposal: Proposal,
    *,
    acting_user,
    advice: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Proposal:
    """Trình: forwarded to the head with the standing office's advice (ý kiến tham mưu)."""
    with transaction.atomic():
        proposal = _step(
            proposal,
            "forward",
            acting_user=acting_user,
            note=advice,
            changes={
                "advice": (advice or "").strip(),
                "advised_by": acting_user,
                "advised_at": at or timezone.now(),
            },
            expected_version=expected_version,
        )
        _tell(leadership_users(), proposal, _("Proposal awaiting your direction"), acting_user)
    return proposal


def close_proposal(
    proposal: Proposal, *, acting_user, note: str = "", expected_version: int | None = None
) -> Proposal:
    """Kết thúc: filed for information, or all its assignments are finished."""
    if proposal.status == Proposal.DIRECTED and proposal.tasks().open().exists():
        raise WorkflowError(_("Some assignments of this proposal are still open."))
    with transaction.atomic():
        proposal = _step(
            proposal,
            "close",
            acting_user=acting_user,
            note=note,
            expected_version=expected_version,
        )
        _tell(
            organization_users(proposal.organization), proposal, _("Proposal closed"), acting_user
        )
    return proposal


def _direct(
    proposal: Proposal,
    action: str,
    decision: str,
    *,
    acting_user,
    text: str,
    at: datetime | None,
    expected_version: int | None,
    then=None,
) -> tuple[Direction, Proposal]:
    made: list[Direction] = []

    def record(locked: Proposal) -> None:
        direction = Direction.objects.create(
            proposal=locked,
            decision=decision,
            text=(text or "").strip(),
            directed_by=acting_user,
            directed_at=at or timezone.now(),
        )
        made.append(direction)
        if then is not None:
            then(locked, direction)

    changes = {"return_note": (text or "").strip()} if action == "ask_more" else None
    with transaction.atomic():
        proposal = _step(
            proposal,
            action,
            acting_user=acting_user,
            note=text,
            changes=changes,
            extra=record,
            expected_version=expected_version,
        )
        return made[0], proposal


def _decide(proposal, step, decision, told: str, **kwargs) -> Direction:
    """A direction that only answers (agree, decline, ask for more) and tells the sender and
    the standing office."""
    with transaction.atomic():
        direction, proposal = _direct(proposal, step, decision, **kwargs)
        _tell(
            organization_users(proposal.organization) + standing_office_users(),
            proposal,
            told,
            kwargs["acting_user"],
        )
    return direction


def agree_proposal(
    proposal: Proposal,
    *,
    acting_user,
    text: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Direction:
    return _decide(
        proposal,
        "agree",
        Direction.AGREE,
        _("The head agreed"),
        acting_user=acting_user,
        text=text,
        at=at,
        expected_version=expected_version,
    )


def decline_proposal(
    proposal: Proposal,
    *,
    acting_user,
    text: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Direction:
    return _decide(
        proposal,
        "decline",
        Direction.DECLINE,
        _("The head did not agree"),
        acting_user=acting_user,
        text=text,
        at=at,
        expected_version=expected_version,
    )


def ask_for_more(
    proposal: Proposal,
    *,
    acting_user,
    text: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Direction:
    """The head asks the sender for more information: the proposal goes back to them."""
    return _decide(
        proposal,
        "ask_more",
        Direction.MORE,
        _("The head asks for more information"),
        acting_user=acting_user,
        text=text,
        at=at,
        expected_version=expected_version,
    )


def assign_tasks(
    proposal: Proposal,
    *,
    acting_user,
    text: str,
    assignments: list[dict],
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Direction:
    """Giao nhiệm vụ: one direction creating one or more assignments, each with its lead,
    coordinating organisations, deadline and expected result. The proposing organisation owns
    them (it follows them); the standing office confirms their results."""
    if not assignments:
        raise ValidationError(_("Add at least one task to assign."))
    for item in assignments:
        if not item.get("title", "").strip() or item.get("lead") is None:
            raise ValidationError(_("Each task needs a title and a lead organisation."))
        if not item.get("due_date"):
            raise ValidationError(_("Each task needs a deadline."))
    when = at or timezone.now()
    created: list[Task] = []

    def make_tasks(locked: Proposal, direction: Direction) -> None:
        units = list(locked.units.all())
        for item in assignments:
            created.append(
                create_task(
                    acting_user=acting_user,
                    source=direction,
                    owner=locked.organization,
                    title=item["title"],
                    lead=item["lead"],
                    coordinators=item.get("coordinators") or (),
                    units=units,
                    area=locked.area,
                    description=item.get("description", ""),
                    expected_result=item.get("expected_result", ""),
                    start_date=timezone.localtime(when).date(),
                    due_date=item["due_date"],
                    requires_confirmation=True,
                    is_published=True,
                )
            )

    with transaction.atomic():
        direction, proposal = _direct(
            proposal,
            "assign",
            Direction.ASSIGN,
            acting_user=acting_user,
            text=text,
            at=at,
            expected_version=expected_version,
            then=make_tasks,
        )
        entry = history(proposal).first()
        for task in created:
            people = organization_users(task.lead)
            for org in task.coordinators.all():
                people += organization_users(org)
            notify(
                [u for u in people if u.pk != acting_user.pk],
                _("New task assigned: %(title)s") % {"title": task.title},
                proposal.get_absolute_url(),
                event_key=f"proposal:{proposal.pk}:step:{entry.pk}:task:{task.pk}",
                email=not _quiet.get(),
            )
        _tell(
            organization_users(proposal.organization) + standing_office_users(),
            proposal,
            _("The head assigned tasks"),
            acting_user,
        )
    return direction


STEP_FUNCTIONS = {
    "send": send_proposal,
    "register": register_proposal,
    "return": return_proposal,
    "forward": forward_proposal,
    "close": close_proposal,
    "agree": agree_proposal,
    "decline": decline_proposal,
    "ask_more": ask_for_more,
    "assign": assign_tasks,
}
