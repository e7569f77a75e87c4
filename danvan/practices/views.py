from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.access import get_for_user
from danvan.core.excel import Column, export_list
from danvan.core.registers import UploadForm, attach_uploads, name_on, record_form_page
from danvan.core.uploads import IMAGES, attachments_of
from danvan.geo.models import AdminUnit
from danvan.practices.forms import PracticeFilterForm, PracticeForm
from danvan.practices.models import Practice
from danvan.practices.stats import counts

PHOTO = "photo"


def _practices(request):
    form = PracticeFilterForm(request.GET)
    practices = form.filter(Practice.objects.visible_to(request.user))
    return form, practices


def _render_register(request, template: str, form, **context):
    """The list, the map and the statistics share the header, its tabs and its filters."""
    context.update(filter_form=form, can_add=request.user.has_perm("practices.add_practice"))
    return render(request, template, context)


@require_GET
def index(request):
    form, practices = _practices(request)
    practices = practices.select_related("area", "commune__parent", "organization")
    practices = practices.prefetch_related("organization__names")
    page = Paginator(practices.order_by("sort_key", "pk"), 30).get_page(request.GET.get("page"))
    return _render_register(request, "practices/index.html", form, page=page)


@require_GET
def stats(request):
    form, practices = _practices(request)
    return _render_register(request, "practices/stats.html", form, counts=counts(practices))


@require_GET
def practice_map(request):
    form, practices = _practices(request)
    points: dict[int, dict] = {}
    rows = practices.select_related("commune__parent").order_by("sort_key", "pk")
    for practice in rows:
        commune = practice.commune
        if commune.latitude is None or commune.longitude is None:
            continue
        point = points.setdefault(
            commune.pk,
            {
                "name": commune.name,
                "district": commune.parent.name if commune.parent else "",
                "lat": commune.latitude,
                "lon": commune.longitude,
                "items": [],
            },
        )
        point["items"].append(
            {
                "name": practice.name,
                "kind": practice.kind,
                "kind_label": str(practice.get_kind_display()),
                "url": practice.get_absolute_url(),
            }
        )
    districts = [
        {"name": d.short_name, "lat": d.latitude, "lon": d.longitude}
        for d in AdminUnit.objects.filter(
            level=AdminUnit.DISTRICT, latitude__isnull=False, longitude__isnull=False
        ).order_by("sort_key")
    ]
    return _render_register(
        request,
        "practices/map.html",
        form,
        map_data={"points": list(points.values()), "districts": districts},
        count=sum(len(p["items"]) for p in points.values()),
    )


@require_GET
def export(request):
    _form, practices = _practices(request)
    rows = (
        practices.select_related("area", "commune__parent", "organization")
        .prefetch_related("organization__names", "coordinators__names", "replicated_in")
        .order_by("sort_key", "pk")
    )
    columns = [
        Column(_("Name of the model"), lambda p: p.name, 45),
        Column(_("Kind of entry"), lambda p: p.get_kind_display(), 18),
        Column(_("Field of work"), lambda p: p.area.name, 30),
        Column(_("Commune"), lambda p: p.commune.name, 20),
        Column(_("District"), lambda p: p.commune.parent.name if p.commune.parent else "", 20),
        Column(_("Lead force"), lambda p: name_on(p.organization, p.started_on), 25),
        Column(
            _("Coordinating forces"),
            lambda p: "; ".join(name_on(o, p.started_on) for o in p.coordinators.all()),
            30,
        ),
        Column(_("Funds (million đồng)"), lambda p: p.funds, 14),
        Column(_("Workdays (ngày công)"), lambda p: p.workdays, 14),
        Column(_("Start date"), lambda p: p.started_on, 12),
        Column(_("Recognised at"), lambda p: p.get_recognition_level_display(), 14),
        Column(_("Year recognised"), lambda p: p.recognition_year, 10),
        Column(
            _("Replicated in"),
            lambda p: "; ".join(u.name for u in p.replicated_in.all()) if p.is_replicated else "",
            30,
        ),
        Column(_("Results achieved"), lambda p: p.results, 50),
    ]
    return export_list(
        "mo-hinh-dan-van-kheo.xlsx",
        _("Skilful mobilization models"),
        columns,
        rows,
        title=_("Register of skilful mobilization models"),
    )


@require_http_methods(["GET", "POST"])
def practice_create(request):
    if not request.user.has_perm("practices.add_practice"):
        raise PermissionDenied
    return record_form_page(
        request, PracticeForm, title=_("New model"), back=reverse("practices:index")
    )


@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    practice = get_for_user(Practice.objects, request.user, pk, perm="practices.change_practice")
    return record_form_page(
        request, PracticeForm, instance=practice, title=practice, back=practice.get_absolute_url()
    )


@require_GET
def practice_detail(request, pk):
    practice = get_for_user(
        Practice.objects.select_related("area", "commune__parent", "organization"),
        request.user,
        pk,
    )
    can_edit = request.user.has_perm("practices.change_practice", practice)
    return render(
        request,
        "practices/practice_detail.html",
        {
            "practice": practice,
            "can_edit": can_edit,
            "photos": attachments_of(practice, PHOTO),
            "upload_form": UploadForm(label=_("Photos"), allowed=IMAGES) if can_edit else None,
        },
    )


@require_POST
def practice_photos(request, pk):
    practice = get_for_user(Practice.objects, request.user, pk, perm="practices.change_practice")
    return attach_uploads(request, practice, label=_("Photos"), allowed=IMAGES, role=PHOTO)
