from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.accounts.access import get_for_user
from danvan.core.audit import as_actor
from danvan.core.excel import Column, export_list
from danvan.core.registers import name_on, record_form_page
from danvan.training.forms import CourseFilterForm, CourseForm, ParticipantForm, StatsForm
from danvan.training.models import Course, Participant
from danvan.training.stats import by_organization


def _courses(request):
    form = CourseFilterForm(request.GET)
    courses = form.filter(Course.objects.visible_to(request.user)).annotate(
        n_people=Count("participants"),
        n_completed=Count("participants", filter=Q(participants__completed=True)),
    )
    return form, (
        courses.select_related("organization")
        .prefetch_related("organization__names")
        .order_by("-start_date", "-pk")
    )


@require_GET
def index(request):
    form, courses = _courses(request)
    page = Paginator(courses, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "training/index.html",
        {
            "page": page,
            "filter_form": form,
            "can_add": request.user.has_perm("training.add_course"),
        },
    )


@require_GET
def export(request):
    _form, courses = _courses(request)
    columns = [
        Column(_("Starts on"), lambda c: c.start_date, 12),
        Column(_("Ends on"), lambda c: c.end_date, 12),
        Column(_("Name of the course"), lambda c: c.title, 50),
        Column(_("Organiser"), lambda c: name_on(c.organization, c.start_date), 25),
        Column(_("Place"), lambda c: c.place, 30),
        Column(_("Hours"), lambda c: c.hours, 10),
        Column(_("Participants"), lambda c: c.n_people, 12),
        Column(_("Completed"), lambda c: c.n_completed, 12),
    ]
    return export_list(
        "boi-duong.xlsx", _("Training courses"), columns, courses, title=_("Training courses")
    )


@require_GET
def stats(request):
    form = StatsForm(request.GET)
    year = form.year_or_default()
    rows = by_organization(year, Participant.objects.visible_to(request.user))
    if request.GET.get("format") == "xlsx":
        columns = [
            Column(_("Organisation"), lambda r: r["organization__name"], 40),
            Column(_("Courses"), lambda r: r["courses"], 10),
            Column(_("Participants"), lambda r: r["people"], 12),
            Column(_("Completed"), lambda r: r["completed_count"], 12),
            Column(_("Certificates"), lambda r: r["certificates"], 12),
            Column(_("Training hours"), lambda r: r["hours"] or 0, 12),
            Column(_("Average score"), lambda r: round(r["score"], 2) if r["score"] else None, 12),
        ]
        title = _("Training by organisation, %(year)s") % {"year": year}
        return export_list(f"boi-duong-{year}.xlsx", str(year), columns, rows, title=title)
    totals = {
        key: sum(r[key] or 0 for r in rows)
        for key in ("people", "completed_count", "certificates", "hours")
    }
    return render(
        request,
        "training/stats.html",
        # The form shows the year displayed, chosen or not.
        {"filter_form": StatsForm({"year": year}), "year": year, "rows": rows, "totals": totals},
    )


@require_http_methods(["GET", "POST"])
def course_create(request):
    if not request.user.has_perm("training.add_course"):
        raise PermissionDenied
    return record_form_page(
        request, CourseForm, title=_("New course"), back=reverse("training:index")
    )


@require_http_methods(["GET", "POST"])
def course_edit(request, pk):
    course = get_for_user(Course.objects, request.user, pk, perm="training.change_course")
    return record_form_page(
        request, CourseForm, instance=course, title=course, back=course.get_absolute_url()
    )


@require_GET
def course_detail(request, pk):
    course = get_for_user(Course.objects.select_related("organization", "area"), request.user, pk)
    can_edit = request.user.has_perm("training.change_course", course)
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "participants": course.participants.select_related("organization").prefetch_related(
                "organization__names"
            ),
            "can_edit": can_edit,
        },
    )


@require_http_methods(["GET", "POST"])
def participant_add(request, pk):
    course = get_for_user(Course.objects, request.user, pk, perm="training.change_course")
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.course = course
        with as_actor(request.user):
            form.save()
        messages.success(request, _("Participant added."))
        return redirect(course.get_absolute_url() + "#participants")
    return render(request, "training/participant_form.html", {"form": form, "course": course})


@require_http_methods(["GET", "POST"])
def participant_edit(request, pk):
    participant = get_for_user(Participant.objects.select_related("course"), request.user, pk)
    course = participant.course
    if not request.user.has_perm("training.change_course", course):
        raise PermissionDenied
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            form.save()
        messages.success(request, _("Saved."))
        return redirect(course.get_absolute_url() + "#participants")
    return render(
        request,
        "training/participant_form.html",
        {"form": form, "course": course, "participant": participant},
    )
