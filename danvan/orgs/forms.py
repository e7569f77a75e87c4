from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm, StyledModelForm
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Committee, Organization, Position, Term


class OrganizationForm(StyledModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "symbol",
            "kind",
            "parent",
            "unit",
            "document_style",
            "address",
            "phone",
            "email",
            "valid_from",
            "valid_to",
            "successor",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = AdminUnit.objects.filter(
            level__in=[AdminUnit.PROVINCE, AdminUnit.DISTRICT, AdminUnit.COMMUNE]
        ).order_by("structure", "level", "sort_key")
        self.fields["parent"].queryset = Organization.objects.order_by("sort_key")
        self.fields["successor"].queryset = Organization.objects.order_by("sort_key")

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity is before its start."))
        if self.instance.pk and data.get("parent") and data["parent"].pk == self.instance.pk:
            self.add_error("parent", _("An organisation cannot be its own parent."))
        return data


class RenameForm(StyledForm):
    new_name = forms.CharField(label=_("New name"), max_length=200)
    new_short_name = forms.CharField(label=_("New short name"), max_length=80, required=False)
    effective = forms.DateField(label=_("Effective from"))
    note = forms.CharField(label=_("Decision or note"), max_length=255, required=False)


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    kind = forms.ChoiceField(
        required=False, choices=[("", _("All kinds")), *Organization.KINDS], label=_("Kind")
    )
    current = forms.BooleanField(required=False, label=_("Only those valid today"))


class CommitteeForm(StyledModelForm):
    class Meta:
        model = Committee
        fields = [
            "name",
            "short_name",
            "symbol",
            "parent_body",
            "unit",
            "host",
            "standing_office",
            "place_name",
            "document_style",
        ]


class TermForm(StyledModelForm):
    class Meta:
        model = Term
        fields = ["name", "start", "end", "decision"]


class PositionForm(StyledModelForm):
    class Meta:
        model = Position
        fields = ["role", "person_name", "title", "organization", "start", "end", "order"]
