"""How big each benchmark dataset is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    # Legacy provinces whose units are loaded (None: all 63); Vĩnh Phúc always is (the demo).
    provinces: tuple[str, ...] | None
    years: int
    # Indicators in the catalogue; `commune_indicators` of them are reported per commune by
    # the district leaderships, `member_indicators` others once per organisation by the
    # provincial members, every month.
    indicators: int
    commune_indicators: int
    member_indicators: int
    tasks_per_org: int
    # Ten years that end before 1 July 2025: every figure belongs to the legacy units, as the
    # real ones of those years do (2025 communes start in the second half of 2025).
    first_year: int = 2015
    runs: int = 5

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1


SCALES = {
    # A few seconds: the smoke test of the suite.
    "tiny": Scale(
        "tiny",
        provinces=("Vĩnh Phúc",),
        years=1,
        indicators=12,
        commune_indicators=4,
        member_indicators=8,
        tasks_per_org=3,
        first_year=2022,
        runs=2,
    ),
    # One province (Vĩnh Phúc: 9 districts, 121 communes), 10 years of monthly reports.
    "province": Scale(
        "province",
        provinces=("Vĩnh Phúc",),
        years=10,
        indicators=100,
        commune_indicators=20,
        member_indicators=80,
        tasks_per_org=200,
    ),
    # All 63 legacy provinces (10,035 communes), 10 years: about six million values.
    "national": Scale(
        "national",
        provinces=None,
        years=10,
        indicators=100,
        commune_indicators=4,
        member_indicators=20,
        tasks_per_org=20,
        runs=3,
    ),
}
