from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.areas.models import ContentArea
from danvan.core.forms import StyledForm, VNDecimalField
from danvan.core.registers import (
    OwnedRecordForm,
    UnitChoiceField,
    UnitMultipleChoiceField,
    apply_search,
    year_field,
)
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization
from danvan.practices.models import Practice


def communes():
    return AdminUnit.objects.filter(level=AdminUnit.COMMUNE)


class PracticeForm(OwnedRecordForm):
    commune = UnitChoiceField(communes(), label=_("Commune"))
    replicated_in = UnitMultipleChoiceField(communes(), label=_("Replicated in"), required=False)
    funds = VNDecimalField(label=_("Funds (million đồng)"), required=False, min_value=0)
    workdays = VNDecimalField(label=_("Workdays (ngày công)"), required=False, min_value=0)

    class Meta:
        model = Practice
        fields = [
            "kind",
            "name",
            "area",
            "commune",
            "organization",
            "coordinators",
            "partners",
            "goals",
            "method",
            "funds",
            "workdays",
            "results",
            "started_on",
            "recognition_level",
            "recognition_year",
            "is_replicated",
            "replicated_in",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "coordinators": forms.CheckboxSelectMultiple(attrs={"class": "columns-3 small"}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "method": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = ContentArea.objects.active()
        self.fields["coordinators"].queryset = Organization.objects.order_by("sort_key")
        self.fields["replicated_in"].widget.attrs["size"] = 8

    def clean(self):
        data = super().clean()
        if data.get("recognition_level") and not data.get("recognition_year"):
            self.add_error("recognition_year", _("Give the year it was recognised."))
        if data.get("replicated_in") and not data.get("is_replicated"):
            data["is_replicated"] = True
        return data


class PracticeFilterForm(StyledForm):
    q = forms.CharField(required=False, label=_("Search"))
    area = forms.ModelChoiceField(
        ContentArea.objects.all(), required=False, empty_label=_("All fields"), label=_("Field")
    )
    district = forms.ModelChoiceField(
        AdminUnit.objects.filter(level=AdminUnit.DISTRICT),
        required=False,
        empty_label=_("All districts"),
        label=_("District"),
    )
    commune = UnitChoiceField(
        communes(), required=False, empty_label=_("All communes"), label=_("Commune")
    )
    level = forms.ChoiceField(
        required=False,
        choices=[("", _("Any recognition")), *Practice.LEVELS],
        label=_("Recognised at"),
    )
    year = year_field(_("Year recognised"), _("All years"))
    kind = forms.ChoiceField(
        required=False,
        choices=[("", _("All kinds")), *Practice.KINDS],
        label=_("Kind of entry"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = self.fields["district"].queryset.order_by("sort_key")

    def filter(self, practices):
        if not self.is_valid():
            return practices
        data = self.cleaned_data
        practices = apply_search(practices, data["q"])
        if data["area"]:
            practices = practices.filter(area=data["area"])
        if data["district"]:
            practices = practices.filter(commune__parent=data["district"])
        if data["commune"]:
            practices = practices.filter(commune=data["commune"])
        if data["level"]:
            practices = practices.filter(recognition_level=data["level"])
        if data["year"]:
            practices = practices.filter(recognition_year=data["year"])
        if data["kind"]:
            practices = practices.filter(kind=data["kind"])
        return practices
