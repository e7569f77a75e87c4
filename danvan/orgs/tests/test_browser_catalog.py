import pytest

from danvan.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_standing_office_finds_a_district_from_the_registries(world, page):
    sign_in(page, "thuongtruc")
    page.get_by_role("link", name="Danh mục").click()
    page.wait_for_url("**/catalog/")
    assert page.get_by_role("heading", name="Danh mục").is_visible()
    page.fill("#site-search", "vinh tuong")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/?q=vinh+tuong")
    page.get_by_role("link", name="Huyện Vĩnh Tường").first.click()
    assert page.get_by_role("heading", name="Huyện Vĩnh Tường").is_visible()
    assert "Lãnh đạo huyện" in page.content() or "Huyện" in page.title()
