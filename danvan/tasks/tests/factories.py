"""Tasks in the shared test world, reached through the services (as users would)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.tasks import services
from danvan.tasks.models import Task

# The smallest PDF `filetype` recognises as one.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_task(world, **overrides) -> Task:
    """A published task of Ủy ban MTTQ tỉnh with Hội Nông dân coordinating, in Kim Xá,
    due in a month, with one target figure."""
    today = timezone.localdate()
    fields = {
        "acting_user": world.users["thuongtruc"],
        "title": "Tuyên truyền xây dựng nông thôn mới tại xã Kim Xá",
        "lead": world.mttq,
        "owner": world.mttq,
        "coordinators": [world.hnd],
        "units": [world.kim_xa],
        "area": world.areas["nong-thon-moi"],
        "start_date": today - timedelta(days=30),
        "due_date": today + timedelta(days=30),
        "is_published": True,
        "targets": [{"label": "Buổi tuyên truyền", "unit": "buổi", "target": Decimal("12")}],
    }
    fields.update(overrides)
    return services.create_task(**fields)


def reported_task(world, **overrides) -> Task:
    task = make_task(world, requires_confirmation=True, **overrides)
    return services.report_result(task, acting_user=world.users["mttq"], text="Đã tổ chức 12 buổi")


def done_task(world, **overrides) -> Task:
    task = make_task(world, **overrides)
    return services.complete_task(task, acting_user=world.users["mttq"], text="Đã hoàn thành")


def pending_extension(world):
    task = make_task(world)
    return services.request_extension(
        task,
        acting_user=world.users["mttq"],
        new_due_date=task.due_date + timedelta(days=30),
        reason="Mưa bão kéo dài",
    )
