from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.access import get_for_user
from danvan.documents import review, services
from danvan.documents.forms import NarrativeForm, NewReviewForm, ReviewForm
from danvan.documents.models import ReviewReport

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_GET
def review_list(request):
    reports = (
        ReviewReport.objects.visible_to(request.user)
        .select_related("committee", "organization")
        .order_by("-year", "kind", "pk")
    )
    issuers = services.issuers_for(request.user)
    form = NewReviewForm(issuers=issuers) if issuers else None
    return render(request, "documents/review_list.html", {"reports": reports, "form": form})


@require_POST
def review_create(request):
    issuers = services.issuers_for(request.user)
    if not issuers:
        raise PermissionDenied
    form = NewReviewForm(request.POST, issuers=issuers)
    if not form.is_valid():
        reports = ReviewReport.objects.visible_to(request.user)
        return render(
            request,
            "documents/review_list.html",
            {"reports": reports, "form": form},
            status=400,
        )
    report = services.create_review(
        kind=form.cleaned_data["kind"],
        year=form.cleaned_data["year"],
        issuer=form.cleaned_data["issuer"],
        acting_user=request.user,
    )
    return redirect(report)


def _get(request, pk, perm=None) -> ReviewReport:
    return get_for_user(
        ReviewReport.objects.select_related("committee__unit", "organization__parent"),
        request.user,
        pk,
        perm=perm,
    )


@require_http_methods(["GET", "POST"])
def review_detail(request, pk):
    report = _get(request, pk)
    can_edit = request.user.has_perm("documents.change_review", report)
    fields = review.narrative_fields()
    texts = review.narrative(report)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if "reset" in request.POST:
            services.reset_narrative(report, acting_user=request.user)
            messages.success(request, _("The paragraphs were filled again from the figures."))
            return redirect(report)
        form = ReviewForm(request.POST, instance=report)
        narrative_form = NarrativeForm(request.POST, fields=fields)
        if form.is_valid() and narrative_form.is_valid():
            services.save_review(
                report,
                fields={name: form.cleaned_data[name] for name in form.Meta.fields},
                narrative=narrative_form.cleaned_data,
                acting_user=request.user,
            )
            messages.success(request, _("Saved."))
            return redirect(report)
    else:
        form = ReviewForm(instance=report)
        narrative_form = NarrativeForm(fields=fields, initial_texts=texts)
    return render(
        request,
        "documents/review_detail.html",
        {
            "report": report,
            "form": form,
            "narrative_form": narrative_form,
            "edited": set(report.narrative),
            "can_edit": can_edit,
            "title_lines": review.title_lines(report),
        },
    )


@require_POST
def review_generate(request, pk):
    report = _get(request, pk, perm="documents.change_review")
    report = services.generate_review(report, acting_user=request.user)
    if request.htmx:
        return render(request, "documents/_progress.html", {"report": report})
    return redirect(report)


@require_GET
def review_progress(request, pk):
    report = _get(request, pk)
    return render(request, "documents/_progress.html", {"report": report})


@require_GET
def review_download(request, pk, fmt):
    report = _get(request, pk)
    if fmt not in FORMATS:
        raise Http404
    stored = getattr(report, fmt)
    if not stored or report.is_running:
        raise Http404
    kind = "Bao-cao-tong-ket" if report.kind == ReviewReport.YEAR else "Bao-cao-so-ket"
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{kind}-{report.period.code}.{fmt}",
        content_type=FORMATS[fmt],
    )
    response["Cache-Control"] = "private, no-store"
    return response
