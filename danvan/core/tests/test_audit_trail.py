"""The change history under an object: a step that changed hundreds of fields (a report grid
saved whole) lists the first ones and counts the rest; the audit log keeps them all."""

from django.template import Context, Template
from django.utils import translation

from danvan.core.audit import log_action


def test_a_large_change_is_listed_in_part_and_counted(world):
    org = world.mttq
    changes = {f"LUOT · Xã {n:03d}": [str(n), str(n + 1)] for n in range(30)}
    log_action(
        org, "change_values", actor=world.thuongtruc, label="Figures changed", changes=changes
    )
    with translation.override("vi"):
        html = Template("{% audit_trail obj %}").render(Context({"obj": org}))
    assert "LUOT · Xã 000" in html and "LUOT · Xã 019" in html
    assert "LUOT · Xã 020" not in html
    assert "và 10 thay đổi khác" in html
    assert "Figures changed" in html


def test_the_trail_costs_the_same_queries_however_many_entries(
    world, django_assert_max_num_queries
):
    org = world.mttq
    for n in range(12):
        log_action(
            org,
            "note",
            actor=world.thuongtruc,
            label="Note",
            changes={"name": [str(n), str(n + 1)]},
        )
    with django_assert_max_num_queries(3):
        Template("{% audit_trail obj %}").render(Context({"obj": org}))
