from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from danvan.accounts.access import get_for_user
from danvan.core.text import search_terms
from danvan.geo.models import AdminUnit


class UnitFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    structure = forms.ChoiceField(
        required=False,
        choices=[("", _("Both structures")), *AdminUnit.STRUCTURES],
        label=_("Structure"),
    )
    level = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All levels")), *AdminUnit.LEVELS],
        label=_("Level"),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


def unit_list(request):
    form = UnitFilterForm(request.GET)
    units = AdminUnit.objects.visible_to(request.user).select_related("parent")
    parent = None
    if form.is_valid():
        data = form.cleaned_data
        for term in search_terms(data["q"]):
            units = units.filter(search_text__contains=term)
        if data["structure"]:
            units = units.filter(structure=data["structure"])
        if data["level"]:
            units = units.filter(level=data["level"])
        if data["parent"]:
            parent = AdminUnit.objects.filter(pk=data["parent"]).first()
            units = units.filter(parent_id=data["parent"])
    page = Paginator(units.order_by("structure", "level", "sort_key", "pk"), 100).get_page(
        request.GET.get("page")
    )
    return render(
        request, "geo/unit_list.html", {"page": page, "filter_form": form, "parent": parent}
    )


def unit_detail(request, pk):
    unit = get_for_user(AdminUnit.objects.select_related("parent__parent"), request.user, pk)
    return render(
        request,
        "geo/unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.order_by("sort_key"),
            "successors": unit.successions.select_related("new"),
            "predecessors": unit.predecessions.select_related("old__parent"),
            "organizations": unit.organizations.order_by("sort_key"),
        },
    )
