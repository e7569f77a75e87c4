"""The data-entry grid: localities down, indicators across (or, for a form reported by the
organisation as a whole, the indicators down). Built from stored values, or from what the user
typed when a save was refused, so nothing typed is lost."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from danvan.core.templatetags.danvan import vn_number
from danvan.reporting.services import Cell, CellInput


def value_name(indicator_id: int, unit_id: int | None) -> str:
    return f"v-{indicator_id}-{unit_id or 0}"


def comment_name(indicator_id: int, unit_id: int | None) -> str:
    return f"c-{indicator_id}-{unit_id or 0}"


@dataclass
class GridCell:
    indicator: object
    unit: object
    text: str = ""
    comment: str = ""
    error: str = ""
    row: int = 0
    col: int = 0

    @property
    def key(self) -> Cell:
        return (self.indicator.pk, self.unit.pk if self.unit else None)

    @property
    def name(self) -> str:
        return value_name(*self.key)

    @property
    def comment_field(self) -> str:
        return comment_name(*self.key)

    @property
    def label(self) -> str:
        where = self.unit.name if self.unit else ""
        return (
            f"{self.indicator.name} ({self.indicator.measure_unit}){' · ' + where if where else ''}"
        )


@dataclass
class GridRow:
    label: str
    cells: list[GridCell]
    group: str = ""  # a district heading shown above this row
    unit: object = None
    indicator: object = None
    cells_html: SafeString = mark_safe("")  # noqa: S308 - filled by Grid.render_cells


def cell_html(cell: GridCell, editable: bool, comment_word: str) -> str:
    """One cell of the commune grid as `reporting/_grid_cell.html` writes it, built here: a
    grid of several hundred cells rendered through an {% include %} per cell took half a
    second (`danvan bench`). Every value is escaped."""
    name, note, error = escape(cell.name), escape(cell.comment), cell.error
    label = escape(cell.label)
    classes = "grid-cell" + (" has-error" if error else "") + (" has-note" if note else "")
    title = f' title="{note}"' if note else ""
    if editable:
        invalid = " is-invalid" if error else ""
        described = f' aria-invalid="true" aria-describedby="{name}-error"' if error else ""
        body = (
            f'<input type="text" class="form-control form-control-sm grid-input{invalid}" '
            f'id="{name}" name="{name}" value="{escape(cell.text)}" data-r="{cell.row}" '
            f'data-c="{cell.col}" inputmode="decimal" autocomplete="off" '
            f'aria-label="{label}"{described}>'
            f'<input type="text" class="form-control form-control-sm grid-note" '
            f'name="{escape(cell.comment_field)}" value="{note}" maxlength="500" '
            f'placeholder="{comment_word}" aria-label="{comment_word}: {label}">'
        )
        if error:
            body += f'<div class="cell-error" id="{name}-error">{escape(error)}</div>'
    else:
        body = f'<span class="num d-block text-end" id="{name}">{escape(cell.text)}</span>'
        if note:
            body += f'<span class="small text-muted d-block">{note}</span>'
    return f'<td class="{classes}"{title}>{body}</td>'


@dataclass
class Grid:
    indicators: list
    units: list
    rows: list[GridRow] = field(default_factory=list)
    totals: list[Decimal | None] = field(default_factory=list)
    by_commune: bool = True

    @property
    def cells(self):
        for row in self.rows:
            yield from row.cells

    @property
    def error_count(self) -> int:
        return sum(1 for c in self.cells if c.error)

    def errors(self) -> list[GridCell]:
        return [c for c in self.cells if c.error]

    def render_cells(self, editable: bool) -> None:
        """Fill each row's `cells_html` (the commune grid; see `cell_html`)."""
        comment_word = escape(_("Comment"))
        for row in self.rows:
            row.cells_html = mark_safe(  # noqa: S308 - every part escaped in cell_html
                "".join(cell_html(c, editable, comment_word) for c in row.cells)
            )


def build_grid(
    form,
    indicators: list,
    units: list,
    values: dict[Cell, object],
    *,
    typed: dict[Cell, CellInput] | None = None,
    errors: dict[Cell, str] | None = None,
) -> Grid:
    """`values`: stored Value objects by cell; `typed`: what was posted (shown instead)."""
    errors = errors or {}
    grid = Grid(indicators=indicators, units=units, by_commune=form.by_commune)

    def cell(indicator, unit, r, c) -> GridCell:
        key = (indicator.pk, unit.pk if unit else None)
        if typed is not None and key in typed:
            text = typed[key].text
            text = "" if text is None else str(text)
            comment = typed[key].comment
        else:
            stored = values.get(key)
            text = vn_number(stored.value) if stored else ""
            comment = stored.comment if stored else ""
        return GridCell(indicator, unit, text, comment, errors.get(key, ""), r, c)

    if form.by_commune:
        last_group = None
        for r, unit in enumerate(units):
            district = unit.parent if unit and unit.parent and unit.parent.level == 2 else None
            group = district.name if district and district.pk != last_group else ""
            last_group = district.pk if district else None
            grid.rows.append(
                GridRow(
                    label=unit.name if unit else "",
                    cells=[cell(ind, unit, r, c) for c, ind in enumerate(indicators)],
                    group=group,
                    unit=unit,
                )
            )
        grid.totals = [
            sum(
                (
                    values[(ind.pk, u.pk if u else None)].value
                    for u in units
                    if (ind.pk, u.pk if u else None) in values
                ),
                Decimal(0),
            )
            if any((ind.pk, u.pk if u else None) in values for u in units)
            else None
            for ind in indicators
        ]
    else:
        unit = units[0] if units else None
        for r, ind in enumerate(indicators):
            grid.rows.append(GridRow(label=ind.name, cells=[cell(ind, unit, r, 0)], indicator=ind))
    return grid


def read_post(data, grid: Grid) -> dict[Cell, CellInput]:
    """The cells of the grid that were posted (a cell not posted is left as it is)."""
    return {
        c.key: CellInput(data.get(c.name, ""), data.get(c.comment_field, ""))
        for c in grid.cells
        if c.name in data
    }
