"""Template helpers used across apps (loaded as a builtin, no {% load %} needed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from danvan.core.audit import history
from danvan.core.uploads import attachments_of

register = template.Library()


@register.filter
def get_item(mapping, key):
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return None


@register.filter(name="name_on")
def name_on_filter(organization, day):
    """{{ org|name_on:meeting.held_on }}: the name it bore that day (see core.registers)."""
    from danvan.core.registers import name_on

    return name_on(organization, day)


@register.filter
def vn_number(value, decimals=None):
    """1234567.5 → "1.234.567,5" (in Vietnamese); whole numbers show no decimals."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except ArithmeticError:
            return value
    if decimals is None:
        if isinstance(value, Decimal):
            value = value.normalize()
            exponent = value.as_tuple().exponent
            decimals = max(0, -exponent) if isinstance(exponent, int) else 0
        elif isinstance(value, float):
            decimals = 0 if value == int(value) else 1
        else:
            decimals = 0
    return formats.number_format(
        value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True
    )


@register.filter
def date_line(day: date, place: str = "") -> str:
    """ "Vĩnh Yên, ngày 15 tháng 01 năm 2023": the place and date line of official documents."""
    if not day:
        return ""
    text = _("day %(d)02d month %(m)02d year %(y)d") % {"d": day.day, "m": day.month, "y": day.year}
    return f"{place}, {text}" if place else text


_STATUS_STYLES = {
    "draft": "secondary",
    "submitted": "info",
    "pending": "info",
    "approved": "success",
    "returned": "warning",
    "in_progress": "primary",
    "not_started": "light",
    "reported": "info",
    "done": "success",
    "overdue": "danger",
    "cancelled": "dark",
}


@register.inclusion_tag("core/_status_badge.html")
def status_badge(code, label=None):
    return {"style": _STATUS_STYLES.get(str(code), "secondary"), "label": label or code}


@register.inclusion_tag("core/_audit_trail.html")
def audit_trail(obj, limit: int = 50, changes_shown: int = 20):
    """The object's last `limit` entries, each with at most `changes_shown` field changes (a
    report's grid save can change hundreds of figures: the rest is counted, not listed; the
    whole entry stays in the audit log)."""
    entries = list(history(obj)[:limit])
    for entry in entries:
        entry.m2m_rows = _m2m_rows(obj, entry)
        # Skip these fields in the display dict by name: the order of its keys varies.
        m2m_labels = {str(label) for label, _operation, _objects in entry.m2m_rows}
        entry.change_rows, entry.more_changes = [], 0
        if entry.action != 0:
            plain = [
                (name, value)
                for name, value in (entry.changes_dict or {}).items()
                if not (isinstance(value, dict) and value.get("type") == "m2m")
            ]
            entry.more_changes = max(0, len(plain) - changes_shown)
            # auditlog's display names (verbose names, choices) for the changes shown only;
            # the entry is not saved.
            entry.changes = dict(plain[:changes_shown])
            entry.change_rows = [
                (field, change[0], change[1])
                for field, change in entry.changes_display_dict.items()
                if field not in m2m_labels
            ]
    return {"entries": entries, "m2m_display": _M2M_DISPLAY}


_M2M_DISPLAY = ["type", "operation", "objects"]


def _m2m_rows(obj, entry) -> list[tuple]:
    """Many-to-many changes (auditlog's display code shows only their keys)."""
    rows = []
    for name, value in (entry.changes_dict or {}).items():
        if isinstance(value, dict) and value.get("type") == "m2m":
            try:
                label = obj._meta.get_field(name).verbose_name
            except Exception:  # a field since removed: show its name
                label = name
            rows.append((label, value.get("operation"), value.get("objects") or []))
    return rows


@register.inclusion_tag("core/_attachments.html")
def attachment_list(obj, role=None):
    return {"attachments": list(attachments_of(obj, role))}
