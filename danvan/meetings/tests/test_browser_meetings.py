import pytest

from danvan.conftest import sign_in
from danvan.meetings.models import ConclusionItem
from danvan.tasks.models import source_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_standing_office_records_the_review_conference_and_assigns_a_conclusion(world, page):
    sign_in(page, "thuongtruc")
    page.get_by_role("link", name="Hội nghị").first.click()
    page.get_by_role("link", name="Thêm mới").click()
    page.select_option("#id_kind", label="Tổng kết năm")
    page.fill(
        "#id_title", "Hội nghị tổng kết công tác phối hợp hoạt động công tác dân vận năm 2022"
    )
    page.fill("#id_held_on", "23/12/2022")
    page.fill("#id_place", "Hội trường Bộ CHQS tỉnh Vĩnh Phúc")
    page.select_option("#id_committee", label=str(world.committee))
    page.fill("#id_chairs", "Nguyễn Thanh Tùng, Trưởng Ban chỉ đạo\nĐại tá Hoàng Nam Chung")
    for name in ["Tỉnh đoàn Vĩnh Phúc", "Hội Nông dân tỉnh Vĩnh Phúc", "Huyện Vĩnh Tường"]:
        page.get_by_label(name, exact=True).check()
    page.fill("#id_attendees", "Lãnh đạo Phòng Dân vận, Cục Chính trị, Quân khu 2")
    page.fill("#id_speech_summary", "Đánh giá cao công tác phối hợp; yêu cầu sáu nội dung.")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Hội nghị tổng kết công tác phối hợp").wait_for()
    assert "Đại tá Hoàng Nam Chung" in page.content()

    page.get_by_role("link", name="Ban hành thông báo kết luận").click()
    page.fill("#id_issued_on", "28/12/2022")
    page.fill("#id_signer", "Nguyễn Thanh Tùng, Trưởng Ban chỉ đạo")
    page.get_by_role("button", name="Ban hành thông báo").click()
    page.get_by_text("Thông báo kết luận 01-TB/BCĐ").wait_for()

    page.get_by_role("link", name="Giao nhiệm vụ").click()
    page.fill(
        "#id_content",
        "Thường xuyên bồi dưỡng nâng cao năng lực vận động quần chúng cho cán bộ đoàn.",
    )
    page.select_option("#id_lead", label="Tỉnh đoàn Vĩnh Phúc")
    page.get_by_label("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Vĩnh Phúc", exact=True).check()
    page.fill("#id_due_date", "31/12/2030")
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    row = page.locator("#conclusion tbody tr").first
    row.wait_for()
    assert "Tỉnh đoàn" in row.inner_text()
    assert "Đang thực hiện" in row.inner_text()

    item = ConclusionItem.objects.get()
    task = source_tasks(item).get()
    assert task.lead == world.tinh_doan and task.is_published
