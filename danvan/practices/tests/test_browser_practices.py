import pytest

from danvan.conftest import sign_in
from danvan.practices.models import Practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_farmers_union_registers_a_model_and_sees_it_on_the_map(world, page):
    sign_in(page, "hoinongdan")
    page.get_by_role("link", name="Mô hình dân vận khéo").first.click()
    page.get_by_role("link", name="Thêm mới").click()
    page.fill("#id_name", "Mô hình “Chi hội nông dân nghề nghiệp trồng rau an toàn”")
    page.select_option("#id_area", label="Xây dựng nông thôn mới, đô thị văn minh")
    page.select_option("#id_commune", label="Xã Kim Xá")
    page.fill("#id_goals", "Nâng cao thu nhập cho hội viên")
    page.fill("#id_funds", "150,5")
    page.fill("#id_workdays", "350")
    page.fill("#id_started_on", "01/03/2021")
    page.select_option("#id_recognition_level", label="Cấp huyện")
    page.fill("#id_recognition_year", "2022")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Chi hội nông dân nghề nghiệp").wait_for()
    practice = Practice.objects.get()
    assert practice.organization == world.hnd

    page.get_by_role("link", name="Bản đồ").last.click()
    page.wait_for_url("**/practices/map/**")
    point = page.locator("path.practice-point")
    point.first.wait_for()
    assert point.count() == 1
    point.first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Xã Kim Xá" in popup.inner_text()
    assert "Chi hội nông dân nghề nghiệp" in popup.inner_text()
    # No tile layer: nothing is fetched from a map server.
    assert page.locator(".leaflet-tile").count() == 0
