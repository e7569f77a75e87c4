"""`danvan bench` at a tiny scale, in-process on the test database: the dataset steps and the
measurements run, and the command refuses any database but a benchmark's own."""

from __future__ import annotations

import pytest

from danvan.bench import dataset, runner
from danvan.bench.scales import SCALES
from danvan.bench.suite import measure_all


def test_it_builds_the_scaled_records_and_times_every_list_page(world):
    lines: list[str] = []
    build = dataset.Build(scale=SCALES["tiny"], log=lines.append)
    build.province_ids = [world.province.pk]
    for name, step in dataset.generator_steps():
        if name not in ("demo", "units"):  # the world stands in for the demo and the units
            build.step(name, step)
    assert build.counts["tasks"] >= SCALES["tiny"].tasks_per_org * 2
    assert build.counts["users"] > len(world.users)

    results = measure_all(SCALES["tiny"], lines.append, only="home,lists")
    names = {r.name for r in results}
    assert "list orgs:organization_list (thuongtruc)" in names
    assert "list geo:unit_list (mttq)" in names
    for result in results:
        assert result.runs == SCALES["tiny"].runs
        assert 0 < result.min_ms <= result.median_ms <= result.max_ms
        assert result.queries and result.queries > 0
        assert result.as_json()["meets_target"] in (True, False)


def test_the_table_prints_a_line_per_measurement(world):
    from danvan.bench.measure import Result
    from danvan.bench.report import print_table

    lines: list[str] = []
    print_table(
        [
            Result("dashboard", "aggregation", 120.0, 100.0, 130.0, 5, 3, 60.0, 150.0),
            Result("list x", "page", 150.0, 140.0, 160.0, 5, 4, None, 100.0),
        ],
        lines.append,
    )
    table = "\n".join(lines)
    assert "dashboard" in table and "2.00" in table and "yes*" in table
    assert "NO" in table


def test_it_refuses_a_database_that_is_not_a_benchmark_one(monkeypatch):
    monkeypatch.setenv("DANVAN_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1/danvan")
    with pytest.raises(SystemExit, match="bench"):
        runner.run_parent({"scale": "tiny"}, None)


def test_the_child_refuses_to_run_on_the_real_database(monkeypatch, db):
    monkeypatch.setenv(runner.CHILD_FLAG, "1")
    with pytest.raises(SystemExit, match="refusing"):
        runner.run_child({"scale": "tiny"}, print)


def test_the_cached_dataset_is_keyed_on_scale_and_migrations():
    assert dataset.dataset_key(SCALES["tiny"]) == dataset.dataset_key(SCALES["tiny"])
    assert dataset.dataset_key(SCALES["tiny"]) != dataset.dataset_key(SCALES["province"])
