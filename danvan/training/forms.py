from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.areas.models import ContentArea
from danvan.core.forms import StyledForm, StyledModelForm, VNDecimalField
from danvan.core.registers import OwnedRecordForm, apply_search, year_field
from danvan.orgs.models import Organization
from danvan.training.models import Course, Participant


class CourseForm(OwnedRecordForm):
    hours = VNDecimalField(label=_("Hours"), min_value=0)

    class Meta:
        model = Course
        fields = [
            "title",
            "organization",
            "area",
            "start_date",
            "end_date",
            "place",
            "hours",
            "content",
        ]
        widgets = {"content": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = ContentArea.objects.active()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The course ends before it starts."))
        return data


class ParticipantForm(StyledModelForm):
    score = VNDecimalField(label=_("Score"), required=False, min_value=0, max_value=10)

    class Meta:
        model = Participant
        fields = ["full_name", "position", "organization", "completed", "certificate", "score"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("sort_key")

    def clean(self):
        data = super().clean()
        if data.get("certificate") and not data.get("completed"):
            self.add_error("certificate", _("A certificate goes only to those who completed."))
        return data


class CourseFilterForm(StyledForm):
    q = forms.CharField(required=False, label=_("Search"))
    year = year_field(_("Year"), _("All years"))
    organization = forms.ModelChoiceField(
        Organization.objects.order_by("sort_key"),
        required=False,
        empty_label=_("All organisers"),
        label=_("Organiser"),
    )

    def filter(self, courses):
        if not self.is_valid():
            return courses
        data = self.cleaned_data
        courses = apply_search(courses, data["q"])
        if data["year"]:
            courses = courses.filter(start_date__year=data["year"])
        if data["organization"]:
            courses = courses.filter(organization=data["organization"])
        return courses


class StatsForm(StyledForm):
    year = year_field(_("Year"), _("Choose a year"))

    def year_or_default(self) -> int:
        if self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        latest = Course.objects.order_by("-start_date").values_list("start_date", flat=True)
        return latest[0].year if latest else timezone.localdate().year
