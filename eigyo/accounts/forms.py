"""Account forms: preferences and API tokens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts.models import User
from eigyo.core import fields


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["family_name", "given_name", "family_kana", "given_kana", "language"]

    def clean_family_kana(self):
        return fields.clean_kana(self.cleaned_data.get("family_kana", ""))

    def clean_given_kana(self):
        return fields.clean_kana(self.cleaned_data.get("given_kana", ""))


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label=_("token name"),
        help_text=_("What the token is for, e.g. “BI export”."),
    )
