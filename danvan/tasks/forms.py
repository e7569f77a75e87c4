"""Forms of the task pages. They only collect input: the steps themselves are in services.py."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.areas.models import ContentArea
from danvan.core.forms import StyledForm, VNDecimalField
from danvan.core.text import search_terms
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization
from danvan.tasks.models import Status, Task


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (evidence, photos); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, on the field it names when there is one."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class FiguresMixin:
    """One number field per target figure of the task, prefilled with what is achieved so far."""

    def add_figure_fields(self, task: Task) -> None:
        self.target_fields = []
        for target in task.targets.all():
            name = f"target_{target.pk}"
            self.fields[name] = VNDecimalField(
                label=f"{target.label} ({target.unit})",
                required=False,
                min_value=0,
                initial=target.achieved,
                help_text=_("Target: %(target)s") % {"target": _plain_number(target.target)},
            )
            self.fields[name].widget.attrs["class"] = "form-control"
            self.target_fields.append(name)

    def figures(self) -> dict:
        return {
            name.removeprefix("target_"): self.cleaned_data[name]
            for name in self.target_fields
            if self.cleaned_data.get(name) is not None
        }


def _plain_number(value) -> str:
    from danvan.core.templatetags.danvan import vn_number

    return vn_number(value)


class ProgressForm(FiguresMixin, StyledForm):
    on = forms.DateField(label=_("Date"), initial=timezone.localdate)
    percent = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, required=False
    )
    text = forms.CharField(
        label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    files = MultipleFileField(label=_("Attached files"))

    def __init__(self, *args, task: Task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["percent"].initial = task.progress
        self.add_figure_fields(task)


class NoteForm(StyledForm):
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    files = MultipleFileField(label=_("Attached files"))


class FinishForm(FiguresMixin, StyledForm):
    """Hoàn thành / Báo cáo kết quả: the result, its date, the evidence and final figures."""

    on = forms.DateField(label=_("Completed on"), initial=timezone.localdate)
    text = forms.CharField(
        label=_("Result"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    files = MultipleFileField(label=_("Evidence"))

    def __init__(self, *args, task: Task, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_figure_fields(task)


class NoteRequiredForm(StyledForm):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(StyledForm):
    note = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ExtensionRequestForm(StyledForm):
    requested_due_date = forms.DateField(label=_("Requested due date"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionDecisionForm(StyledForm):
    GRANT, REFUSE = "grant", "refuse"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(GRANT, _("Grant the extension")), (REFUSE, _("Refuse the extension"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TaskFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    organization = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organization.objects.none(), required=False
    )
    area = forms.ModelChoiceField(
        label=_("Content area"), queryset=ContentArea.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Locality"), queryset=AdminUnit.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices]
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]
        self.fields["organization"].queryset = Organization.objects.order_by("sort_key")
        self.fields["organization"].empty_label = _("All organisations")
        self.fields["area"].queryset = ContentArea.objects.order_by("order", "sort_key")
        self.fields["area"].empty_label = _("All content areas")
        # Only the places where there is work, and the districts above them.
        used = Task.units.through.objects.values("adminunit_id")
        self.fields["unit"].queryset = (
            AdminUnit.objects.filter(Q(pk__in=used) | Q(children__in=used))
            .distinct()
            .order_by("level", "sort_key")
        )
        self.fields["unit"].empty_label = _("All localities")

    def filter(self, tasks, today):
        """Narrow `tasks` (already `visible_to` the user) by the chosen filters."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("status") != Status.SUPERSEDED:
            tasks = tasks.current()
        for term in search_terms(data.get("q") or ""):
            tasks = tasks.filter(search_text__contains=term)
        if data.get("year"):
            tasks = tasks.filter(due_date__year=data["year"])
        if data.get("organization"):
            tasks = tasks.of_organization(data["organization"].pk)
        if data.get("area"):
            tasks = tasks.filter(area=data["area"])
        if data.get("unit"):
            unit = data["unit"]
            tasks = tasks.filter(
                pk__in=Task.units.through.objects.filter(
                    Q(adminunit=unit) | Q(adminunit__parent=unit)
                ).values("task_id")
            )
        if data.get("status"):
            tasks = tasks.with_status(today).filter(status_code=data["status"])
        return tasks
