from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm, StyledModelForm
from danvan.orgs.models import Organization
from danvan.reporting.models import Indicator, ReportForm, ValidationRule


class IndicatorForm(StyledModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "measure_unit",
            "decimal",
            "aggregation",
            "area",
            "description",
            "order",
            "valid_from",
            "valid_to",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ReportFormForm(StyledModelForm):
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.order_by("order", "sort_key"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They appear in the grid in the catalogue's order."),
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Reporting organisations"),
        queryset=Organization.objects.order_by("sort_key"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ReportForm
        fields = [
            "code",
            "name",
            "description",
            "period_type",
            "by_commune",
            "deadline_days",
            "reminder_days",
            "valid_from",
            "valid_to",
            "organizations",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["indicators"].initial = list(
                self.instance.form_indicators.values_list("indicator_id", flat=True)
            )


class RuleForm(StyledModelForm):
    class Meta:
        model = ValidationRule
        fields = ["left", "operator", "right", "message"]

    def __init__(self, *args, form: ReportForm, **kwargs):
        super().__init__(*args, **kwargs)
        indicators = form.indicators.order_by("order", "sort_key")
        self.fields["left"].queryset = indicators
        self.fields["right"].queryset = indicators

    def clean(self):
        data = super().clean()
        if data.get("left") and data.get("left") == data.get("right"):
            raise forms.ValidationError(_("Compare two different indicators."))
        return data


class ImportForm(StyledForm):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("The template downloaded from this page, filled in."),
    )
