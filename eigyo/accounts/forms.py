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
    expires_in = forms.TypedChoiceField(
        label=_("valid for"),
        coerce=int,
        choices=[
            (30, _("30 days")),
            (90, _("90 days")),
            (180, _("180 days")),
            (365, _("one year")),
        ],
        initial=90,
        required=False,
        empty_value=90,
        help_text=_("After this the token stops working; make a new one."),
    )
    read_only = forms.BooleanField(
        label=_("read only"),
        required=False,
        help_text=_("The token may read but not change anything."),
    )


class CodeForm(forms.Form):
    """A code from the authenticator app, or one of the backup codes."""

    code = forms.CharField(
        label=_("code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())
