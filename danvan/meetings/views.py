from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.access import get_for_user
from danvan.core.excel import Column, export_list
from danvan.core.registers import (
    UploadForm,
    apply_search,
    attach_uploads,
    name_on,
    record_form_page,
)
from danvan.core.uploads import DOCUMENTS
from danvan.meetings import services
from danvan.meetings.forms import (
    ConclusionForm,
    ConclusionItemForm,
    MeetingFilterForm,
    MeetingForm,
)
from danvan.meetings.models import Conclusion, Meeting, item_tasks
from danvan.tasks.models import Status

DOCUMENT = "document"


def _meetings(request):
    form = MeetingFilterForm(request.GET)
    meetings = Meeting.objects.visible_to(request.user).select_related("organization")
    if form.is_valid():
        data = form.cleaned_data
        meetings = apply_search(meetings, data["q"])
        if data["year"]:
            meetings = meetings.filter(held_on__year=data["year"])
        if data["kind"]:
            meetings = meetings.filter(kind=data["kind"])
    return form, meetings.order_by("-held_on", "-pk")


@require_GET
def index(request):
    form, meetings = _meetings(request)
    page = Paginator(
        meetings.select_related("conclusion").prefetch_related("organization__names"), 30
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/index.html",
        {
            "page": page,
            "filter_form": form,
            "can_add": request.user.has_perm("meetings.add_meeting"),
        },
    )


@require_GET
def export(request):
    _form, meetings = _meetings(request)
    columns = [
        Column(_("Date"), lambda m: m.held_on, 12),
        Column(_("Kind of conference"), lambda m: m.get_kind_display(), 20),
        Column(_("Conference"), lambda m: m.title, 50),
        Column(_("Place"), lambda m: m.place, 30),
        Column(_("Organising unit"), lambda m: name_on(m.organization, m.held_on), 25),
        Column(_("Chaired by"), lambda m: "; ".join(m.chair_list), 40),
        Column(
            _("Attending organisations"),
            lambda m: "; ".join(name_on(o, m.held_on) for o in m.attending_organizations.all()),
            50,
        ),
        Column(_("Notice of conclusions"), lambda m: _notice(m), 16),
    ]
    rows = meetings.select_related("conclusion").prefetch_related(
        "organization__names", "attending_organizations__names"
    )
    return export_list("hoi-nghi.xlsx", _("Conferences"), columns, rows, title=_("Conferences"))


def _notice(meeting: Meeting) -> str:
    try:
        return meeting.conclusion.symbol
    except Conclusion.DoesNotExist:
        return ""


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not request.user.has_perm("meetings.add_meeting"):
        raise PermissionDenied
    return record_form_page(
        request, MeetingForm, title=_("New conference"), back=reverse("meetings:index")
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = get_for_user(Meeting.objects, request.user, pk, perm="meetings.change_meeting")
    return record_form_page(
        request, MeetingForm, instance=meeting, title=meeting, back=meeting.get_absolute_url()
    )


def _conclusion_of(meeting: Meeting) -> Conclusion | None:
    try:
        return meeting.conclusion
    except Conclusion.DoesNotExist:
        return None


@require_GET
def meeting_detail(request, pk):
    meeting = get_for_user(
        Meeting.objects.select_related("organization", "committee", "conclusion"),
        request.user,
        pk,
    )
    can_edit = request.user.has_perm("meetings.change_meeting", meeting)
    conclusion = _conclusion_of(meeting)
    items = []
    if conclusion is not None:
        items = list(
            conclusion.items.select_related("lead").prefetch_related(
                "lead__names", "coordinators__names"
            )
        )
        tasks = item_tasks(items)
        for item in items:
            item.task = tasks.get(item.pk)
            item.status_label = Status(item.task.status_code).label if item.task else ""
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "attending": meeting.attending_organizations.prefetch_related("names").order_by(
                "sort_key"
            ),
            "conclusion": conclusion,
            "items": items,
            "can_edit": can_edit,
            "upload_form": UploadForm(label=_("Documents"), allowed=DOCUMENTS)
            if can_edit
            else None,
        },
    )


@require_POST
def meeting_upload(request, pk):
    meeting = get_for_user(Meeting.objects, request.user, pk, perm="meetings.change_meeting")
    return attach_uploads(request, meeting, label=_("Documents"), allowed=DOCUMENTS, role=DOCUMENT)


@require_http_methods(["GET", "POST"])
def conclusion_issue(request, pk):
    meeting = get_for_user(Meeting.objects, request.user, pk, perm="meetings.change_meeting")
    if _conclusion_of(meeting) is not None:
        messages.info(request, _("This conference already has its notice of conclusions."))
        return redirect(meeting)
    form = ConclusionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conclusion = services.issue_conclusion(
                meeting, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Notice %(symbol)s issued.") % {"symbol": conclusion.symbol}
            )
            return redirect(meeting)
    return render(request, "meetings/conclusion_form.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "POST"])
def item_create(request, pk):
    meeting = get_for_user(
        Meeting.objects.select_related("conclusion"),
        request.user,
        pk,
        perm="meetings.change_meeting",
    )
    conclusion = _conclusion_of(meeting)
    if conclusion is None:
        messages.error(request, _("Issue the notice of conclusions first."))
        return redirect(meeting)
    form = ConclusionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_conclusion_item(conclusion, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Conclusion item added and assigned."))
            return redirect(meeting.get_absolute_url() + "#conclusion")
    return render(
        request,
        "meetings/item_form.html",
        {"form": form, "meeting": meeting, "conclusion": conclusion},
    )
