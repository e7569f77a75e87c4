"""Form pieces shared by every app: Bootstrap classes, dd/mm/yyyy dates, Vietnamese numbers."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.core.numbers import NumberFormatError, parse_vn_number


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the browser's date picker would show the OS locale's order."""

    def __init__(self, attrs=None):
        base = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "form-control date-input",
        }
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class VNDecimalField(forms.DecimalField):
    """Accepts 1.234.567,5 and refuses ambiguous input with a clear message."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_vn_number(value)
        except NumberFormatError as exc:
            raise ValidationError(str(exc), code="invalid") from None

    def validate(self, value):
        forms.Field.validate(self, value)
        if value is not None and not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs["inputmode"] = "decimal"
        return attrs

    def prepare_value(self, value):
        from danvan.core.templatetags.danvan import vn_number

        return (
            vn_number(value)
            if value not in self.empty_values and not isinstance(value, str)
            else value
        )


class StyledFormMixin:
    """Adds Bootstrap classes, so templates stay plain (Django marks errors with aria-invalid)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, DateInput):
                field.widget = DateInput()
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = ""
            else:
                css = "form-control"
            if css and css not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    pass


class ReasonForm(StyledForm):
    """The reason a user gives for a step (Trả lại, reopen…)."""

    note = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


# The largest integer every database's integer column holds: a larger one typed or forged in
# a form is refused as a field error, never an overflow deep in the database driver.
DB_INT_MAX = 2_147_483_647


class VersionField(forms.IntegerField):
    """The version of the record the form was opened on, sent back to detect a later save."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, max_value=DB_INT_MAX, **kwargs)


class VersionedFormMixin:
    """Carries the record's version through the form, so a save can tell whether someone else
    saved in between (see core.concurrency.save_checked). Model forms take it from the
    instance; plain forms from `initial["version"]`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = VersionField()
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["version"].initial = instance.version
