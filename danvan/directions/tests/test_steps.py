"""The step pages: register, forward, return, close, agree, decline, ask for more."""

from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from danvan.directions.models import Proposal
from danvan.directions.tests.helpers import draft, forwarded, registered, sent


def _post(world, username, step, proposal, **data):
    url = reverse(f"directions:proposal_{step}", args=[proposal.pk])
    return world.client(username).post(url, {"version": proposal.version, **data}, follow=False)


def test_it_sends_a_draft(world):
    proposal = draft(world)
    response = _post(world, "vinhtuong", "send", proposal)
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.SENT


def test_it_registers_with_the_date_received(world):
    proposal = sent(world)
    today = timezone.localdate()
    response = _post(
        world,
        "thuongtruc",
        "register",
        proposal,
        received_on=today.strftime("%d/%m/%Y"),
        note="Đủ hồ sơ.",
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.REGISTERED
    assert proposal.incoming_number == 1 and proposal.incoming_date == today
    assert proposal.registered_by == world.thuongtruc


def test_it_refuses_a_date_received_in_the_future(world):
    proposal = sent(world)
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    response = _post(
        world, "thuongtruc", "register", proposal, received_on=tomorrow.strftime("%d/%m/%Y")
    )
    assert response.status_code == 200
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.SENT


def test_it_forwards_with_advice_and_requires_it(world):
    proposal = registered(world)
    assert _post(world, "thuongtruc", "forward", proposal, note="").status_code == 200
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.REGISTERED
    response = _post(
        world, "thuongtruc", "forward", proposal, note="Đề nghị giao Hội Nông dân chủ trì."
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.FORWARDED
    assert proposal.advice == "Đề nghị giao Hội Nông dân chủ trì."
    assert proposal.advised_by == world.thuongtruc


def test_it_returns_to_the_sender_who_completes_and_resends(world):
    proposal = sent(world)
    response = _post(world, "thuongtruc", "return", proposal, note="Thiếu dự toán kinh phí.")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.RETURNED
    client = world.client("vinhtuong")
    page = client.get(reverse("directions:proposal_edit", args=[proposal.pk])).content.decode()
    assert "Thiếu dự toán kinh phí." in page
    assert _post(world, "vinhtuong", "send", proposal).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.SENT


def test_the_head_agrees_declines_and_asks_for_more(world):
    for step, status in [
        ("agree", Proposal.DIRECTED),
        ("decline", Proposal.DECLINED),
        ("ask_more", Proposal.RETURNED),
    ]:
        proposal = forwarded(world)
        response = _post(world, "truongban", step, proposal, note="Ý kiến chỉ đạo.")
        assert response.status_code == 302, step
        proposal.refresh_from_db()
        assert proposal.status == status
        assert proposal.directions.get().text == "Ý kiến chỉ đạo."


def test_it_refuses_the_wrong_role_with_403_and_another_organisation_with_404(world):
    proposal = sent(world)
    assert _post(world, "vinhtuong", "register", proposal).status_code == 403
    assert _post(world, "truongban", "register", proposal).status_code == 403
    assert _post(world, "mttq", "register", proposal).status_code == 404
    assert _post(world, "xem", "register", proposal).status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.SENT


def test_a_step_in_the_wrong_state_is_refused_with_a_message(world):
    proposal = sent(world)
    client = world.client("thuongtruc")
    url = reverse("directions:proposal_forward", args=[proposal.pk])
    response = client.post(url, {"version": proposal.version, "note": "Trình"}, follow=True)
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.SENT
    assert "alert-danger" in response.content.decode()
    # Opening the step page in the wrong state sends back to the proposal.
    assert client.get(url).status_code == 302


def test_a_second_identical_post_makes_no_second_step(world):
    proposal = sent(world)
    data = {"received_on": timezone.localdate().strftime("%d/%m/%Y")}
    assert _post(world, "thuongtruc", "register", proposal, **data).status_code == 302
    entries = LogEntry.objects.count()
    response = _post(world, "thuongtruc", "register", proposal, **data)
    assert response.status_code == 302
    assert LogEntry.objects.count() == entries
    assert Proposal.objects.get(pk=proposal.pk).incoming_number == 1


def test_the_detail_page_offers_each_actor_their_steps(world):
    proposal = sent(world)
    office = world.client("thuongtruc").get(proposal.get_absolute_url()).content.decode()
    assert reverse("directions:proposal_register", args=[proposal.pk]) in office
    assert reverse("directions:proposal_return", args=[proposal.pk]) in office
    sender = world.client("vinhtuong").get(proposal.get_absolute_url()).content.decode()
    assert reverse("directions:proposal_register", args=[proposal.pk]) not in sender
