from __future__ import annotations

from django import forms
from django.forms import BaseFormSet, formset_factory, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from danvan.areas.models import ContentArea
from danvan.core.forms import (
    StyledForm,
    StyledModelForm,
    VersionedFormMixin,
    VNDecimalField,
)
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization
from danvan.planning.models import Plan, Program, ProgramArea, ProgramTarget


class ProgramForm(VersionedFormMixin, StyledModelForm):
    class Meta:
        model = Program
        fields = ["title", "start_year", "end_year", "summary", "issued_on"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year is before the first."))
        return data


class ProgramAreaForm(StyledModelForm):
    class Meta:
        model = ProgramArea
        fields = ["area", "content", "order"]
        widgets = {"content": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        taken = program.areas.exclude(pk=self.instance.pk).values("area")
        self.fields["area"].queryset = (
            ContentArea.objects.active().exclude(pk__in=taken).order_by("order", "sort_key")
        )


class ProgramTargetForm(StyledModelForm):
    target = VNDecimalField(label=_("Target"), min_value=0)

    class Meta:
        model = ProgramTarget
        fields = ["label", "unit", "target"]


ProgramTargetFormSet = inlineformset_factory(
    ProgramArea, ProgramTarget, form=ProgramTargetForm, extra=3, can_delete=True
)


class NumberForm(StyledForm):
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=99999,  # a document's number; a huge one overflowed SQLite (fuzz test)
        help_text=_("The number of the paper document already issued."),
    )


class NoteForm(StyledForm):
    note = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ReasonRequiredForm(StyledForm):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class PlanForm(VersionedFormMixin, StyledModelForm):
    class Meta:
        model = Plan
        fields = ["organization", "title", "year", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, program: Program, user, **kwargs):
        super().__init__(*args, **kwargs)
        from danvan.accounts.access import is_coordinator

        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"),
            coerce=int,
            choices=[(y, str(y)) for y in program.years],
            initial=self.instance.year if self.instance.pk else program.start_year,
        )
        self.fields["year"].widget.attrs["class"] = "form-select"
        organization = self.fields["organization"]
        organization.queryset = Organization.objects.order_by("sort_key")
        if self.instance.pk or not is_coordinator(user):
            # A plan belongs to its organisation for good; a member drafts only its own.
            del self.fields["organization"]


class PlanTaskForm(VersionedFormMixin, StyledForm):
    title = forms.CharField(label=_("Task"), max_length=500)
    area = forms.ModelChoiceField(
        label=_("Content area"), queryset=ContentArea.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    expected_result = forms.CharField(
        label=_("Expected result"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    lead = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organization.objects.none()
    )
    coordinators = forms.ModelMultipleChoiceField(
        label=_("Coordinating organisations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Localities"),
        queryset=AdminUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl to choose several."),
    )
    start_date = forms.DateField(label=_("Start date"), required=False)
    due_date = forms.DateField(label=_("Due date"), required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        program_areas = plan.program.areas.values("area")
        self.fields["area"].queryset = (
            ContentArea.objects.filter(pk__in=program_areas).order_by("order", "sort_key")
            or ContentArea.objects.active()
        )
        orgs = Organization.objects.order_by("sort_key")
        self.fields["lead"].queryset = orgs
        self.fields["lead"].initial = plan.organization_id
        self.fields["coordinators"].queryset = orgs
        province = plan.program.committee.unit
        units = AdminUnit.objects.filter(structure=AdminUnit.LEGACY)
        if province is not None:
            units = (
                units.filter(pk=province.pk)
                | units.filter(parent=province)
                | units.filter(parent__parent=province)
            )
        self.fields["units"].queryset = units.order_by("level", "sort_key")

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("The due date is before the start date."))
        return data


class TargetRowForm(StyledForm):
    label = forms.CharField(label=_("Figure"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=30)
    target = VNDecimalField(label=_("Target"), min_value=0)


class BaseTargetRows(BaseFormSet):
    def targets(self) -> list[dict]:
        return [
            {
                "label": f.cleaned_data["label"],
                "unit": f.cleaned_data["unit"],
                "target": f.cleaned_data["target"],
            }
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


TargetRows = formset_factory(TargetRowForm, formset=BaseTargetRows, extra=2, can_delete=True)


class PlanFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    organization = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organization.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Plan.STATUSES]
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]
        self.fields["organization"].queryset = (
            Organization.objects.filter(plans__isnull=False).distinct().order_by("sort_key")
        )
        self.fields["organization"].empty_label = _("All organisations")
