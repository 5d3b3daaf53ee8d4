"""Leads' forms: entering one (marketing), deciding on one (sales)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.lib import corporate_number
from eigyo.prospecting.models import Lead


class LeadForm(forms.ModelForm):
    class Meta:
        model = Lead
        fields = [
            "source",
            "medium",
            "campaign",
            "company_name",
            "corporate_number",
            "family_name",
            "given_name",
            "family_kana",
            "given_kana",
            "title",
            "email",
            "phone",
            "note",
            "owner",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = access.visible_users(user).filter(
            pk__in=access.sales_side(access.membership(user).org_id)
        )
        self.fields["owner"].required = False

    def clean_corporate_number(self):
        raw = self.cleaned_data.get("corporate_number", "")
        if not raw.strip():
            return ""
        if not corporate_number.is_valid(raw):
            raise forms.ValidationError(
                _("Not a valid corporate number (13 digits, check digit first).")
            )
        return corporate_number.clean(raw)

    def clean_company_name(self):
        name = self.cleaned_data["company_name"].strip()
        if not name:
            raise forms.ValidationError(_("Which company?"))
        return name


class AssignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("assigned to"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = access.visible_users(user).filter(
            pk__in=access.sales_side(access.membership(user).org_id)
        )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"), choices=[("accept", _("Accept")), ("reject", _("Reject"))]
    )
    reason = forms.ChoiceField(
        label=_("reason"), choices=[("", "—"), *Lead.Reason.choices], required=False
    )
    rating = forms.TypedChoiceField(
        label=_("quality (1–5)"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int
    )
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason"):
            self.add_error("reason", _("Why is it rejected?"))
        return data
