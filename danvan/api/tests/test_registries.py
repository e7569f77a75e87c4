"""Administrative units, organisations and the committee through the API."""


def test_units_list_filter_and_read(world, api):
    client = api("mttq")
    communes = client.get("/units", level=3, structure="legacy").json()
    assert {u["code"] for u in communes["items"]} == {"09076", "09079", "08707"}
    found = client.get("/units", q="kim xa").json()
    assert [u["id"] for u in found["items"]] == [world.kim_xa.pk]
    children = client.get("/units", parent=world.vinh_tuong.pk, ordering="-name").json()
    assert [u["short_name"] for u in children["items"]] == ["Vĩnh Tường", "Kim Xá"]
    detail = client.get(f"/units/{world.kim_xa.pk}").json()
    assert detail["successor_ids"] == [world.new_vinh_tuong.pk]
    assert client.get("/units/999999").status_code == 404
    assert client.get("/units", valid_on="2025-07-02", level=3).json()["count"] == 2


def test_organisations_read_by_all_written_by_the_office(world, api):
    listed = api("xem").get("/organizations", kind="socio_political").json()
    assert {o["id"] for o in listed["items"]} == {world.hnd.pk, world.tinh_doan.pk}
    assert api("xem").get("/organizations", locality=world.vinh_tuong.pk).json()["count"] == 1
    payload = {"name": "Hội Cựu chiến binh tỉnh", "kind": "socio_political", "symbol": "HCCB"}
    assert api("mttq").post("/organizations", payload).status_code == 403
    created = api("thuongtruc").post("/organizations", payload)
    assert created.status_code == 201, created.content
    org_id = created.json()["id"]
    assert created.json()["document_style"] == "party"  # the model's default, as on the page
    changed = api("quantri").patch(f"/organizations/{org_id}", {"phone": "0211 3862 000"})
    assert changed.status_code == 200 and changed.json()["name"] == payload["name"]
    wrong = api("quantri").patch(
        f"/organizations/{org_id}", {"valid_from": "2025-01-01", "valid_to": "2024-01-01"}
    )
    assert wrong.status_code == 422 and "valid_to" in wrong.json()["errors"]
    unknown = api("quantri").patch(f"/organizations/{org_id}", {"kind": "nope"})
    assert unknown.status_code == 422
    assert api("hoinongdan").patch(f"/organizations/{org_id}", {"phone": "1"}).status_code == 403


def test_the_committee_with_its_terms_and_members(world, api):
    listed = api("vinhtuong").get("/committees").json()
    assert [c["id"] for c in listed["items"]] == [world.committee.pk]
    detail = api("vinhtuong").get(f"/committees/{world.committee.pk}").json()
    assert detail["standing_office_id"] == world.chqs.pk
    assert [p["person_name"] for p in detail["terms"][0]["positions"]] == [
        "Nguyễn Thanh Tùng",
        "Hoàng Nam Chung",
    ]


def test_the_office_keeps_the_committee_its_terms_and_members(world, api):
    """The committee's registry written through the API with the pages' forms: a new term
    after a decision, its members, a change of one; officers are refused; each write audited."""
    from auditlog.models import LogEntry

    from danvan.orgs.models import Position, Term

    committee = world.committee.pk
    renamed = api("thuongtruc").patch(f"/committees/{committee}", {"place_name": "Vĩnh Yên"})
    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["place_name"] == "Vĩnh Yên"
    assert renamed.json()["standing_office_id"] == world.chqs.pk  # the rest is kept

    term = api("thuongtruc").post(
        f"/committees/{committee}/terms",
        {"name": "Nhiệm kỳ 2025-2030", "start": "2025-10-01", "decision": "QĐ 12-QĐ/TU"},
    )
    assert term.status_code == 201, term.content
    assert Term.objects.get(pk=term.json()["id"]).committee_id == committee
    member = api("thuongtruc").post(
        f"/terms/{term.json()['id']}/positions",
        {
            "role": Position.MEMBER,
            "person_name": "Trần Văn Ba",
            "title": "Phó Chủ tịch Hội Nông dân tỉnh",
            "organization": world.hnd.pk,
        },
    )
    assert member.status_code == 201, member.content
    promoted = api("thuongtruc").patch(
        f"/positions/{member.json()['id']}", {"role": Position.DEPUTY}
    )
    assert promoted.status_code == 200 and promoted.json()["person_name"] == "Trần Văn Ba"
    entry = LogEntry.objects.get_for_object(Position.objects.get(pk=member.json()["id"])).first()
    assert entry.actor == world.thuongtruc

    wrong = api("thuongtruc").post(f"/terms/{term.json()['id']}/positions", {"role": "king"})
    assert wrong.status_code == 422 and {"role", "person_name"} <= set(wrong.json()["errors"])
    assert api("mttq").patch(f"/committees/{committee}", {"name": "X"}).status_code == 403
    assert api("mttq").post(f"/committees/{committee}/terms", {"name": "X"}).status_code == 403
    refused = api("mttq").post(f"/terms/{term.json()['id']}/positions", {"person_name": "X"})
    assert refused.status_code == 403
    assert api("mttq").patch(f"/positions/{member.json()['id']}", {"title": "X"}).status_code == 403
    assert not Position.objects.filter(person_name="X").exists()


def test_updated_since_follows_the_audit_trail(world, api):
    from datetime import timedelta

    from django.utils import timezone

    from danvan.core.audit import as_actor

    later = (timezone.now() + timedelta(seconds=1)).isoformat()
    assert api("mttq").get("/organizations", updated_since=later).json()["count"] == 0
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert api("mttq").get("/units", updated_since=tomorrow).json()["count"] == 0
    with as_actor(world.thuongtruc):
        world.hnd.phone = "0211"
        world.hnd.save()
    today = timezone.localdate().isoformat()
    changed = api("mttq").get("/organizations", updated_since=today).json()
    assert world.hnd.pk in {o["id"] for o in changed["items"]}
