"""State for this app's tests, reached through the services (never by writing rows)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.directions import services
from danvan.directions.models import Proposal

# The smallest file the content check accepts as a PDF.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "Đề xuất phối hợp.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def draft(world, username: str = "vinhtuong", **fields) -> Proposal:
    values = {
        "title": "Đề xuất phối hợp nạo vét kênh mương xã Kim Xá",
        "summary": "Huy động lực lượng vũ trang cùng nhân dân nạo vét kênh mương trước mùa mưa.",
        "kind": Proposal.PROPOSAL,
        "area": world.areas["nong-thon-moi"],
    }
    values.update(fields)
    return services.create_proposal(acting_user=world.users[username], **values)


def sent(world, username: str = "vinhtuong", **fields) -> Proposal:
    proposal = draft(world, username, **fields)
    return services.send_proposal(proposal, acting_user=world.users[username])


def registered(world, **fields) -> Proposal:
    return services.register_proposal(sent(world, **fields), acting_user=world.thuongtruc)


def forwarded(world, **fields) -> Proposal:
    return services.forward_proposal(
        registered(world, **fields),
        acting_user=world.thuongtruc,
        advice="Đề nghị Trưởng ban giao Hội Nông dân chủ trì.",
    )


def assigned(world, due_in_days: int = 30, **fields):
    proposal = forwarded(world, **fields)
    direction = services.assign_tasks(
        proposal,
        acting_user=world.truongban,
        text="Đồng ý. Giao Hội Nông dân tỉnh chủ trì, Bộ CHQS tỉnh phối hợp.",
        assignments=[
            {
                "title": "Tổ chức nạo vét kênh mương xã Kim Xá",
                "lead": world.hnd,
                "coordinators": [world.chqs],
                "due_date": timezone.localdate() + timedelta(days=due_in_days),
                "expected_result": "Nạo vét xong 2 km kênh mương nội đồng.",
            }
        ],
    )
    proposal.refresh_from_db()
    return proposal, direction, proposal.tasks().get()
