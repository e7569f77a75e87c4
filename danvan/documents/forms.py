from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm, StyledModelForm
from danvan.documents.models import ReviewReport
from danvan.orgs.models import Committee


class NewReviewForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewReport.KINDS)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    issuer = forms.ChoiceField(label=_("Issued by"))

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.issuers = {self._key(i): i for i in issuers}
        self.fields["issuer"].choices = [(self._key(i), i.name) for i in issuers]
        self.fields["year"].initial = timezone.localdate().year

    @staticmethod
    def _key(issuer) -> str:
        return f"{'committee' if isinstance(issuer, Committee) else 'org'}:{issuer.pk}"

    def clean_issuer(self):
        return self.issuers[self.cleaned_data["issuer"]]


class ReviewForm(StyledModelForm):
    class Meta:
        model = ReviewReport
        fields = [
            "number",
            "issued_on",
            "signer_on_behalf",
            "signer_position",
            "signer_name",
            "recipients",
        ]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 6})}


class NarrativeForm(StyledForm):
    """One text box per paragraph of the report, pre-filled from the figures."""

    def __init__(self, *args, fields=(), initial_texts=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in fields:
            self.fields[key] = forms.CharField(
                label=label,
                required=False,
                initial=(initial_texts or {}).get(key, ""),
                widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
            )
