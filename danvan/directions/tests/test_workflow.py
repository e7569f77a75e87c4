"""The proposal's steps and their refusals, through the services."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.core.audit import history
from danvan.core.workflow import WorkflowError
from danvan.directions import services
from danvan.directions.models import Direction, Proposal
from danvan.directions.tests.helpers import assigned, draft, forwarded, registered, sent
from danvan.tasks.models import Task


def _steps(proposal):
    return [
        (e.additional_data["action"], e.actor.username, e.additional_data["note"])
        for e in history(proposal).order_by("timestamp", "id")
        if e.additional_data
    ]


def test_it_takes_a_proposal_from_draft_to_assigned_tasks(world):
    proposal, direction, task = assigned(world)
    assert proposal.status == Proposal.DIRECTED
    assert proposal.outgoing_symbol == "01-CV/HU"
    assert proposal.incoming_number == 1
    assert proposal.incoming_year == timezone.localdate().year
    assert proposal.incoming_date == timezone.localdate()
    assert proposal.advice == "Đề nghị Trưởng ban giao Hội Nông dân chủ trì."
    assert _steps(proposal) == [
        ("send", "vinhtuong", ""),
        ("register", "thuongtruc", ""),
        ("forward", "thuongtruc", "Đề nghị Trưởng ban giao Hội Nông dân chủ trì."),
        ("assign", "truongban", "Đồng ý. Giao Hội Nông dân tỉnh chủ trì, Bộ CHQS tỉnh phối hợp."),
    ]
    assert direction.decision == Direction.ASSIGN
    assert task.source == direction
    assert task.owner == world.org_vinh_tuong
    assert task.lead == world.hnd
    assert list(task.coordinators.all()) == [world.chqs]
    assert task.requires_confirmation and task.is_published
    assert task.state == Task.OPEN
    assert task.start_date == timezone.localdate()


def test_it_numbers_incoming_proposals_per_committee_and_year(world):
    first, second = registered(world), registered(world)
    assert (first.incoming_number, second.incoming_number) == (1, 2)
    assert second.incoming_label == f"2/{timezone.localdate().year}"
    assert (first.outgoing_number, second.outgoing_number) == (1, 2)


def test_it_gives_no_outgoing_number_to_an_organisation_without_a_symbol(world):
    world.org_vinh_tuong.symbol = ""
    world.org_vinh_tuong.save()
    proposal = sent(world)
    assert proposal.outgoing_number is None and proposal.outgoing_symbol == ""


def test_a_returned_proposal_is_completed_and_sent_again_keeping_its_numbers(world):
    proposal = registered(world)
    proposal = services.return_proposal(
        proposal, acting_user=world.thuongtruc, note="Bổ sung danh sách hộ dân tham gia."
    )
    assert proposal.status == Proposal.RETURNED
    assert proposal.return_note == "Bổ sung danh sách hộ dân tham gia."
    proposal = services.update_proposal(
        proposal,
        acting_user=world.vinhtuong,
        expected_version=proposal.version,
        content="Danh sách 120 hộ dân tham gia kèm theo.",
    )
    proposal = services.send_proposal(proposal, acting_user=world.vinhtuong)
    assert proposal.status == Proposal.SENT and proposal.return_note == ""
    proposal = services.register_proposal(proposal, acting_user=world.thuongtruc)
    assert proposal.incoming_number == 1 and proposal.outgoing_symbol == "01-CV/HU"
    assert [a for a, _who, _note in _steps(proposal)] == [
        "send",
        "register",
        "return",
        "send",
        "register",
    ]


def test_the_head_agrees_declines_or_asks_for_more(world):
    agreed = services.agree_proposal(
        forwarded(world), acting_user=world.truongban, text="Đồng ý với đề xuất."
    )
    assert agreed.proposal.status == Proposal.DIRECTED
    declined = services.decline_proposal(
        forwarded(world), acting_user=world.truongban, text="Chưa phù hợp thời điểm."
    )
    assert declined.proposal.status == Proposal.DECLINED
    more = services.ask_for_more(
        forwarded(world), acting_user=world.truongban, text="Làm rõ nguồn kinh phí."
    )
    more.proposal.refresh_from_db()
    assert more.proposal.status == Proposal.RETURNED
    assert more.proposal.return_note == "Làm rõ nguồn kinh phí."


def test_the_standing_office_closes_a_report_for_information(world):
    proposal = registered(world, kind=Proposal.QUICK_REPORT)
    assert proposal.outgoing_symbol == "01-BC/HU"
    proposal = services.close_proposal(proposal, acting_user=world.thuongtruc, note="Lưu hồ sơ.")
    assert proposal.status == Proposal.CLOSED


def test_a_directed_proposal_closes_only_when_its_assignments_are_finished(world, media):
    from danvan.tasks.services import confirm_result, report_result

    proposal, _direction, task = assigned(world)
    with pytest.raises(WorkflowError):
        services.close_proposal(proposal, acting_user=world.thuongtruc)
    report_result(task, acting_user=world.hoinongdan, text="Đã nạo vét 2 km.")
    confirm_result(task, acting_user=world.thuongtruc)
    proposal = services.close_proposal(proposal, acting_user=world.thuongtruc)
    assert proposal.status == Proposal.CLOSED


@pytest.mark.parametrize(
    ("step", "who", "state"),
    [
        ("send", "mttq", "draft"),  # another organisation
        ("send", "thuongtruc", "draft"),
        ("register", "vinhtuong", "sent"),  # the sender cannot register its own
        ("register", "truongban", "sent"),
        ("register", "xem", "sent"),
        ("forward", "hoinongdan", "registered"),
        ("agree", "thuongtruc", "forwarded"),  # the standing office does not direct
        ("assign", "quantri", "forwarded"),
        ("decline", "vinhtuong", "forwarded"),
    ],
)
def test_it_refuses_the_wrong_role_or_organisation(world, step, who, state):
    proposal = {"draft": draft, "sent": sent, "registered": registered, "forwarded": forwarded}[
        state
    ](world)
    before = LogEntry.objects.count()
    kwargs = {
        "send": {},
        "register": {},
        "forward": {"advice": "Ý kiến"},
        "agree": {"text": "Đồng ý"},
        "decline": {"text": "Không"},
        "assign": {
            "text": "Giao",
            "assignments": [
                {
                    "title": "Việc",
                    "lead": world.hnd,
                    "due_date": timezone.localdate() + timedelta(days=5),
                }
            ],
        },
    }[step]
    with pytest.raises(PermissionDenied):
        services.STEP_FUNCTIONS[step](proposal, acting_user=world.users[who], **kwargs)
    assert LogEntry.objects.count() == before
    assert Proposal.objects.get(pk=proposal.pk).status == proposal.status


@pytest.mark.parametrize(
    ("step", "state"),
    [
        ("register", "draft"),
        ("forward", "sent"),
        ("agree", "registered"),
        ("send", "sent"),
        ("return", "forwarded"),
        ("close", "sent"),
    ],
)
def test_it_refuses_a_step_in_the_wrong_state(world, step, state):
    proposal = {"draft": draft, "sent": sent, "registered": registered, "forwarded": forwarded}[
        state
    ](world)
    actor = {
        "register": "thuongtruc",
        "forward": "thuongtruc",
        "return": "thuongtruc",
        "close": "thuongtruc",
        "agree": "truongban",
        "send": "vinhtuong",
    }[step]
    kwargs = {"forward": {"advice": "Ý kiến"}, "agree": {"text": "Đồng ý"}}.get(step, {})
    if step == "return":
        kwargs = {"note": "Thiếu"}
    with pytest.raises(WorkflowError):
        services.STEP_FUNCTIONS[step](proposal, acting_user=world.users[actor], **kwargs)
    assert Proposal.objects.get(pk=proposal.pk).status == state


def test_a_refused_send_does_not_use_up_a_number(world):
    proposal = sent(world)
    with pytest.raises(WorkflowError):
        services.send_proposal(proposal, acting_user=world.vinhtuong)
    assert sent(world).outgoing_number == 2


def test_it_asks_for_a_reason_to_return_and_advice_to_forward(world):
    with pytest.raises(WorkflowError):
        services.return_proposal(sent(world), acting_user=world.thuongtruc, note="  ")
    with pytest.raises(WorkflowError):
        services.forward_proposal(registered(world), acting_user=world.thuongtruc, advice="")


def test_a_second_identical_submission_makes_no_second_step(world):
    proposal = forwarded(world)
    version = proposal.version
    payload = {
        "text": "Giao Hội Nông dân chủ trì.",
        "assignments": [
            {
                "title": "Nạo vét kênh",
                "lead": world.hnd,
                "due_date": timezone.localdate() + timedelta(days=10),
            }
        ],
    }
    services.assign_tasks(
        proposal, acting_user=world.truongban, expected_version=version, **payload
    )
    # Assigning more is allowed on a directed proposal, but not from the same page twice.
    with pytest.raises(WorkflowError):
        services.assign_tasks(
            proposal, acting_user=world.truongban, expected_version=version, **payload
        )
    assert Direction.objects.filter(proposal=proposal).count() == 1
    assert proposal.tasks().count() == 1


def test_assigning_needs_a_task_with_a_lead_and_a_deadline(world):
    proposal = forwarded(world)
    with pytest.raises(ValidationError):
        services.assign_tasks(proposal, acting_user=world.truongban, text="Giao", assignments=[])
    with pytest.raises(ValidationError):
        services.assign_tasks(
            proposal,
            acting_user=world.truongban,
            text="Giao",
            assignments=[{"title": "Việc", "lead": world.hnd, "due_date": None}],
        )
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.FORWARDED


def test_only_the_sender_edits_and_only_a_draft_or_returned_one(world):
    proposal = draft(world)
    with pytest.raises(PermissionDenied):
        services.update_proposal(
            proposal, acting_user=world.users["mttq"], expected_version=proposal.version, title="X"
        )
    proposal = services.send_proposal(proposal, acting_user=world.vinhtuong)
    with pytest.raises(PermissionDenied):
        services.update_proposal(
            proposal, acting_user=world.vinhtuong, expected_version=proposal.version, title="X"
        )


def test_a_focal_officer_writes_only_for_their_own_organisation(world):
    with pytest.raises(PermissionDenied):
        services.create_proposal(
            acting_user=world.vinhtuong, title="Giả danh", organization=world.mttq
        )
    with pytest.raises(PermissionDenied):
        services.create_proposal(acting_user=world.xem, title="Người xem không viết")
