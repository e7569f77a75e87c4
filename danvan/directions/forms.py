from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DB_INT_MAX, StyledForm, StyledModelForm
from danvan.core.uploads import check_upload
from danvan.directions.models import Proposal
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization
from danvan.tasks.models import Task


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content as it arrives."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,image/*"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = []
        for item in items:
            upload = super().clean(item, initial)
            if upload:
                check_upload(upload)
                cleaned.append(upload)
        return cleaned


MULTI_HELP = _("Hold Ctrl (⌘ on a Mac) to choose more than one.")


def unit_choices(instance: Proposal | None = None):
    """Districts and communes in force today, and those the proposal already names."""
    units = AdminUnit.objects.filter(level__gt=AdminUnit.PROVINCE).valid_on(timezone.localdate())
    if instance is not None and instance.pk:
        units = units | AdminUnit.objects.filter(pk__in=instance.units.values("pk"))
    return units.order_by("level", "sort_key", "pk").distinct()


class ProposalForm(StyledModelForm):
    files = MultipleFileField(
        label=_("Attachments"),
        help_text=_("PDF, DOCX, XLSX or images; Vietnamese file names are kept."),
    )

    class Meta:
        model = Proposal
        fields = ["kind", "title", "summary", "content", "area", "units", "related_tasks"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 8}),
            "units": forms.SelectMultiple(attrs={"size": 8}),
            "related_tasks": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        for name in ("units", "related_tasks"):
            self.fields[name].help_text = MULTI_HELP
        self.fields["units"].queryset = unit_choices(self.instance)
        tasks = Task.objects.visible_to(user).select_related("lead").order_by("sort_key", "pk")
        if self.instance.pk:
            tasks = tasks | Task.objects.filter(pk__in=self.instance.related_tasks.values("pk"))
        self.fields["related_tasks"].queryset = tasks.distinct()
        self.fields["area"].queryset = self.fields["area"].queryset.filter(is_active=True)

    def model_values(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("kind", "title", "summary", "content", "area")}


class StepForm(StyledForm):
    """A workflow step: what the actor says, and the version the page showed (so a second,
    identical POST is refused instead of making a second step)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=DB_INT_MAX)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    note_label = None
    note_required = False

    def __init__(self, *args, proposal: Proposal, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", proposal.version)
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        if self.note_label:
            self.fields["note"].label = self.note_label
        self.fields["note"].required = self.note_required

    def step_kwargs(self) -> dict:
        return {"note": self.cleaned_data["note"]}


class SendForm(StepForm):
    note_label = _("Covering note")


class RegisterForm(StepForm):
    received_on = forms.DateField(label=_("Date received"))
    note_label = _("Checking note")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date received cannot be in the future."))
        sent = self.proposal.sent_at
        if sent and day < timezone.localtime(sent).date():
            raise ValidationError(_("The date received cannot be before the date sent."))
        return day

    def step_kwargs(self) -> dict:
        return {"note": self.cleaned_data["note"], "received_on": self.cleaned_data["received_on"]}


class ReturnForm(StepForm):
    note_label = _("Reason, and what the sender should add")
    note_required = True


class ForwardForm(StepForm):
    note_label = _("Standing office's advice")
    note_required = True

    def step_kwargs(self) -> dict:
        return {"advice": self.cleaned_data["note"]}


class CloseForm(StepForm):
    note_label = _("Note")


class DirectForm(StepForm):
    note_label = _("Direction")
    note_required = True

    def step_kwargs(self) -> dict:
        return {"text": self.cleaned_data["note"]}


class AskMoreForm(DirectForm):
    note_label = _("What more is needed")


STEP_FORMS = {
    "send": SendForm,
    "register": RegisterForm,
    "return": ReturnForm,
    "forward": ForwardForm,
    "close": CloseForm,
    "agree": DirectForm,
    "decline": DirectForm,
    "ask_more": AskMoreForm,
}


def organization_choices():
    return Organization.objects.order_by("sort_key", "pk")


class AssignmentForm(StyledForm):
    title = forms.CharField(label=_("Task"), max_length=500)
    lead = forms.ModelChoiceField(label=_("Lead organisation"), queryset=Organization.objects)
    coordinators = forms.ModelMultipleChoiceField(
        label=_("Coordinating organisations"),
        queryset=Organization.objects,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=MULTI_HELP,
    )
    due_date = forms.DateField(label=_("Deadline"))
    expected_result = forms.CharField(
        label=_("Expected result"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = organization_choices()
        self.fields["lead"].queryset = orgs
        self.fields["coordinators"].queryset = orgs

    def clean_due_date(self):
        day = self.cleaned_data["due_date"]
        if day < timezone.localdate():
            raise ValidationError(_("The deadline cannot be in the past."))
        return day

    def clean(self):
        data = super().clean()
        lead, coordinators = data.get("lead"), data.get("coordinators")
        if lead and coordinators and lead in coordinators:
            data["coordinators"] = [c for c in coordinators if c.pk != lead.pk]
        return data


AssignmentFormSet = forms.formset_factory(
    AssignmentForm, extra=0, min_num=1, validate_min=True, max_num=20, validate_max=True
)


class AssignForm(StepForm):
    note_label = _("Direction")
    note_required = True

    def step_kwargs(self) -> dict:
        return {"text": self.cleaned_data["note"]}


class ProposalFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses"))] + Proposal.STATUSES
    )
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        required=False,
        choices=[("", _("All kinds of document"))] + Proposal.KINDS,
    )
    organization = forms.ModelChoiceField(
        label=_("Sending organisation"),
        required=False,
        queryset=Organization.objects,
        empty_label=_("All sending organisations"),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices()


class AssignmentFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    lead = forms.ModelChoiceField(
        label=_("Lead organisation"),
        required=False,
        queryset=Organization.objects,
        empty_label=_("All lead organisations"),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        from danvan.tasks.models import Status

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses"))] + list(Status.choices)
        self.fields["lead"].queryset = organization_choices()


class PeriodForm(StyledForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Whole year")), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
