"""Portfolio forms: add a company to a rep's portfolio, move it between tiers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.companies.access import visible_companies
from eigyo.core import fields
from eigyo.portfolio.access import visible_relationships
from eigyo.portfolio.models import PortfolioSettings, Relationship, Tier


class RelationshipForm(forms.Form):
    company = fields.ModelChoiceField(queryset=None, label=_("company"))
    owner = fields.ModelChoiceField(queryset=None, label=_("rep"))
    tier = forms.ChoiceField(choices=Tier.choices, initial=Tier.NEW, label=_("tier"))
    reason = forms.CharField(max_length=500, required=False, label=_("reason"))
    cadence_days = forms.IntegerField(
        min_value=1, max_value=365, required=False, label=_("cadence override (days)")
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("notes")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["company"].queryset = visible_companies(user).order_by("name_key")
        self.fields["owner"].queryset = access.assignable_owners(user)
        self.fields["owner"].initial = user.pk

    def clean(self):
        data = super().clean()
        company, owner = data.get("company"), data.get("owner")
        if company and owner and Relationship.objects.filter(company=company, owner=owner).exists():
            raise forms.ValidationError(
                _("This company is already in that rep's portfolio."), code="duplicate"
            )
        return data


class RelationshipEditForm(forms.ModelForm):
    """Edit a relationship; a tier move needs a reason and is recorded."""

    reason = forms.CharField(max_length=500, required=False, label=_("reason for the tier change"))

    class Meta:
        model = Relationship
        fields = ["tier", "cadence_days", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if "tier" in self.changed_data and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the tier changes."))
        return data


class PortfolioSettingsForm(forms.ModelForm):
    class Meta:
        model = PortfolioSettings
        fields = [
            "willing_days",
            "possible_days",
            "probable_days",
            "client_days",
            "nurture_days",
            "daily_capacity",
            "monthly_approaches",
            "monthly_contacts_min",
            "monthly_contacts_max",
            "maturing_min",
            "maturing_max",
            "maturing_limit",
            "winnow_after_days",
            "remind_before_days",
            "escalate_after_days",
        ]

    def clean(self):
        data = super().clean()
        low, high = data.get("monthly_contacts_min"), data.get("monthly_contacts_max")
        if low is not None and high is not None and low > high:
            self.add_error("monthly_contacts_max", _("The maximum must not be below the minimum."))
        a, b, c = data.get("maturing_min"), data.get("maturing_max"), data.get("maturing_limit")
        if None not in (a, b, c) and not a <= b <= c:
            self.add_error("maturing_limit", _("Use at least ≤ target ≤ hard limit."))
        for name in (
            "willing_days",
            "possible_days",
            "probable_days",
            "client_days",
            "nurture_days",
            "daily_capacity",
            "winnow_after_days",
        ):
            if data.get(name) == 0:
                self.add_error(name, _("Must be at least 1."))
        return data


class BulkForm(forms.Form):
    """Several relationships at once: to a tier (dropping is a tier), to another rep."""

    ids = forms.ModelMultipleChoiceField(queryset=None, widget=forms.MultipleHiddenInput)
    tier = forms.ChoiceField(label=_("move to"), required=False)
    owner = forms.ModelChoiceField(label=_("hand to"), queryset=None, required=False)
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].queryset = visible_relationships(user)
        self.fields["tier"].choices = [("", "—"), *Tier.choices]
        self.fields["owner"].queryset = access.assignable_owners(user)

    def clean(self):
        data = super().clean()
        if not data.get("tier") and not data.get("owner"):
            raise forms.ValidationError(_("Choose a tier or a rep."))
        return data
