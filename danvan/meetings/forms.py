from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm, StyledModelForm
from danvan.core.registers import OwnedRecordForm, year_field
from danvan.meetings.models import Conclusion, ConclusionItem, Meeting
from danvan.orgs.models import Organization


class MeetingForm(OwnedRecordForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "held_on",
            "place",
            "committee",
            "organization",
            "chairs",
            "attending_organizations",
            "attendees",
            "agenda",
            "speech_summary",
        ]
        widgets = {
            "chairs": forms.Textarea(attrs={"rows": 3}),
            "attending_organizations": forms.CheckboxSelectMultiple,
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "speech_summary": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attending_organizations"].queryset = Organization.objects.order_by("sort_key")


class MeetingFilterForm(StyledForm):
    q = forms.CharField(required=False, label=_("Search"))
    year = year_field(_("Year"), _("All years"))
    kind = forms.ChoiceField(
        required=False,
        choices=[("", _("All kinds")), *Meeting.KINDS],
        label=_("Kind of conference"),
    )


class ConclusionForm(StyledModelForm):
    number = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=99999,  # a document's number; a huge one overflowed SQLite (fuzz test)
        help_text=_("Leave empty to take the next free number of the year."),
    )

    class Meta:
        model = Conclusion
        fields = ["number", "issued_on", "signer", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class ConclusionItemForm(StyledModelForm):
    class Meta:
        model = ConclusionItem
        fields = ["content", "lead", "coordinators", "due_date", "expected_result"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "coordinators": forms.CheckboxSelectMultiple,
            "expected_result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lead", "coordinators"):
            self.fields[name].queryset = Organization.objects.order_by("sort_key")
