import pytest

from danvan.conftest import sign_in
from danvan.planning.tests.factories import make_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def test_a_plan_goes_from_draft_through_return_to_approval(world, page):
    program = make_program(world)
    sign_in(page, "mttq")
    page.get_by_role("link", name="Chương trình - Kế hoạch").click()
    page.get_by_role("link", name=program.title).click()
    page.get_by_role("link", name="Thêm kế hoạch").click()
    page.fill("#id_title", "Kế hoạch thực hiện chương trình phối hợp năm 2022")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("01-KH/MTTQ").first.is_visible()

    page.get_by_role("link", name="Thêm nhiệm vụ").click()
    page.fill("#id_title", "Tuyên truyền xây dựng nông thôn mới tại Kim Xá")
    page.select_option("#id_area", label="Xây dựng nông thôn mới, đô thị văn minh")
    page.select_option("#id_coordinators", label="Hội Nông dân tỉnh Vĩnh Phúc")
    page.select_option("#id_units", label="Xã Kim Xá")
    page.fill("#id_start_date", "01/03/2022")
    page.fill("#id_due_date", "30/06/2022")
    page.fill("#id_targets-0-label", "Buổi tuyên truyền")
    page.fill("#id_targets-0-unit", "buổi")
    page.fill("#id_targets-0-target", "12")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_role(
        "link", name="Tuyên truyền xây dựng nông thôn mới tại Kim Xá"
    ).is_visible()
    page.get_by_role("link", name="Gửi duyệt").click()
    page.get_by_role("button", name="Gửi duyệt").click()
    assert page.get_by_text("Chờ duyệt").first.is_visible()

    _switch(page, "thuongtruc")
    page.get_by_role("link", name="Chương trình - Kế hoạch").click()
    page.get_by_role("link", name="Kế hoạch của thành viên").click()
    page.get_by_role("link", name="Kế hoạch thực hiện chương trình phối hợp năm 2022").click()
    page.get_by_role("link", name="Trả lại").click()
    page.fill("#id_note", "Đề nghị bổ sung đơn vị phối hợp là Tỉnh đoàn")
    page.get_by_role("button", name="Trả lại").click()
    assert page.get_by_text("Bị trả lại").first.is_visible()

    _switch(page, "mttq")
    page.goto("/programs/plans/")
    page.get_by_role("link", name="Kế hoạch thực hiện chương trình phối hợp năm 2022").click()
    assert page.locator(".alert-warning").get_by_text("bổ sung đơn vị phối hợp").is_visible()
    page.get_by_role("link", name="Sửa").nth(1).click()  # the task's Sửa (the first is the plan's)
    page.select_option(
        "#id_coordinators", label=["Hội Nông dân tỉnh Vĩnh Phúc", "Tỉnh đoàn Vĩnh Phúc"]
    )
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("link", name="Gửi duyệt").click()
    page.get_by_role("button", name="Gửi duyệt").click()
    assert page.get_by_text("Chờ duyệt").first.is_visible()

    _switch(page, "thuongtruc")
    page.goto("/programs/plans/")
    page.get_by_role("link", name="Kế hoạch thực hiện chương trình phối hợp năm 2022").click()
    page.get_by_role("link", name="Phê duyệt").click()
    page.get_by_role("button", name="Phê duyệt").click()
    assert page.get_by_text("Đã duyệt").first.is_visible()

    page.get_by_role("link", name=program.symbol, exact=True).first.click()
    task = page.get_by_role("link", name="Tuyên truyền xây dựng nông thôn mới tại Kim Xá")
    assert task.is_visible()
    task.click()
    assert page.get_by_text("Tỉnh đoàn").first.is_visible()
    page.goto(program.get_absolute_url())
