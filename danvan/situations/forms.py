from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm, StyledModelForm
from danvan.core.registers import OwnedRecordForm, UnitChoiceField, apply_search, year_field
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization
from danvan.situations.models import Situation, SituationAction


def localities():
    return AdminUnit.objects.filter(level__in=[AdminUnit.DISTRICT, AdminUnit.COMMUNE])


class SituationForm(OwnedRecordForm):
    unit = UnitChoiceField(localities(), label=_("Locality"))

    class Meta:
        model = Situation
        fields = [
            "title",
            "kind",
            "unit",
            "occurred_on",
            "severity",
            "description",
            "organization",
            "involved",
            "is_confidential",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "involved": forms.CheckboxSelectMultiple(attrs={"class": "columns-3 small"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["involved"].queryset = Organization.objects.order_by("sort_key")


class ActionForm(StyledModelForm):
    class Meta:
        model = SituationAction
        fields = ["on", "action", "result"]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 2}),
            "result": forms.Textarea(attrs={"rows": 2}),
        }


class StepForm(StyledForm):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class SituationFilterForm(StyledForm):
    q = forms.CharField(required=False, label=_("Search"))
    year = year_field(_("Year"), _("All years"))
    kind = forms.ChoiceField(
        required=False,
        choices=[("", _("All kinds")), *Situation.KINDS],
        label=_("Kind of situation"),
    )
    severity = forms.ChoiceField(
        required=False,
        choices=[("", _("Any severity")), *Situation.SEVERITIES],
        label=_("Severity"),
    )
    status = forms.ChoiceField(
        required=False,
        choices=[("", _("Any status")), *Situation.STATUSES],
        label=_("Status"),
    )
    district = forms.ModelChoiceField(
        AdminUnit.objects.filter(level=AdminUnit.DISTRICT).order_by("sort_key"),
        required=False,
        empty_label=_("All districts"),
        label=_("District"),
    )

    def filter(self, situations):
        if not self.is_valid():
            return situations
        data = self.cleaned_data
        situations = apply_search(situations, data["q"])
        if data["year"]:
            situations = situations.filter(occurred_on__year=data["year"])
        for name in ("kind", "severity", "status"):
            if data[name]:
                situations = situations.filter(**{name: data[name]})
        if data["district"]:
            district = data["district"]
            situations = situations.filter(Q(unit=district) | Q(unit__parent=district))
        return situations
