from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from danvan.core.forms import StyledForm, VNDecimalField
from danvan.core.numbers import NumberFormatError, parse_vn_number


class DateForm(StyledForm):
    day = forms.DateField()


@pytest.mark.parametrize("typed", ["05/06/2025", "05-06-2025", "5/6/2025", "2025-06-05"])
def test_it_reads_dates_day_first(typed):
    with translation.override("vi"):
        form = DateForm({"day": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == date(2025, 6, 5)


def test_it_shows_dates_as_dd_mm_yyyy():
    with translation.override("vi"):
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }} {{ d|date }}').render(
            Context({"d": date(2025, 6, 5)})
        )
    assert rendered == "05/06/2025 05/06/2025"


def test_it_groups_thousands_with_dots_and_decimals_with_comma():
    with translation.override("vi"):
        rendered = Template("{{ n|vn_number }} {{ m|vn_number }} {{ k|vn_number }}").render(
            Context({"n": Decimal("1234567.5"), "m": 24310, "k": Decimal("0.25")})
        )
    assert rendered == "1.234.567,5 24.310 0,25"


def test_english_keeps_day_first_dates():
    with translation.override("en"):
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"d": date(2025, 6, 5)})
        )
    assert rendered == "05/06/2025"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.234.567,5", Decimal("1234567.5")),
        ("1234,5", Decimal("1234.5")),
        ("24.310", Decimal("24310")),
        ("0", Decimal("0")),
        (" 12 ", Decimal("12")),
        ("-3,25", Decimal("-3.25")),
        ("", None),
    ],
)
def test_it_parses_vietnamese_numbers(typed, value):
    assert parse_vn_number(typed) == value


@pytest.mark.parametrize("typed", ["1.5", "1.23.456", "abc", "1,2,3", "1.234.56", "12e3"])
def test_it_refuses_ambiguous_numbers(typed):
    with pytest.raises(NumberFormatError):
        parse_vn_number(typed)


def test_machine_dot_is_accepted_only_when_asked():
    assert parse_vn_number("1234.5", allow_machine_dot=True) == Decimal("1234.5")
    # Three digits after a single dot is a thousands group, never a decimal.
    assert parse_vn_number("1.234", allow_machine_dot=True) == Decimal("1234")


def test_the_number_field_says_what_is_wrong():
    class F(StyledForm):
        amount = VNDecimalField()

    with translation.override("vi"):
        form = F({"amount": "1.5"})
        assert not form.is_valid()
        assert "1.5" in form.errors["amount"][0]


def test_the_official_date_line_has_two_digit_day_and_month():
    with translation.override("vi"):
        rendered = Template('{{ d|date_line:"Vĩnh Yên" }}').render(Context({"d": date(2023, 1, 5)}))
    assert rendered == "Vĩnh Yên, ngày 05 tháng 01 năm 2023"
