"""A confidential situation: 404 to an uninvolved organisation, and absent from its search,
lists, exports and counts; present for leadership, the standing office and those involved."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.situations.tests.factories import confidential, make_situation

SECRET = "Vụ việc liên quan đến tôn giáo"


@pytest.fixture
def matters(world):
    make_situation(world, title="Sạt lở bờ sông", kind="disaster")
    return confidential(world)


def _exported_titles(client):
    sheet = load_workbook(BytesIO(client.get(reverse("situations:export")).content)).active
    return [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]


@pytest.mark.parametrize("persona", ["vinhtuong", "xem"])
def test_it_is_hidden_from_an_uninvolved_organisation(world, matters, persona):
    client = world.client(persona)
    assert client.get(matters.get_absolute_url()).status_code == 404
    assert client.get(reverse("situations:situation_edit", args=[matters.pk])).status_code == 404
    response = client.post(
        reverse("situations:action_create", args=[matters.pk]), {"on": "01/06/2022", "action": "x"}
    )
    assert response.status_code == 404
    # search
    body = client.get(reverse("core:search"), {"q": "ton giao"}).content.decode()
    assert SECRET not in body
    # list
    index = client.get(reverse("situations:index"))
    assert [s.title for s in index.context["page"]] == ["Sạt lở bờ sông"]
    assert SECRET not in index.content.decode()
    # export
    assert _exported_titles(client) == ["Sạt lở bờ sông"]
    # counts
    counts = index.context["counts"]
    assert counts["total"] == 1
    assert dict(counts["by_kind"])["Tôn giáo, dân tộc"] == 0


@pytest.mark.parametrize("persona", ["quantri", "truongban", "thuongtruc", "mttq", "hoinongdan"])
def test_it_is_seen_by_leadership_standing_office_and_those_involved(world, matters, persona):
    client = world.client(persona)
    assert client.get(matters.get_absolute_url()).status_code == 200
    body = client.get(reverse("core:search"), {"q": "ton giao"}).content.decode()
    assert SECRET in body
    assert sorted(_exported_titles(client)) == sorted(["Sạt lở bờ sông", SECRET])
    assert client.get(reverse("situations:index")).context["counts"]["total"] == 2


def test_the_dashboard_counts_only_what_the_user_may_see(world, matters):
    from danvan.core.periods import Period
    from danvan.overview import registers
    from danvan.overview.services import Scope

    scope = Scope(Period.parse("2022"))
    assert registers.counts(scope, world.users["vinhtuong"])["situations"]["count"] == 1
    assert registers.counts(scope, world.users["hoinongdan"])["situations"]["count"] == 2
    assert registers.counts(scope, world.users["thuongtruc"])["situations"]["count"] == 2
