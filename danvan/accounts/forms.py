from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role, User
from danvan.core.forms import StyledModelForm


class UserForm(StyledModelForm):
    class Meta:
        model = User
        fields = [
            "username",
            "full_name",
            "email",
            "organization",
            "role",
            "title",
            "phone",
            "is_active",
        ]

    def clean(self):
        data = super().clean()
        if data.get("role") in (Role.FOCAL,) and not data.get("organization"):
            self.add_error("organization", _("A focal officer must belong to an organisation."))
        return data


class NewUserForm(SetPasswordMixin, UserForm):
    password1, password2 = SetPasswordMixin.create_password_fields()

    class Meta(UserForm.Meta):
        pass

    def clean(self):
        data = super().clean()
        self.validate_passwords()
        return data

    def _post_clean(self):
        super()._post_clean()
        self.validate_password_for_user(self.instance)

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class UserFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    role = forms.ChoiceField(
        required=False, choices=[("", _("All roles")), *Role.choices], label=_("Role")
    )
