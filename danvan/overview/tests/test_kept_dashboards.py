"""After an approval the queue works the committee-wide dashboard out again and leaves the
answer where every process of the server finds it: the next officer's view reads no figure."""

import os
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

pytest.importorskip("danvan.reporting.figures", reason="the figures service has not landed")

from danvan.core.periods import Period  # noqa: E402
from danvan.overview import services  # noqa: E402
from danvan.overview.services import Scope  # noqa: E402
from danvan.overview.tests import data  # noqa: E402
from danvan.reporting import figures  # noqa: E402
from danvan.reporting.models import ReportForm, Value  # noqa: E402

pytestmark = pytest.mark.django_db
YEAR = Period.parse("2022")


def _shared_answers(shared) -> int:
    """How many answers the shared cache holds (files: one per answer; Redis: its keys)."""
    location = shared._dir if hasattr(shared, "_dir") else None
    if location is not None:
        return len(list(Path(location).glob("*.djcache")))
    client = shared._cache.get_client()
    return len(client.keys(f"{shared.key_prefix}:*"))


def _value_queries(queries) -> list[str]:
    """The queries that add figures up (probes of single rows are not)."""
    return [
        q["sql"]
        for q in queries
        if Value._meta.db_table in q["sql"] and ("SUM(" in q["sql"] or "GROUP BY" in q["sql"])
    ]


@pytest.fixture(params=["files", "redis"])
def shared(request, tmp_path):
    """The server's own kinds of shared cache: files (as under var/cache/figures), and Redis
    when DANVAN_TEST_REDIS_URL names one (.ci/run does on its PostgreSQL run)."""
    if request.param == "files":
        backend = "django.core.cache.backends.filebased.FileBasedCache"
        location = str(tmp_path / "figures")
    else:
        location = os.environ.get("DANVAN_TEST_REDIS_URL")
        if not location:
            pytest.skip("DANVAN_TEST_REDIS_URL is not set")
        backend = "django.core.cache.backends.redis.RedisCache"
    with override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "figures": {"BACKEND": backend, "LOCATION": location, "KEY_PREFIX": tmp_path.name},
        }
    ):
        figures.forget()
        yield caches["figures"]
        figures.forget()


def test_an_approval_has_the_dashboard_kept_for_every_process(
    world, django_capture_on_commit_callbacks, shared
):
    ind = data.figures_2022(world)
    form = ReportForm.objects.get(code="BC-XA")
    with django_capture_on_commit_callbacks(execute=True):
        data.report(world, form, world.mttq, "2022M05", {(ind["LUOT"], world.kim_xa): 100})
    figures._CACHE.clear()
    assert _shared_answers(shared)  # the queue's answer, where every process finds it

    figures._CACHE.clear()  # another process of the server: nothing of its own kept
    with CaptureQueriesContext(connection) as asked:
        summary = services.summarize(Scope(YEAR), world.thuongtruc)
    assert summary.total("LUOT").value == data.TOTALS["LUOT"] + 100
    assert _value_queries(asked) == []


def test_an_answer_shared_under_an_older_stamp_is_never_used(world, shared):
    ind = data.figures_2022(world)
    services.summarize(Scope(YEAR), world.thuongtruc)
    Value.objects.filter(indicator=ind["LUOT"], approved=True).update(value=1)
    figures._CACHE.clear()
    with CaptureQueriesContext(connection) as asked:
        summary = services.summarize(Scope(YEAR), world.thuongtruc)
    assert (
        summary.total("LUOT").value
        == Value.objects.filter(indicator=ind["LUOT"], approved=True).count()
    )
    assert _value_queries(asked)


def test_a_failing_shared_cache_is_skipped(world):
    data.figures_2022(world)
    figures._CACHE.clear()
    with override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "figures": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            },
        }
    ):
        summary = services.summarize(Scope(YEAR), world.thuongtruc)
    assert summary.total("LUOT").value == data.TOTALS["LUOT"]
    figures._CACHE.clear()
