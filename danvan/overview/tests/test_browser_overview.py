"""Journey: the head opens Tổng quan, drills from a district to a commune, then generates the
2022 review report and downloads the Word and PDF files."""

import pytest

pytest.importorskip("danvan.reporting.figures", reason="the figures service has not landed")

from danvan.conftest import sign_in  # noqa: E402
from danvan.overview.tests import data  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_drills_down_and_downloads_the_2022_report(world, page, media, tmp_path):
    data.figures_2022(world)
    sign_in(page, "truongban")
    page.goto("/")
    assert page.get_by_role("heading", name="Tổng quan · Năm 2022").is_visible()
    assert page.locator('[data-headline="LUOT"]').inner_text().startswith("46")
    page.wait_for_selector('[data-chart="districts"] .main-svg')
    page.wait_for_selector("#dv-map path.leaflet-interactive")

    # District → communes → organisations → the reports.
    page.locator("#h-chart-districts").locator("..").get_by_text("Số liệu").click()
    page.get_by_role("link", name="Huyện Vĩnh Tường").click()
    assert page.get_by_role("heading", name="Huyện Vĩnh Tường").is_visible()
    page.get_by_role("link", name="Xã Kim Xá").click()
    assert page.get_by_role("heading", name="Xã Kim Xá").is_visible()
    assert "21" in page.locator("#h-totals").locator("..").inner_text()
    page.get_by_role("link", name="Hội Nông dân tỉnh").click()
    assert page.get_by_role("heading", name="Báo cáo", exact=True).is_visible()
    assert page.get_by_role("link", name="Báo cáo BC-XA").first.is_visible()

    # The review report: create, generate (queued, progress polled), download.
    page.goto("/")
    page.get_by_role("link", name="Báo cáo sơ kết, tổng kết").click()
    page.select_option("#id_kind", "year")
    page.fill("#id_year", "2022")
    page.get_by_role("button", name="Thêm mới").click()
    assert page.get_by_role("heading", name="Báo cáo tổng kết năm · Năm 2022").is_visible()
    assert "46 lượt cán bộ, chiến sĩ tham gia" in page.locator("#id_results").input_value()
    page.get_by_role("button", name="Tạo báo cáo").click()
    page.get_by_role("link", name="Xuất Word").wait_for()
    with page.expect_download() as word:
        page.get_by_role("link", name="Xuất Word").click()
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Xuất PDF").click()
    assert word.value.suggested_filename == "Bao-cao-tong-ket-2022.docx"
    assert pdf.value.suggested_filename == "Bao-cao-tong-ket-2022.pdf"
    saved = tmp_path / "report.pdf"
    pdf.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    page.goto("/")
