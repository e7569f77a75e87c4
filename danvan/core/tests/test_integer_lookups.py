"""A garbled id too large for the database never crashes a query or a form."""

from django import forms

from danvan.orgs.models import Organization


def test_in_with_a_number_no_column_can_hold_finds_nothing(world):
    assert list(Organization.objects.filter(pk__in=[10**30])) == []
    assert list(Organization.objects.filter(pk__in=[10**30, world.mttq.pk])) == [world.mttq]
    assert list(Organization.objects.filter(pk__in=[-(10**30)])) == []


def test_a_multiple_choice_of_a_huge_id_is_a_form_error(world):
    class Pick(forms.Form):
        orgs = forms.ModelMultipleChoiceField(Organization.objects.all())

    form = Pick({"orgs": ["9" * 30]})
    assert not form.is_valid()
    assert "orgs" in form.errors
