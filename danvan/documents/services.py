"""Steps on review reports: create, save the draft, generate the files (in the background)."""

from __future__ import annotations

import logging
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import is_committee_wide
from danvan.core.audit import as_actor, log_action
from danvan.core.numbering import next_number, remember_number
from danvan.documents.models import ReviewReport
from danvan.orgs.models import Committee, Organization, Position

logger = logging.getLogger(__name__)

KIND = "BC"  # báo cáo, in the number-symbol


def issuer_key(report: ReviewReport) -> str:
    if report.committee_id:
        return f"committee:{report.committee_id}"
    return f"org:{report.organization_id}"


def may_issue(user, issuer) -> bool:
    """The committee's reports: its leadership and standing office (and administrators); an
    organisation's: its own officers (not viewers) and the standing office."""
    if isinstance(issuer, Committee):
        return bool(is_committee_wide(user))
    from danvan.accounts.access import belongs_to, can_write, is_coordinator

    return bool(can_write(user) and (belongs_to(user, issuer.pk) or is_coordinator(user)))


def default_signature(issuer, day: date) -> tuple[str, str, str]:
    """(on behalf of, position, name) as Party and State documents print them."""
    from danvan.core.numbering import STATE

    if isinstance(issuer, Committee):
        term = issuer.current_term(day)
        head = term.positions.filter(role=Position.HEAD).order_by("order").first() if term else None
        return ("T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN", head.person_name if head else "")
    if issuer.document_style == STATE:
        return (f"TM. {issuer.display_name.upper()}", "", "")
    return (f"T/M {issuer.display_name.upper()}", "", "")


def default_recipients(issuer) -> str:
    if isinstance(issuer, Committee):
        lines = []
        if issuer.parent_body:
            lines.append(f"- Thường trực {_body_name(issuer)} (b/c),")
        lines += [
            "- Phòng Dân vận - Cục Chính trị QK2 (b/c),",
            "- Các đồng chí thành viên Ban chỉ đạo,",
            "- Ủy ban MTTQ và các tổ chức chính trị - xã hội tỉnh,",
            "- Các huyện, thành phố,",
            "- Lưu Văn phòng.",
        ]
        return "\n".join(lines)
    lines = []
    if issuer.parent_id:
        lines.append(f"- {issuer.parent.name} (b/c),")
    lines += ["- Ban chỉ đạo công tác dân vận (b/c),", "- Lưu Văn phòng."]
    return "\n".join(lines)


def _body_name(committee: Committee) -> str:
    """ "TỈNH ỦY VĨNH PHÚC" → "Tỉnh ủy Vĩnh Phúc": sentence case, the place name kept."""
    text = committee.parent_body.lower()
    text = text[:1].upper() + text[1:]
    place = committee.unit.short_name if committee.unit_id else ""
    return text.replace(place.lower(), place) if place else text


@transaction.atomic
def create_review(*, kind: str, year: int, issuer, acting_user) -> ReviewReport:
    """The draft for this kind, year and issuer (the existing one if it was made before)."""
    if not may_issue(acting_user, issuer):
        raise PermissionDenied
    lookup = {"kind": kind, "year": year}
    if isinstance(issuer, Committee):
        lookup["committee"] = issuer
    else:
        lookup["organization"] = issuer
    existing = ReviewReport.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    day = ReviewReport.default_issue_date(kind, year)
    on_behalf, position, name = default_signature(issuer, day)
    with as_actor(acting_user):
        return ReviewReport.objects.create(
            **lookup,
            issued_on=day,
            signer_on_behalf=on_behalf,
            signer_position=position,
            signer_name=name,
            recipients=default_recipients(issuer),
            created_by=acting_user,
        )


@transaction.atomic
def save_review(
    report: ReviewReport, *, fields: dict, narrative: dict, acting_user
) -> ReviewReport:
    """Store the edited letterhead fields and paragraphs. A paragraph left as the figures wrote
    it is not stored, so it keeps following the figures."""
    from danvan.documents import review

    if not acting_user.has_perm("documents.change_review", report):
        raise PermissionDenied
    defaults = review.narrative_defaults(report)
    stored = {}
    for key, _label in review.narrative_fields():
        text = (narrative.get(key) or "").replace("\r\n", "\n").strip()
        if text and text != defaults.get(key, "").strip():
            stored[key] = text
    for name, value in fields.items():
        setattr(report, name, value)
    report.narrative = stored
    with as_actor(acting_user):
        report.save()
    if report.number:
        remember_number(issuer_key(report), KIND, report.issued_on.year, report.number)
    return report


@transaction.atomic
def reset_narrative(report: ReviewReport, *, acting_user) -> ReviewReport:
    if not acting_user.has_perm("documents.change_review", report):
        raise PermissionDenied
    report.narrative = {}
    with as_actor(acting_user):
        report.save(update_fields=["narrative", "updated_at"])
    return report


def generate_review(report: ReviewReport, *, acting_user) -> ReviewReport:
    """Queue the building of the Word, PDF and Excel files; the page polls the progress."""
    from danvan.documents.tasks import build_review_files

    if not acting_user.has_perm("documents.change_review", report):
        raise PermissionDenied
    with transaction.atomic():
        locked = ReviewReport.objects.select_for_update().get(pk=report.pk)
        if locked.is_running:
            return locked
        locked.job_state = ReviewReport.QUEUED
        locked.job_progress = 0
        locked.job_message = _("Waiting in the queue")
        locked.save(update_fields=["job_state", "job_progress", "job_message", "updated_at"])
        log_action(locked, "generate", actor=acting_user, label=_("Generate the files"))
    # The queued state is committed above, so the worker finds it; in tests (and with
    # DANVAN_QUEUE_IMMEDIATE) the job runs right here.
    build_review_files(report.pk)
    report.refresh_from_db()
    return report


def _progress(pk: int, percent: int, message: str, state: str = ReviewReport.RUNNING) -> None:
    ReviewReport.objects.filter(pk=pk).update(
        job_state=state, job_progress=percent, job_message=str(message)[:300]
    )


def run_generation(pk: int) -> None:
    """Build the three files (the background job; see tasks.build_review_files)."""
    from danvan.documents import layout, review

    report = ReviewReport.objects.select_related("committee__unit", "organization__parent").get(
        pk=pk
    )
    try:
        if not report.number:
            with transaction.atomic():
                report.number = next_number(issuer_key(report), KIND, report.issued_on.year)
                ReviewReport.objects.filter(pk=pk).update(number=report.number)
        document = review.build(report, progress=lambda p, m: _progress(pk, p, m))
        _progress(pk, 55, _("Writing the Word file"))
        docx = layout.render_docx(document)
        _progress(pk, 65, _("Writing the PDF file"))
        pdf = layout.render_pdf(document)
        _progress(pk, 90, _("Writing the Excel file"))
        xlsx = layout.render_xlsx(document)
        for field_name, content, extension in (
            ("docx", docx, "docx"),
            ("pdf", pdf, "pdf"),
            ("xlsx", xlsx, "xlsx"),
        ):
            old = getattr(report, field_name)
            if old:
                old.storage.delete(old.name)
            getattr(report, field_name).save(
                f"{document.filename}.{extension}", ContentFile(content), save=False
            )
        report.job_state = ReviewReport.DONE
        report.job_progress = 100
        report.job_message = _("Done")
        report.generated_at = timezone.now()
        report.save(
            update_fields=[
                "docx",
                "pdf",
                "xlsx",
                "job_state",
                "job_progress",
                "job_message",
                "generated_at",
                "updated_at",
            ]
        )
    except Exception as exc:
        logger.exception("review report %s failed", pk)
        _progress(pk, 0, _("Generation failed: %(error)s") % {"error": exc}, ReviewReport.FAILED)
        raise


def issuers_for(user) -> list:
    """Who the user may write a review report for: the committee and/or their organisation."""
    out: list = []
    committee = Committee.objects.select_related("unit").order_by("pk").first()
    if committee is not None and may_issue(user, committee):
        out.append(committee)
    if user.organization_id:
        organization = Organization.objects.filter(pk=user.organization_id).first()
        if organization is not None and may_issue(user, organization):
            out.append(organization)
    return out
