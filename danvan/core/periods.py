"""Reporting periods as values, with DHIS2's codes: 2022M03, 2022Q1, 2022S1, 2022."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

MONTH, QUARTER, HALF, YEAR = "month", "quarter", "half", "year"
PERIOD_TYPES = (MONTH, QUARTER, HALF, YEAR)
_MONTHS = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}
_CODE = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[MQS])(?P<n>\d{1,2}))?$")


@dataclass(frozen=True, order=True)
class Period:
    start: date
    type: str

    @classmethod
    def of(cls, type_: str, day: date) -> Period:
        """The period of the given type containing `day`."""
        months = _MONTHS[type_]
        first_month = (day.month - 1) // months * months + 1
        return cls(date(day.year, first_month, 1), type_)

    @classmethod
    def parse(cls, code: str) -> Period:
        match = _CODE.match(code.strip().upper())
        if not match:
            raise ValueError(
                _("“%(code)s” is not a period code (e.g. 2022M03, 2022Q1, 2022S1, 2022).")
                % {"code": code}
            )
        year = int(match["year"])
        kind, n = match["kind"], int(match["n"] or 0)
        if kind is None:
            return cls(date(year, 1, 1), YEAR)
        type_ = {"M": MONTH, "Q": QUARTER, "S": HALF}[kind]
        count = 12 // _MONTHS[type_]
        if not 1 <= n <= count:
            raise ValueError(
                _("“%(code)s” is not a period code (e.g. 2022M03, 2022Q1, 2022S1, 2022).")
                % {"code": code}
            )
        return cls(date(year, (n - 1) * _MONTHS[type_] + 1, 1), type_)

    @property
    def index(self) -> int:
        return (self.start.month - 1) // _MONTHS[self.type] + 1

    @property
    def code(self) -> str:
        year = self.start.year
        if self.type == YEAR:
            return str(year)
        letter = {MONTH: "M", QUARTER: "Q", HALF: "S"}[self.type]
        return (
            f"{year}{letter}{self.index:02d}"
            if self.type == MONTH
            else f"{year}{letter}{self.index}"
        )

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        last_month = self.start.month + _MONTHS[self.type] - 1
        return date(
            self.start.year, last_month, calendar.monthrange(self.start.year, last_month)[1]
        )

    def deadline(self, days_after_end: int) -> date:
        return self.end + timedelta(days=days_after_end)

    def next(self) -> Period:
        return Period.of(self.type, self.end + timedelta(days=1))

    def previous(self) -> Period:
        return Period.of(self.type, self.start - timedelta(days=1))

    def parent(self, type_: str) -> Period:
        return Period.of(type_, self.start)

    def children(self, type_: str) -> list[Period]:
        out, current = [], Period(self.start, type_)
        while current.start <= self.end:
            out.append(current)
            current = current.next()
        return out

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        year = self.start.year
        if self.type == MONTH:
            return _("Month %(m)02d/%(y)d") % {"m": self.start.month, "y": year}
        if self.type == QUARTER:
            return _("Quarter %(q)d/%(y)d") % {"q": self.index, "y": year}
        if self.type == HALF:
            return (
                _("First half of %(y)d") % {"y": year}
                if self.index == 1
                else _("Second half of %(y)d") % {"y": year}
            )
        return _("Year %(y)d") % {"y": year}

    def __str__(self) -> str:
        return self.code


def months_of_year(year: int) -> list[Period]:
    return Period(date(year, 1, 1), YEAR).children(MONTH)
