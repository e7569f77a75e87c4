"""The incoming register's numbers stay unique when two officers register at once."""

import threading

import pytest
from django.db import connection

from danvan.directions.models import Proposal
from danvan.directions.services import register_proposal
from danvan.directions.tests.helpers import sent


@pytest.mark.django_db(transaction=True)
def test_it_never_gives_two_proposals_the_same_incoming_number(world):
    proposals = [sent(world) for _ in range(8)]
    barrier = threading.Barrier(2)
    numbers, errors = [], []

    def register_all(items):
        try:
            barrier.wait(timeout=10)
            for proposal in items:
                done = register_proposal(
                    Proposal.objects.get(pk=proposal.pk), acting_user=world.thuongtruc
                )
                numbers.append(done.incoming_number)
        except Exception as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=register_all, args=(proposals[0::2],)),
        threading.Thread(target=register_all, args=(proposals[1::2],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sorted(numbers) == list(range(1, 9))
    stored = list(Proposal.objects.values_list("incoming_number", flat=True))
    assert sorted(stored) == list(range(1, 9))
