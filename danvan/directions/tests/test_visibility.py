"""Who sees a proposal and its files: another organisation gets 404, guessing URLs included."""

import uuid

from django.urls import reverse

from danvan.core.uploads import attachments_of
from danvan.directions.models import Proposal
from danvan.directions.tests.helpers import assigned, draft, pdf, sent


def _with_file(world):
    proposal = draft(world, files=[pdf("Kế hoạch nạo vét kênh mương.pdf")])
    from danvan.directions.services import send_proposal

    return send_proposal(proposal, acting_user=world.vinhtuong)


def test_another_organisation_gets_404_on_the_proposal_and_its_file(world, media):
    proposal = _with_file(world)
    (item,) = attachments_of(proposal)
    for username in ["mttq", "hoinongdan", "xem"]:
        client = world.client(username)
        assert client.get(proposal.get_absolute_url()).status_code == 404
        assert client.get(item.get_absolute_url()).status_code == 404
    for username in ["vinhtuong", "thuongtruc", "truongban", "quantri"]:
        response = world.client(username).get(item.get_absolute_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_guessed_file_url_finds_nothing(world, media):
    proposal = _with_file(world)
    (item,) = attachments_of(proposal)
    client = world.client("mttq")
    assert client.get(reverse("core:attachment", args=[uuid.uuid4()])).status_code == 404
    # The stored path is random and never routed: neither the name nor the media URL serves it.
    assert client.get(f"/_private/{item.file.name}").status_code == 404
    assert world.client("vinhtuong").get(f"/_private/{item.file.name}").status_code == 404
    assert "Kế hoạch" not in item.file.name


def test_an_assigned_organisation_reads_the_proposal_but_cannot_act(world, media):
    proposal, _direction, _task = assigned(world)
    client = world.client("hoinongdan")
    page = client.get(proposal.get_absolute_url())
    assert page.status_code == 200
    assert reverse("directions:proposal_edit", args=[proposal.pk]) not in page.content.decode()
    assert client.get(reverse("directions:proposal_close", args=[proposal.pk])).status_code == 403
    # Ủy ban MTTQ was not assigned anything from it.
    assert world.client("mttq").get(proposal.get_absolute_url()).status_code == 404


def test_a_draft_is_seen_by_its_sender_only(world):
    proposal = draft(world)
    assert world.client("vinhtuong").get(proposal.get_absolute_url()).status_code == 200
    for username in ["thuongtruc", "truongban", "mttq"]:
        assert world.client(username).get(proposal.get_absolute_url()).status_code == 404
    assert not Proposal.objects.visible_to(world.thuongtruc).filter(pk=proposal.pk).exists()


def test_lists_search_and_exports_leave_out_what_is_not_visible(world):
    sent(world, title="Kiến nghị về đường giao thông nông thôn xã Kim Xá")
    for username, expected in [("thuongtruc", True), ("mttq", False), ("xem", False)]:
        client = world.client(username)
        listing = client.get(reverse("directions:proposal_list")).content.decode()
        found = client.get(reverse("core:search"), {"q": "duong giao thong kim xa"})
        assert ("đường giao thông" in listing) is expected
        assert ("đường giao thông" in found.content.decode()) is expected
        export = client.get(reverse("directions:proposal_export"))
        from io import BytesIO

        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(export.content)).active
        values = [c.value for row in sheet.iter_rows() for c in row]
        assert ("Kiến nghị về đường giao thông nông thôn xã Kim Xá" in values) is expected
