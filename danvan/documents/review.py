"""The review report (báo cáo tổng kết / sơ kết) written from the data.

`narrative_defaults(report)` pre-fills the paragraphs a user may edit; `build(report)` lays out
the whole document (letterhead, Phần thứ nhất with figures, tables and charts, Phần thứ hai
with next period's directions, Nơi nhận) for `layout.render_docx / render_pdf / render_xlsx`.
The document is always written in Vietnamese: it is printed, signed and filed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.core.periods import HALF, YEAR, Period
from danvan.documents import charts
from danvan.documents.layout import (
    Chart,
    Document,
    Heading,
    Paragraph,
    Signature,
    Table,
    letterhead_for,
    vn,
)
from danvan.documents.models import ReviewReport
from danvan.overview import services
from danvan.overview.services import Figure, Scope, Summary

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
MAX_COLUMNS = 4  # indicators side by side in the tables by organisation and district


# The paragraphs a user may edit, in the order they appear, with their labels on the page.
def narrative_fields() -> list[tuple[str, str]]:
    return [
        ("intro", _("Opening")),
        ("situation", _("Situation")),
        ("leadership", _("Leadership and organisation")),
        ("results", _("Results by content area")),
        ("organizations", _("Results by member")),
        ("districts", _("Results by district")),
        ("tasks", _("Plan tasks and assignments")),
        ("practices", _("Skilful mobilization models")),
        ("training", _("Training")),
        ("meetings", _("Conferences")),
        ("strengths", _("Strengths")),
        ("shortcomings", _("Shortcomings and causes")),
        ("lessons", _("Lessons learned")),
        ("direction", _("General direction")),
        ("next_tasks", _("Tasks and solutions")),
        ("proposals", _("Proposals")),
    ]


@dataclass
class Context:
    report: ReviewReport
    summary: Summary
    period: Period
    next_period: Period
    columns: list[Figure]
    program_items: list[str] | None

    @property
    def period_words(self) -> str:
        return period_words(self.period)

    @property
    def next_words(self) -> str:
        return period_words(self.next_period)


def period_words(period: Period) -> str:
    if period.type == HALF:
        if period.index == 1:
            return _("the first six months of %(y)d") % {"y": period.start.year}
        return _("the last six months of %(y)d") % {"y": period.start.year}
    return _("the year %(y)d") % {"y": period.start.year}


def next_period(period: Period) -> Period:
    return period.next() if period.type == HALF else Period(date(period.start.year + 1, 1, 1), YEAR)


def scope_of(report: ReviewReport) -> Scope:
    return Scope(period=report.period, organization=report.organization)


def context(report: ReviewReport) -> Context:
    summary = services.summarize(scope_of(report))
    period = report.period
    return Context(
        report=report,
        summary=summary,
        period=period,
        next_period=next_period(period),
        columns=leading_figures(summary),
        program_items=program_items(next_period(period), report),
    )


def leading_figures(summary: Summary, limit: int = MAX_COLUMNS) -> list[Figure]:
    """The indicators a table shows side by side: the headline ones, then the most reported."""
    return summary.leading(limit)


def program_items(period: Period, report: ReviewReport) -> list[str] | None:
    """The next period's program items (its tasks' titles), or None without a program."""
    from danvan.overview import registers

    return registers.program_items(period, report.organization)


# --- narrative --------------------------------------------------------------------------


def figure_phrase(figure: Figure) -> str:
    return f"{vn(figure.value)} {figure.words}"


def narrative_defaults(report: ReviewReport, ctx: Context | None = None) -> dict[str, str]:
    with translation.override("vi"):
        ctx = ctx or context(report)
        return {key: _sentence_start(text) for key, text in _defaults(ctx).items()}


def _sentence_start(text: str) -> str:
    """Each line starts with a capital ("năm 2022, …" → "Năm 2022, …")."""
    lines = []
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip("- "))
        rest = line[lead:]
        lines.append(line[:lead] + rest[:1].upper() + rest[1:])
    return "\n".join(lines)


def _defaults(ctx: Context) -> dict[str, str]:
    s = ctx.summary
    issuer = ctx.report.issuer
    words = ctx.period_words
    out: dict[str, str] = {}
    out["intro"] = _(
        "Carrying out the coordination program of mass mobilization work in %(period)s, "
        "%(issuer)s reports the results and sets out the directions and tasks for %(next)s "
        "as follows:"
    ) % {"period": words, "issuer": issuer.name, "next": ctx.next_words}
    out["situation"] = _(
        "In %(period)s, under the leadership and direction of the Party committees and the "
        "authorities, the coordination between the Party's mass mobilization board, the armed "
        "forces, the Fatherland Front and the socio-political organisations was kept up and "
        "basically completed the contents of the programs and plans set out."
    ) % {"period": words}

    tasks = s.task_totals
    out["leadership"] = _(
        "The members built their own programs and plans from the committee's coordination "
        "program, fitting their functions and localities."
    )
    if tasks.total:
        out["leadership"] += " " + _(
            "Of %(total)s plan tasks and assignments due in the period, %(done)s were completed "
            "(%(percent)s%%), %(overdue)s are overdue."
        ) % {
            "total": vn(tasks.total),
            "done": vn(tasks.done),
            "percent": tasks.percent_done,
            "overdue": vn(tasks.overdue),
        }

    if s.figures_available and s.totals:
        lines = []
        for area in s.by_area:
            phrases = "; ".join(figure_phrase(f) for f in area["figures"])
            lines.append(f"- {area['name']}: {phrases}.")
        lead = _(
            "In %(period)s the members reported, across %(communes)s communes, wards and towns:"
        ) % {
            "period": words,
            "communes": vn(s.communes_active),
        }
        out["results"] = "\n".join([lead, *lines])
    else:
        out["results"] = _("The figures of the reports are not available yet.")

    main = ctx.columns[0] if ctx.columns else None
    if main and s.by_organization.rows:
        # Only those who gave something are named among the largest contributions.
        ranked = sorted(
            (r for r in s.by_organization.rows if r["values"].get(main.indicator_id, 0) > 0),
            key=lambda r: -r["values"][main.indicator_id],
        )[:3]
        names = ", ".join(
            f"{row['name']} ({vn(row['values'].get(main.indicator_id, 0))} {main.unit})"
            for row in ranked
        )
        count = vn(len(s.by_organization.rows))
        if ranked:
            out["organizations"] = _(
                "%(count)s member organisations reported figures; the largest contributions of "
                "%(words)s came from %(names)s."
            ) % {"count": count, "words": main.words, "names": names}
        else:
            out["organizations"] = _("%(count)s member organisations reported figures.") % {
                "count": count
            }
    else:
        out["organizations"] = _("No member has reported approved figures for the period yet.")

    districts = [row for row in s.by_district.rows if row["id"] is not None]
    if main and districts:
        top = max(districts, key=lambda r: r["values"].get(main.indicator_id, 0))
        out["districts"] = _(
            "Activities took place in %(count)s districts and cities; %(top)s led with "
            "%(value)s %(words)s."
        ) % {
            "count": vn(len(districts)),
            "top": top["name"],
            "value": vn(top["values"].get(main.indicator_id, 0)),
            "words": main.words,
        }
    else:
        out["districts"] = _("No figures by district have been reported for the period yet.")

    parts = []
    for line in s.tasks:
        parts.append(
            _("%(label)s: %(done)s of %(total)s completed, %(overdue)s overdue")
            % {
                "label": line.label,
                "done": vn(line.done),
                "total": vn(line.total),
                "overdue": vn(line.overdue),
            }
        )
    out["tasks"] = ("; ".join(parts) + ".") if parts else _("No tasks were due in the period.")

    out["practices"] = _register_sentence(s.registers.get("practices"), "practices")
    out["training"] = _register_sentence(s.registers.get("training"), "training")
    out["meetings"] = _register_sentence(s.registers.get("meetings"), "meetings")

    out["strengths"] = _(
        "The coordination was focused and close to the grassroots; the forces took part in "
        "building new rural areas and civilized towns, in disaster and epidemic prevention "
        "and in the gratitude movement, and the “Skilful mass mobilization” movement spread "
        "widely."
    )
    out["shortcomings"] = _(
        "Some members reported late or incompletely; the exchange of information between "
        "members was at times slow. Causes: the workload of the grassroots and the changing "
        "situation."
    )
    if tasks.overdue:
        out["shortcomings"] += " " + _("%(n)s tasks were not completed on time.") % {
            "n": vn(tasks.overdue)
        }
    out["lessons"] = _(
        "Close leadership of the Party committees; a clear coordination program with "
        "assigned responsibilities; regular exchange of information in writing to the head "
        "and the standing office; timely review and commendation."
    )
    out["direction"] = _(
        "Keep strengthening the coordination of mass mobilization work, focused and with key "
        "points, and complete the tasks of %(next)s."
    ) % {"next": ctx.next_words}
    if ctx.program_items:
        out["next_tasks"] = "\n".join(f"- {item}" for item in ctx.program_items)
    else:
        out["next_tasks"] = "\n".join(
            [
                "- "
                + _(
                    "Step up propaganda and mobilization of officers, soldiers, members and "
                    "the people to carry out the province's policies and programs."
                ),
                "- "
                + _(
                    "Do national defence and security work well, keeping political security "
                    "and social order and safety."
                ),
                "- "
                + _(
                    "Each member builds its own program and plan from the committee's program, "
                    "fitting its functions and the local situation."
                ),
                "- "
                + _(
                    "Exchange information and propose coordination contents in writing to the "
                    "head and the standing office, for centralized and unified direction."
                ),
                "- "
                + _(
                    "Regularly train the officers doing mass mobilization work to meet the "
                    "requirements of the new situation."
                ),
            ]
        )
    out["proposals"] = _(
        "Propose that the superior bodies keep guiding and supporting the coordination of "
        "mass mobilization work and commend the collectives and individuals with outstanding "
        "achievements."
    )
    return out


def _register_sentence(data: dict | None, kind: str) -> str:
    if data is None:
        return _("The data of this register is not available yet.")
    return data.get("sentence", "")


def narrative(report: ReviewReport, ctx: Context | None = None) -> dict[str, str]:
    """The paragraphs as they will be printed: the user's edits over the defaults."""
    defaults = narrative_defaults(report, ctx)
    return {
        key: report.narrative.get(key) or defaults.get(key, "")
        for key, _label in narrative_fields()
    }


# --- the document -----------------------------------------------------------------------


def title_lines(report: ReviewReport) -> list[str]:
    period = report.period
    nxt = next_period(period)
    if report.kind == ReviewReport.HALF:
        first = _("Six-month review of the coordination of mass mobilization work, %(period)s") % {
            "period": period_words(period)
        }
    else:
        first = _("Review of the coordination of mass mobilization work in %(period)s") % {
            "period": period_words(period)
        }
    return [first, _("and directions and tasks for %(next)s") % {"next": period_words(nxt)}]


def signature_for(report: ReviewReport) -> Signature:
    return Signature(
        on_behalf=report.signer_on_behalf.upper(),
        position=report.signer_position.upper(),
        name=report.signer_name,
    )


def build(report: ReviewReport, *, progress=None) -> Document:
    progress = progress or (lambda percent, message: None)
    with translation.override("vi"):
        progress(10, _("Collecting the figures"))
        ctx = context(report)
        text = narrative(report, ctx)
        progress(35, _("Drawing the charts"))
        letterhead = letterhead_for(
            report.issuer,
            kind="BC",
            kind_title=_("Report"),
            number=report.number,
            day=report.issued_on,
            title_lines=title_lines(report),
            signature=signature_for(report),
            recipients=[line.strip() for line in report.recipients.splitlines() if line.strip()],
        )
        blocks = _blocks(ctx, text)
    filename = f"bao-cao-{'tong-ket' if report.kind == ReviewReport.YEAR else 'so-ket'}-{report.period.code}"
    return Document(letterhead=letterhead, blocks=blocks, filename=filename)


def _blocks(ctx: Context, text: dict[str, str]) -> list:
    s = ctx.summary
    b: list = [Paragraph(text["intro"], key="intro")]
    b.append(
        Heading(
            _("Part one"),
            level=0,
            subtitle=(_("Results of %(period)s") % {"period": ctx.period_words}).upper(),
        )
    )
    b.append(Heading("I. " + _("Situation").upper()))
    b.append(Paragraph(text["situation"], key="situation"))
    b.append(Heading("II. " + _("Results").upper()))
    b.append(Heading("1. " + _("Leadership, direction and organisation"), level=2))
    b.append(Paragraph(text["leadership"], key="leadership"))

    b.append(Heading("2. " + _("Results by content area"), level=2))
    b.append(Paragraph(text["results"], key="results"))
    if s.figures_available and s.totals:
        b.append(_area_table(s))
        chart = _area_chart(ctx)
        if chart:
            b.append(chart)

    b.append(Heading("3. " + _("Results by member organisation"), level=2))
    b.append(Paragraph(text["organizations"], key="organizations"))
    if s.by_organization.rows and ctx.columns:
        b.append(_breakdown_table(s.by_organization, ctx.columns, "organization"))

    b.append(Heading("4. " + _("Results by district"), level=2))
    b.append(Paragraph(text["districts"], key="districts"))
    if s.by_district.rows and ctx.columns:
        b.append(_breakdown_table(s.by_district, ctx.columns, "district"))
        b.append(_district_chart(ctx))
        b.append(_month_chart(ctx))

    b.append(Heading("5. " + _("Plan tasks and assignments"), level=2))
    b.append(Paragraph(text["tasks"], key="tasks"))
    if s.tasks:
        b.append(_task_table(s))
    b.append(Heading("6. " + _("The “Skilful mass mobilization” movement"), level=2))
    b.append(Paragraph(text["practices"], key="practices"))
    _register_table(b, s.registers.get("practices"))
    b.append(Heading("7. " + _("Training of officers"), level=2))
    b.append(Paragraph(text["training"], key="training"))
    _register_table(b, s.registers.get("training"))
    b.append(Heading("8. " + _("Conferences and reviews"), level=2))
    b.append(Paragraph(text["meetings"], key="meetings"))
    _register_table(b, s.registers.get("meetings"))

    b.append(Heading("III. " + _("General assessment").upper()))
    b.append(Heading("1. " + _("Strengths"), level=2))
    b.append(Paragraph(text["strengths"], key="strengths"))
    b.append(Heading("2. " + _("Shortcomings and causes"), level=2))
    b.append(Paragraph(text["shortcomings"], key="shortcomings"))
    b.append(Heading("3. " + _("Lessons learned"), level=2))
    b.append(Paragraph(text["lessons"], key="lessons"))

    b.append(
        Heading(
            _("Part two"),
            level=0,
            subtitle=(_("Directions and tasks for %(next)s") % {"next": ctx.next_words}).upper(),
        )
    )
    b.append(Heading("I. " + _("General direction").upper()))
    b.append(Paragraph(text["direction"], key="direction"))
    b.append(Heading("II. " + _("Key tasks and solutions").upper()))
    b.append(Paragraph(text["next_tasks"], key="next_tasks"))
    b.append(Heading("III. " + _("Proposals").upper()))
    b.append(Paragraph(text["proposals"], key="proposals"))
    return b


def _area_table(s: Summary) -> Table:
    rows = []
    n = 0
    for area in s.by_area:
        for figure in area["figures"]:
            n += 1
            rows.append([n, area["name"], figure.name, figure.unit, figure.value])
    return Table(
        key="areas",
        title=_("Table 1. Results by content area"),
        columns=[
            pgettext("table column", "No."),
            _("Content area"),
            _("Indicator"),
            _("Unit"),
            _("Result"),
        ],
        rows=rows,
        numeric_from=4,
        widths=[0.6, 3.2, 3.6, 1.3, 1.5],
    )


def _breakdown_table(breakdown, columns: list[Figure], key: str) -> Table:
    rows = []
    # A row of zeros only says the unit reported none of these figures: left out, totals unchanged.
    shown = [
        r
        for r in breakdown.rows
        if r["id"] is not None and any(r["values"].get(f.indicator_id) for f in columns)
    ]
    for n, row in enumerate(shown, start=1):
        rows.append(
            [n, row["name"], *[row["values"].get(f.indicator_id, Decimal(0)) for f in columns]]
        )
    no_place = [r for r in breakdown.rows if r["id"] is None]
    if no_place:
        values = [no_place[0]["values"].get(f.indicator_id, Decimal(0)) for f in columns]
        if any(values):
            rows.append([len(rows) + 1, _("Province-wide (no district)"), *values])
    total = ["", pgettext("document table", "Total"), *[f.value for f in columns]]
    titles = {
        "organization": _("Table 2. Results by member organisation"),
        "district": _("Table 3. Results by district"),
    }
    heads = {"organization": _("Organisation"), "district": _("District, city")}
    return Table(
        key=key,
        title=titles[key],
        columns=[
            pgettext("table column", "No."),
            heads[key],
            *[f"{_short_name(f)} ({f.unit})" for f in columns],
        ],
        rows=rows,
        total=total,
        numeric_from=2,
        widths=[0.55, 2.6, *[1.45] * len(columns)],
    )


def _short_name(figure: Figure) -> str:
    name = figure.name
    return name if len(name) <= 40 else name[:39] + "…"


def _task_table(s: Summary) -> Table:
    rows = [
        [
            n,
            line.label,
            line.total,
            line.done,
            line.in_progress + line.awaiting + line.not_started,
            line.overdue,
            f"{line.percent_done}%",
        ]
        for n, line in enumerate(s.tasks, start=1)
    ]
    t = s.task_totals
    return Table(
        key="tasks",
        title=_("Table 4. Plan tasks and assignments due in the period"),
        columns=[
            pgettext("table column", "No."),
            _("Kind"),
            pgettext("document table", "Total"),
            _("Done"),
            _("Open"),
            _("Overdue"),
            _("Done (%)"),
        ],
        rows=rows,
        total=[
            "",
            pgettext("document table", "Total"),
            t.total,
            t.done,
            t.in_progress + t.awaiting + t.not_started,
            t.overdue,
            f"{t.percent_done}%",
        ],
        numeric_from=2,
        widths=[0.6, 3.2, 1.1, 1.1, 1.1, 1.1, 1.1],
    )


def _register_table(blocks: list, data: dict | None) -> None:
    if data and data.get("table"):
        blocks.append(data["table"])


def _area_chart(ctx: Context) -> Chart | None:
    main = ctx.columns[0] if ctx.columns else None
    if main is None:
        return None
    rows = []
    for area in ctx.summary.by_area:
        value = sum((f.value for f in area["figures"] if f.unit == main.unit), Decimal(0))
        if value:
            rows.append((area["name"], value))
    if not rows:
        return None
    title = _("Chart 1. Figures in %(unit)s by content area") % {"unit": main.unit}
    return Chart(
        key="chart-areas",
        title=title,
        png=charts.horizontal_bars([r[0] for r in rows], [r[1] for r in rows], main.unit),
        data=Table(
            key="chart-areas",
            title=title,
            columns=[_("Content area"), main.unit],
            rows=[list(r) for r in rows],
        ),
    )


def _district_chart(ctx: Context) -> Chart:
    main = ctx.columns[0]
    rows = [
        (row["name"], row["values"].get(main.indicator_id, Decimal(0)))
        for row in ctx.summary.by_district.rows
        if row["id"] is not None
    ]
    rows.sort(key=lambda r: -r[1])
    title = _("Chart 2. %(words)s by district") % {"words": main.name}
    return Chart(
        key="chart-districts",
        title=title,
        png=charts.horizontal_bars([r[0] for r in rows], [r[1] for r in rows], main.unit),
        data=Table(
            key="chart-districts",
            title=title,
            columns=[_("District, city"), main.unit],
            rows=[list(r) for r in rows],
        ),
    )


def _month_chart(ctx: Context) -> Chart:
    main = ctx.columns[0]
    series = services.months_series(ctx.summary, main.indicator_id)
    title = _("Chart 3. %(words)s by month") % {"words": main.name}
    return Chart(
        key="chart-months",
        title=title,
        png=charts.month_bars([s[1] for s in series], [s[2] for s in series], main.unit),
        width_cm=14.0,
        data=Table(
            key="chart-months",
            title=title,
            columns=[_("Month"), main.unit],
            rows=[[s[1], s[2]] for s in series],
        ),
    )
