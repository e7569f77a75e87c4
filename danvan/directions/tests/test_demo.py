from collections import Counter

import pytest
from django.core.management import call_command

from danvan.directions import demo
from danvan.directions.models import Proposal
from danvan.directions.stats import direction_tasks
from danvan.tasks.models import Status, TaskExtension


@pytest.mark.django_db
def test_the_demo_has_2022_proposals_in_every_state_followed_to_results(media):
    call_command("demo")
    states = Counter(Proposal.objects.values_list("status", flat=True))
    assert set(states) == {code for code, _label in Proposal.STATUSES}
    assert {d.year for d in Proposal.objects.dates("created_at", "year")} == {2022}
    # The incoming register follows the calendar.
    registered = list(Proposal.objects.exclude(incoming_number=None).order_by("incoming_number"))
    assert [p.incoming_date for p in registered] == sorted(p.incoming_date for p in registered)
    tasks = list(direction_tasks().with_status())
    done = [t for t in tasks if t.status_code == Status.DONE]
    assert any(t.completed_late for t in done) and any(not t.completed_late for t in done)
    assert any(t.status_code == Status.OVERDUE for t in tasks)
    assert TaskExtension.objects.filter(state=TaskExtension.GRANTED).exists()
    # The trail is real: each step is an audit entry by its actor, dated in 2022.
    closed = Proposal.objects.filter(status=Proposal.CLOSED, kind=Proposal.PROPOSAL).get()
    from danvan.core.audit import history

    steps = [e for e in history(closed) if e.additional_data]
    assert {e.timestamp.year for e in steps} == {2022}
    assert {e.actor.username for e in steps} == {"vinhtuong", "thuongtruc", "truongban"}
    assert demo.load() == 0
