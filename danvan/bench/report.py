"""The benchmark's table, as printed."""

from __future__ import annotations

from danvan.bench.measure import Result


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"


def print_table(results: list[Result], out) -> None:
    header = (
        f"{'measurement':<46} {'median ms':>10} {'min':>8} {'max':>8} {'queries':>7} "
        f"{'SQL ms':>8} {'app/SQL':>7} {'target':>7}  ok"
    )
    out("")
    out(header)
    out("-" * len(header))
    for r in results:
        ok = {True: "yes", False: "NO", None: ""}[r.meets_target]
        if r.ratio is not None and r.kind == "aggregation" and r.ratio > 1.5 and ok == "yes":
            ok = "yes*"
        out(
            f"{r.name[:46]:<46} {_ms(r.median_ms):>10} {_ms(r.min_ms):>8} {_ms(r.max_ms):>8} "
            f"{'' if r.queries is None else r.queries:>7} {_ms(r.sql_ms):>8} "
            f"{'' if r.ratio is None else f'{r.ratio:.2f}':>7} {_ms(r.target_ms):>7}  {ok}"
        )
        if r.note:
            out(f"    {r.note}")
    out("")
    out("* within the time target, but the app/SQL ratio is above 1.5.")
