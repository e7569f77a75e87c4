"""Pieces shared by the registers (conferences, models, situations, training).

Each register's records belong to one organisation (`organization`): its members write them,
the standing office and the administrator write all of them, a viewer only reads.
"""

from __future__ import annotations

import rules
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import belongs_to, can_write, is_coordinator
from danvan.core.audit import as_actor
from danvan.core.forms import StyledForm, StyledModelForm
from danvan.core.text import search_terms
from danvan.core.uploads import DOCUMENTS, IMAGES, attach, check_upload


@rules.predicate
def is_record_owner(user, record) -> bool:
    return record is not None and belongs_to(user, record.organization_id)


# The object permission of every register's "change" (and of the steps taken on a record).
may_write_record = is_coordinator | (can_write & is_record_owner)


class OwnedRecordForm(StyledModelForm):
    """A register record's form: a member records for its own organisation only, the standing
    office and the administrator for any."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        if not is_coordinator(user):
            field.queryset = field.queryset.filter(pk=user.organization_id)
            field.empty_label = None
        elif not self.instance.pk and user.organization_id:
            field.initial = user.organization_id


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not items:
            super().clean(None, initial)  # "This field is required."
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class UploadForm(StyledForm):
    """Files attached to a record, checked by content (`core.uploads`)."""

    files = MultipleFileField()

    def __init__(self, *args, label, allowed: tuple[str, ...] = DOCUMENTS + IMAGES, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed
        self.fields["files"].label = label
        self.fields["files"].widget.attrs["accept"] = ",".join(f".{kind}" for kind in allowed)

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        for upload in uploads:
            check_upload(upload, self.allowed)
        return uploads


def apply_search(queryset, query: str):
    """Keep the rows whose folded search text holds every word of `query` (see IndexedModel)."""
    for term in search_terms(query or ""):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


FIRST_YEAR = 2020


def year_field(label, blank_label) -> forms.TypedChoiceField:
    """A filter on the year, newest first, up to next year."""

    def choices():
        last = timezone.localdate().year + 1
        return [("", blank_label), *((y, str(y)) for y in range(last, FIRST_YEAR - 1, -1))]

    return forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, choices=choices, label=label
    )


class _GroupedByParent(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        units = self.queryset.select_related("parent").order_by(
            "structure", "parent__sort_key", "sort_key"
        )
        for unit in units:
            groups.setdefault(unit.parent.name if unit.parent else "", []).append(self.choice(unit))
        yield from groups.items()


class UnitChoiceField(forms.ModelChoiceField):
    """An administrative unit from a long list, grouped by the unit above it (communes under
    their district; after 1 July 2025, under their province)."""

    iterator = _GroupedByParent


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _GroupedByParent


def name_on(organization, day) -> str:
    """An organisation's name as it was on `day`: its short name, unless it was renamed since,
    then the full name it bore that day (prefetch `names` on lists)."""
    if organization is None:
        return ""
    if day:
        name = organization.name_on(day)
        if name != organization.name:
            return name
    return organization.display_name


def record_form_page(request, form_class, *, title, back: str, instance=None):
    """The page that adds or edits a register record: a valid POST saves it (audited as the
    user, who becomes its creator) and goes to the record; otherwise the form is shown."""
    form = form_class(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        if instance is None:
            form.instance.created_by = request.user
        with as_actor(request.user):
            record = form.save()
        messages.success(request, _("Saved."))
        return redirect(record)
    return render(request, "core/record_form.html", {"form": form, "title": title, "back": back})


def attach_uploads(request, owner, *, label, allowed: tuple[str, ...], role: str):
    """Attach the files of an upload form to `owner`; what is refused is said, not saved."""
    form = UploadForm(request.POST, request.FILES, label=label, allowed=allowed)
    if form.is_valid():
        with as_actor(request.user):
            for upload in form.cleaned_data["files"]:
                attach(owner, upload, user=request.user, role=role, allowed=allowed)
        messages.success(request, _("Files attached."))
    else:
        for error in form.errors.get("files", []):
            messages.error(request, error)
    return redirect(owner)
