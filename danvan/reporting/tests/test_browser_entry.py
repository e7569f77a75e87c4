"""Hội Nông dân fills part of March's grid, fixes a figure marked wrong and sends it; the
standing office approves; the figures appear in the totals."""

import pytest
from django.conf import settings

from danvan.conftest import sign_in
from danvan.reporting.grid import value_name
from danvan.reporting.models import Report, Value
from danvan.reporting.tests.helpers import make_form, make_indicators

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    shots = settings.VAR_DIR / "screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


def _cell(page, indicator, unit):
    return page.locator(f"#{value_name(indicator.pk, unit.pk)}")


def test_a_month_is_entered_sent_approved_and_counted(world, page):
    ind = make_indicators(world)
    form = make_form(world, ind)
    luot, ngaycong, met = ind["LUOT"], ind["NGAYCONG"], ind["MET"]

    sign_in(page, "hoinongdan")
    page.goto("/reports/?year=2022")
    page.get_by_role("link", name="Tháng 03/2022").first.click()
    page.wait_for_url(f"**/reports/forms/{form.pk}/{world.hnd.pk}/2022M03/")

    # Type Kim Xá's turns, Tab to its workdays (a figure that breaks ngày công ≥ lượt).
    _cell(page, luot, world.kim_xa).click()
    page.keyboard.type("1.200")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == value_name(ngaycong.pk, world.kim_xa.pk)
    page.keyboard.type("1.000")
    # Enter moves down to the next commune (Thị trấn Vĩnh Tường), in the same column.
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == value_name(
        ngaycong.pk, world.tt_vinh_tuong.pk
    )
    # A block copied from Excel (two rows, two columns) lands across the cells, over the
    # district heading between Vĩnh Tường and Tích Sơn.
    _cell(page, ngaycong, world.tt_vinh_tuong).evaluate(
        """(el) => {
            const data = new DataTransfer();
            data.setData("text/plain", "40\\t12,5\\r\\n30\\t7\\r\\n");
            el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }"""
    )
    assert _cell(page, met, world.tt_vinh_tuong).input_value() == "12,5"
    assert _cell(page, ngaycong, world.tich_son).input_value() == "30"
    assert _cell(page, met, world.tich_son).input_value() == "7"
    # A comment on a figure, typed in the bar above the grid.
    _cell(page, met, world.tt_vinh_tuong).click()
    page.fill("#comment-bar-input", "Nạo vét kênh tiêu")
    page.get_by_role("button", name="Lưu", exact=True).click()

    # Refused: the wrong pair is marked in place, nothing stored, what was typed kept.
    wrong = _cell(page, ngaycong, world.kim_xa)
    assert wrong.get_attribute("aria-invalid") == "true"
    assert (
        "phải ≥" in page.locator(f"#{value_name(ngaycong.pk, world.kim_xa.pk)}-error").inner_text()
    )
    assert _cell(page, met, world.tt_vinh_tuong).input_value() == "12,5"
    assert not Value.objects.exists()
    _shot(page, "reporting_grid_refused")

    wrong.fill("1.500")
    page.get_by_role("button", name="Lưu", exact=True).click()
    assert page.get_by_role("alert").filter(has_text="Đã lưu").is_visible()
    assert Value.objects.count() == 6
    assert Value.objects.get(indicator=met, unit=world.tt_vinh_tuong).comment == "Nạo vét kênh tiêu"
    assert _cell(page, ngaycong, world.kim_xa).input_value() == "1.500"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Gửi duyệt").click()
    page.get_by_text("Đã lưu và gửi duyệt").wait_for()
    assert Report.objects.get().status == Report.SUBMITTED
    _shot(page, "reporting_grid_sent")

    page.context.clear_cookies()
    sign_in(page, "thuongtruc")
    page.goto(f"/reports/forms/{form.pk}/{world.hnd.pk}/2022M03/")
    page.get_by_role("button", name="Phê duyệt").click()
    page.get_by_text("đã được duyệt và đã khóa").wait_for()
    assert Report.objects.get().status == Report.APPROVED

    page.goto(f"/reports/summary/?form={form.pk}&period=2022&by=district")
    totals = page.locator("tfoot td[data-total]").all_inner_texts()
    assert totals == ["1.200", "1.570", "19,5"]
    body = page.locator("tbody").inner_text()
    assert "Huyện Vĩnh Tường" in body and "Thành phố Vĩnh Yên" in body
