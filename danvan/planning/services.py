"""Workflow steps on programs and plans. Each is atomic, takes `acting_user`, checks the
permission and writes the audit entry; pages and the API call these to change anything."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import is_coordinator
from danvan.core.audit import as_actor, log_action
from danvan.core.concurrency import save_checked
from danvan.core.notify import notify
from danvan.core.numbering import next_number, remember_number, symbol
from danvan.core.workflow import Transition, Workflow, WorkflowError
from danvan.planning.models import PLAN_KIND, PROGRAM_KIND, Plan, Program
from danvan.tasks import services as task_services
from danvan.tasks.models import Task, source_tasks

PLAN_WORKFLOW = Workflow(
    [
        Transition(
            "submit",
            (Plan.DRAFT, Plan.RETURNED),
            Plan.SUBMITTED,
            gettext_lazy("Send for approval"),
            lambda u, p: u.has_perm("planning.change_plan", p),
        ),
        Transition(
            "approve",
            (Plan.SUBMITTED,),
            Plan.APPROVED,
            gettext_lazy("Approve"),
            lambda u, p: u.has_perm("planning.approve_plan", p),
            style="success",
        ),
        Transition(
            "return",
            (Plan.SUBMITTED,),
            Plan.RETURNED,
            gettext_lazy("Return"),
            lambda u, p: u.has_perm("planning.approve_plan", p),
            needs_note=True,
            style="warning",
        ),
    ]
)


# --- numbers -------------------------------------------------------------------------------


def program_issuer(program_or_committee) -> str:
    committee = getattr(program_or_committee, "committee", program_or_committee)
    return f"committee:{committee.pk}"


def plan_issuer(organization) -> str:
    return f"org:{organization.pk}"


def _program_symbol(committee, number: int) -> str:
    return symbol(number, PROGRAM_KIND, committee.symbol, committee.document_style)


def _plan_symbol(organization, number: int) -> str:
    return symbol(number, PLAN_KIND, organization.symbol or "…", organization.document_style)


# --- programs ------------------------------------------------------------------------------


def _check_years(start_year: int, end_year: int) -> None:
    if end_year < start_year:
        raise ValidationError({"end_year": _("The last year is before the first.")})


@transaction.atomic
def create_program(
    *,
    acting_user,
    committee,
    title: str,
    start_year: int,
    end_year: int | None = None,
    summary: str = "",
    issued_on=None,
) -> Program:
    if not acting_user.has_perm("planning.change_program"):
        raise PermissionDenied
    end_year = end_year or start_year
    _check_years(start_year, end_year)
    number = next_number(program_issuer(committee), PROGRAM_KIND, start_year)
    with as_actor(acting_user):
        return Program.objects.create(
            committee=committee,
            title=title.strip(),
            start_year=start_year,
            end_year=end_year,
            summary=summary,
            issued_on=issued_on,
            number=number,
            number_year=start_year,
            symbol=_program_symbol(committee, number),
            created_by=acting_user,
        )


@transaction.atomic
def update_program(
    program: Program, *, acting_user, version: int | None = None, **fields
) -> Program:
    if not acting_user.has_perm("planning.change_program", program):
        raise PermissionDenied
    _check_years(
        fields.get("start_year", program.start_year), fields.get("end_year", program.end_year)
    )
    with as_actor(acting_user):
        for name, value in fields.items():
            setattr(program, name, value)
        save_checked(program, version)
    return program


@transaction.atomic
def renumber_program(program: Program, *, acting_user, number: int) -> Program:
    """Take the number of the paper document already issued."""
    if not acting_user.has_perm("planning.renumber", program):
        raise PermissionDenied
    program = Program.objects.select_for_update().get(pk=program.pk)
    if (
        Program.objects.filter(
            committee=program.committee, number_year=program.number_year, number=number
        )
        .exclude(pk=program.pk)
        .exists()
    ):
        raise ValidationError({"number": _("Another program already has this number.")})
    old = program.symbol
    program.number = number
    program.symbol = _program_symbol(program.committee, number)
    _save_number(program, acting_user, old)
    remember_number(program_issuer(program), PROGRAM_KIND, program.number_year, number)
    return program


def _save_number(obj, acting_user, old_symbol: str) -> None:
    from auditlog.context import disable_auditlog

    try:
        with transaction.atomic(), disable_auditlog():
            obj.save(update_fields=["number", "symbol"])
    except IntegrityError:
        raise ValidationError({"number": _("This number is already taken.")}) from None
    log_action(
        obj,
        "renumber",
        actor=acting_user,
        label=_("Number-symbol set from the paper document"),
        changes={"symbol": [old_symbol, obj.symbol]},
    )


# --- plans ---------------------------------------------------------------------------------


def _check_year(program: Program, year: int) -> None:
    if year not in program.years:
        raise ValidationError(
            {
                "year": _("The plan's year must be within the program (%(period)s).")
                % {"period": program.period_label}
            }
        )


@transaction.atomic
def create_plan(
    *, acting_user, program: Program, organization, title: str, year: int, summary: str = ""
) -> Plan:
    if not acting_user.has_perm("planning.add_plan", program):
        raise PermissionDenied
    if not is_coordinator(acting_user) and organization.pk != acting_user.organization_id:
        raise PermissionDenied(_("You may only draft plans of your own organisation."))
    _check_year(program, year)
    number = next_number(plan_issuer(organization), PLAN_KIND, year)
    with as_actor(acting_user):
        return Plan.objects.create(
            program=program,
            organization=organization,
            title=title.strip(),
            year=year,
            summary=summary,
            number=number,
            number_year=year,
            symbol=_plan_symbol(organization, number),
            created_by=acting_user,
        )


def _check_editable(plan: Plan, acting_user) -> None:
    if not acting_user.has_perm("planning.change_plan", plan):
        raise PermissionDenied
    if not plan.is_editable:
        raise WorkflowError(
            _("An approved or submitted plan is frozen: changes go through a new revision.")
            if plan.status in (Plan.APPROVED, Plan.SUPERSEDED)
            else _("This plan is waiting for approval and cannot be changed now.")
        )


@transaction.atomic
def update_plan(plan: Plan, *, acting_user, version: int | None = None, **fields) -> Plan:
    _check_editable(plan, acting_user)
    if "year" in fields:
        _check_year(plan.program, fields["year"])
    with as_actor(acting_user):
        for name, value in fields.items():
            setattr(plan, name, value)
        save_checked(plan, version)
    return plan


@transaction.atomic
def add_plan_task(plan: Plan, *, acting_user, lead=None, **task_fields) -> Task:
    """A task of the plan: owned by the plan's organisation, unpublished until approval."""
    _check_editable(plan, acting_user)
    return task_services.create_task(
        acting_user=acting_user,
        source=plan,
        owner=plan.organization,
        lead=lead or plan.organization,
        is_published=False,
        **task_fields,
    )


def plan_of(task: Task) -> Plan:
    plan = task.source
    if not isinstance(plan, Plan):
        raise ValueError("not a plan task")
    return plan


@transaction.atomic
def change_plan_task(task: Task, *, acting_user, **fields) -> Task:
    _check_editable(plan_of(task), acting_user)
    return task_services.update_task(task, acting_user=acting_user, **fields)


@transaction.atomic
def remove_plan_task(task: Task, *, acting_user) -> None:
    _check_editable(plan_of(task), acting_user)
    task_services.delete_task(task, acting_user=acting_user)


@transaction.atomic
def renumber_plan(plan: Plan, *, acting_user, number: int) -> Plan:
    if not acting_user.has_perm("planning.renumber", plan):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if (
        Plan.objects.filter(
            organization=plan.organization, number_year=plan.number_year, number=number
        )
        .exclude(pk=plan.pk)
        .exists()
    ):
        raise ValidationError({"number": _("Another plan of this organisation has this number.")})
    old = plan.symbol
    plan.number = number
    plan.symbol = _plan_symbol(plan.organization, number)
    _save_number(plan, acting_user, old)
    remember_number(plan_issuer(plan.organization), PLAN_KIND, plan.number_year, number)
    return plan


def _standing_office_users():
    from danvan.accounts.models import Role, User

    return User.objects.filter(role=Role.STANDING, is_active=True)


def _organization_users(plan: Plan):
    return plan.organization.users.filter(is_active=True)


def submit_plan(plan: Plan, *, acting_user, note: str = "") -> Plan:
    """Gửi duyệt: the plan goes to the standing office."""
    if not source_tasks(plan).exists():
        raise WorkflowError(_("Add at least one task before sending the plan for approval."))
    now = timezone.now()
    with transaction.atomic():
        plan = PLAN_WORKFLOW.apply(
            plan, "submit", acting_user=acting_user, note=note, changes={"submitted_at": now}
        )
        notify(
            _standing_office_users(),
            _("%(org)s sent plan %(plan)s for approval.")
            % {"org": plan.organization.display_name, "plan": plan.symbol},
            plan.get_absolute_url(),
            event_key=f"plan:{plan.pk}:submitted:{now.timestamp()}",
        )
    return plan


def approve_plan(plan: Plan, *, acting_user, note: str = "") -> Plan:
    """Phê duyệt: the plan is frozen, its tasks are published, and the revision it makes
    supersedes the approved plan it revises."""

    def publish(locked: Plan) -> None:
        task_services.publish_source_tasks(locked)
        previous = locked.previous
        if previous is not None:
            old_status = previous.status
            Plan.objects.filter(pk=previous.pk).update(status=Plan.SUPERSEDED)
            log_action(
                previous,
                "supersede",
                actor=acting_user,
                label=_("Replaced by revision %(n)s") % {"n": locked.revision},
                changes={"status": [old_status, Plan.SUPERSEDED]},
            )
            task_services.supersede_source_tasks(previous, locked, acting_user=acting_user)

    now = timezone.now()
    with transaction.atomic():
        plan = PLAN_WORKFLOW.apply(
            plan,
            "approve",
            acting_user=acting_user,
            note=note,
            changes={"approved_at": now, "approved_by": acting_user, "return_reason": ""},
            extra=publish,
        )
        notify(
            _organization_users(plan),
            _("Plan %(plan)s is approved.") % {"plan": plan.symbol},
            plan.get_absolute_url(),
            event_key=f"plan:{plan.pk}:approved",
        )
    return plan


def return_plan(plan: Plan, *, acting_user, note: str) -> Plan:
    """Trả lại: back to its organisation with the reason."""
    with transaction.atomic():
        plan = PLAN_WORKFLOW.apply(
            plan,
            "return",
            acting_user=acting_user,
            note=note,
            changes={"return_reason": (note or "").strip()},
        )
        notify(
            _organization_users(plan),
            _("Plan %(plan)s was returned: %(reason)s")
            % {"plan": plan.symbol, "reason": plan.return_reason},
            plan.get_absolute_url(),
            event_key=f"plan:{plan.pk}:returned:{timezone.now().timestamp()}",
        )
    return plan


@transaction.atomic
def revise_plan(plan: Plan, *, acting_user) -> Plan:
    """Start a revision of an approved plan: a new draft with a copy of its tasks. The approved
    plan stays in force, and readable, until the revision is approved."""
    if not acting_user.has_perm("planning.change_plan", plan):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().select_related("organization").get(pk=plan.pk)
    if plan.status != Plan.APPROVED:
        raise WorkflowError(_("Only an approved plan can be revised."))
    if Plan.objects.filter(previous=plan).exists():
        raise WorkflowError(_("A revision of this plan is already in progress."))
    number = next_number(plan_issuer(plan.organization), PLAN_KIND, plan.year)
    with as_actor(acting_user):
        revision = Plan.objects.create(
            program_id=plan.program_id,
            organization=plan.organization,
            title=plan.title,
            year=plan.year,
            summary=plan.summary,
            revision=plan.revision + 1,
            previous=plan,
            number=number,
            number_year=plan.year,
            symbol=_plan_symbol(plan.organization, number),
            created_by=acting_user,
        )
        task_services.copy_source_tasks(plan, revision, acting_user=acting_user)
    log_action(
        plan,
        "revise",
        actor=acting_user,
        label=_("Revision %(n)s started") % {"n": revision.revision},
    )
    return revision
