"""The journey of issue 5: a district's proposal becomes an assignment followed to its result."""

import re

import pytest
from django.utils import timezone

from danvan.conftest import sign_in
from danvan.directions.models import Proposal
from danvan.directions.tests.helpers import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def test_a_proposal_is_sent_registered_directed_carried_out_and_confirmed(
    world, page, media, tmp_path
):
    proposal_pdf = tmp_path / "Đề xuất nạo vét kênh mương Kim Xá.pdf"
    proposal_pdf.write_bytes(PDF)
    evidence = tmp_path / "Báo cáo kết quả nạo vét.pdf"
    evidence.write_bytes(PDF)

    # 1. Vĩnh Tường writes the proposal with a PDF and sends it.
    sign_in(page, "vinhtuong")
    page.get_by_role("link", name="Văn bản - Chỉ đạo").first.click()
    page.get_by_role("link", name="Thêm mới").click()
    page.select_option("#id_kind", "proposal")
    page.fill("#id_title", "Đề xuất phối hợp nạo vét kênh mương xã Kim Xá")
    page.fill("#id_summary", "Huy động dân quân, hội viên nông dân nạo vét 2 km kênh mương.")
    page.fill("#id_content", "Kênh mương nội đồng xã Kim Xá bị bồi lắng trước mùa mưa.")
    page.set_input_files("#id_files", str(proposal_pdf))
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/directions/proposals/\d+/$"))
    assert page.get_by_role("link", name="Đề xuất nạo vét kênh mương Kim Xá.pdf").is_visible()
    page.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_selector(".alert-success")
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.SENT and proposal.outgoing_symbol == "01-CV/HU"
    url = proposal.get_absolute_url()

    # 2. The standing office registers it and forwards it to the head with its advice.
    _switch(page, "thuongtruc")
    page.goto("/directions/")
    page.get_by_role("link", name="Đề xuất phối hợp nạo vét kênh mương xã Kim Xá").click()
    page.fill("#id_register_note", "Hồ sơ đầy đủ.")
    page.get_by_role("button", name="Vào sổ").click()
    page.wait_for_selector("text=Số 1/")
    page.fill("#id_forward_note", "Đề nghị giao Hội Nông dân tỉnh chủ trì, Bộ CHQS tỉnh phối hợp.")
    page.get_by_role("button", name="Trình Trưởng ban").click()
    page.wait_for_selector(".alert-success")

    # 3. The head assigns a task to Hội Nông dân (adding a row with htmx, left empty).
    _switch(page, "truongban")
    page.goto(url)
    page.get_by_role("link", name="Giao nhiệm vụ").click()
    page.fill("#id_note", "Đồng ý. Giao Hội Nông dân tỉnh chủ trì, hoàn thành trong tháng.")
    page.fill("#id_task-0-title", "Vận động hội viên nạo vét kênh mương xã Kim Xá")
    page.select_option("#id_task-0-lead", label="Hội Nông dân tỉnh Vĩnh Phúc")
    page.select_option("#id_task-0-coordinators", label="Bộ Chỉ huy Quân sự tỉnh Vĩnh Phúc")
    due = timezone.localdate() + timezone.timedelta(days=20)
    page.fill("#id_task-0-due_date", due.strftime("%d/%m/%Y"))
    page.fill("#id_task-0-expected_result", "Nạo vét xong 2 km kênh mương.")
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    page.wait_for_selector("#id_task-1-title")
    assert page.input_value("#id_task-0-title") == "Vận động hội viên nạo vét kênh mương xã Kim Xá"
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    page.wait_for_selector(".alert-success")
    task = proposal.tasks().get()
    assert task.lead == world.hnd

    # 4. Hội Nông dân finds the task waiting and reports the result with a file.
    _switch(page, "hoinongdan")
    page.goto("/directions/")
    page.get_by_role("link", name="Vận động hội viên nạo vét kênh mương xã Kim Xá").click()
    page.get_by_role("link", name="Báo cáo kết quả").click()
    page.wait_for_selector("textarea[name=text]")
    page.fill("textarea[name=text]", "Đã nạo vét 2,1 km kênh mương với 300 lượt hội viên.")
    page.set_input_files("#task-action input[type=file], form input[type=file]", str(evidence))
    page.locator("form button[type=submit]").filter(has_text="Báo cáo kết quả").click()
    page.wait_for_selector(".alert-success")

    # 5. The standing office confirms completion.
    _switch(page, "thuongtruc")
    page.goto(task.get_absolute_url())
    page.get_by_role("link", name="Xác nhận hoàn thành").click()
    page.locator("form button[type=submit]").filter(has_text="Xác nhận hoàn thành").click()
    page.wait_for_selector(".alert-success")

    # The proposal's timeline shows every step, who took it and what was said.
    page.goto(url)
    steps = page.locator(".timeline > li").evaluate_all("items => items.map(li => li.dataset.step)")
    assert steps == ["create", "send", "register", "forward", "assign", "result", "confirmed"]
    timeline = page.locator(".proposal-timeline").inner_text()
    for text in [
        "Đỗ Thị Ánh",
        "Lê Minh Đức",
        "Nguyễn Thanh Tùng",
        "Trần Văn Bình",
        "Đề nghị giao Hội Nông dân tỉnh chủ trì",
        "Báo cáo kết quả nạo vét.pdf",
    ]:
        assert text in timeline
    assert page.get_by_text("Hoàn thành", exact=True).first.is_visible()
