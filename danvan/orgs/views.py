from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.access import get_for_user
from danvan.core.audit import as_actor
from danvan.core.text import search_terms
from danvan.orgs.forms import (
    CommitteeForm,
    OrganizationFilterForm,
    OrganizationForm,
    PositionForm,
    RenameForm,
    TermForm,
)
from danvan.orgs.models import Committee, Organization, Position, Term
from danvan.orgs.services import rename_organization


def _require_registry_editor(user):
    if not user.has_perm("orgs.change_registry"):
        raise PermissionDenied


def catalog(request):
    """Danh mục: the registries."""
    from danvan.core.sections import catalog_entries

    return render(request, "orgs/catalog.html", {"entries": catalog_entries()})


def organization_list(request):
    form = OrganizationFilterForm(request.GET)
    orgs = Organization.objects.visible_to(request.user).select_related("parent", "unit")
    if form.is_valid():
        for term in search_terms(form.cleaned_data["q"]):
            orgs = orgs.filter(search_text__contains=term)
        if form.cleaned_data["kind"]:
            orgs = orgs.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["current"]:
            orgs = orgs.valid_on(timezone.localdate())
    page = Paginator(orgs.order_by("sort_key", "pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/organization_list.html",
        {
            "page": page,
            "filter_form": form,
            "can_edit": request.user.has_perm("orgs.change_registry"),
        },
    )


def organization_detail(request, pk):
    org = get_for_user(
        Organization.objects.select_related("parent", "unit", "successor"), request.user, pk
    )
    return render(
        request,
        "orgs/organization_detail.html",
        {
            "org": org,
            "names": org.names.all(),
            "children": org.children.order_by("sort_key"),
            "positions": Position.objects.filter(organization=org).select_related("term"),
            "can_edit": request.user.has_perm("orgs.change_registry"),
        },
    )


@require_http_methods(["GET", "POST"])
def organization_create(request):
    _require_registry_editor(request.user)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            org = form.save()
        messages.success(request, _("Saved."))
        return redirect(org)
    return render(request, "orgs/organization_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    org = get_for_user(Organization.objects, request.user, pk, perm="orgs.change_registry")
    form = OrganizationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            form.save()
        messages.success(request, _("Saved."))
        return redirect(org)
    return render(request, "orgs/organization_form.html", {"form": form, "org": org})


@require_http_methods(["GET", "POST"])
def organization_rename(request, pk):
    org = get_for_user(Organization.objects, request.user, pk, perm="orgs.change_registry")
    form = RenameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rename_organization(org, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Renamed."))
        return redirect(org)
    return render(request, "orgs/organization_rename.html", {"form": form, "org": org})


def committee_detail(request, pk):
    committee = get_for_user(
        Committee.objects.select_related("host", "standing_office", "unit"), request.user, pk
    )
    terms = committee.terms.prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("organization").order_by("order", "sort_key"),
        )
    ).annotate(n_positions=Count("positions"))
    return render(
        request,
        "orgs/committee_detail.html",
        {
            "committee": committee,
            "terms": terms,
            "can_edit": request.user.has_perm("orgs.change_registry"),
        },
    )


def committee_current(request):
    committee = Committee.objects.order_by("pk").first()
    if committee is None:
        return render(request, "orgs/committee_missing.html")
    return redirect(committee)


@require_http_methods(["GET", "POST"])
def committee_edit(request, pk):
    committee = get_for_user(Committee.objects, request.user, pk, perm="orgs.change_registry")
    form = CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            form.save()
        messages.success(request, _("Saved."))
        return redirect(committee)
    return render(
        request,
        "orgs/simple_form.html",
        {"form": form, "title": committee, "back": committee.get_absolute_url()},
    )


@require_http_methods(["GET", "POST"])
def term_create(request, pk):
    committee = get_for_user(Committee.objects, request.user, pk, perm="orgs.change_registry")
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            form.instance.committee = committee
            form.save()
        messages.success(request, _("Saved."))
        return redirect(committee)
    return render(
        request,
        "orgs/simple_form.html",
        {"form": form, "title": _("New term"), "back": committee.get_absolute_url()},
    )


@require_http_methods(["GET", "POST"])
def position_create(request, term_pk):
    _require_registry_editor(request.user)
    term = get_for_user(Term.objects.select_related("committee"), request.user, term_pk)
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            form.instance.term = term
            form.save()
        messages.success(request, _("Saved."))
        return redirect(term.committee)
    return render(
        request,
        "orgs/simple_form.html",
        {"form": form, "title": _("New position"), "back": term.committee.get_absolute_url()},
    )


@require_http_methods(["GET", "POST"])
def position_edit(request, pk):
    position = get_for_user(
        Position.objects.select_related("term__committee"),
        request.user,
        pk,
        perm="orgs.change_registry",
    )
    form = PositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            form.save()
        messages.success(request, _("Saved."))
        return redirect(position.term.committee)
    return render(
        request,
        "orgs/simple_form.html",
        {
            "form": form,
            "title": position,
            "back": position.term.committee.get_absolute_url(),
            "audited": position,
        },
    )
