"""Deal forms; the API validates through the same forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.companies.access import can_assign_partner, visible_companies
from eigyo.contacts.access import visible_people
from eigyo.core import fields
from eigyo.deals.access import can_set_deal_people
from eigyo.deals.models import (
    OPEN_STAGES,
    Deal,
    DiscountRequest,
    Objection,
    Praise,
    Promise,
    Stage,
    Stakeholder,
)
from eigyo.worktime.calendars import date_warnings


class DealForm(forms.ModelForm):
    class Meta:
        model = Deal
        formfield_callback = fields.formfield
        fields = [
            "title",
            "company",
            "amount",
            "expected_close",
            "owner",
            "team_members",
            "partner",
            "notes",
        ]
        widgets = {
            "expected_close": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "team_members": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from eigyo.accounts.models import Partner

        self.user = user
        self.org = access.membership(user).org
        self.fields["company"].queryset = visible_companies(user).order_by("name_key")
        self.fields["owner"].queryset = access.assignable_owners(user) | (
            access.visible_users(user).filter(pk=self.instance.owner_id)
            if self.instance.pk
            else access.assignable_owners(user).none()
        )
        self.fields["owner"].initial = user.pk
        self.fields["team_members"].queryset = access.visible_users(user).order_by("family_kana")
        self.fields["team_members"].required = False
        if can_assign_partner(user):
            self.fields["partner"].queryset = Partner.objects.filter(org=self.org)
        else:
            del self.fields["partner"]
        if not can_set_deal_people(user):
            # Not offered, and over the API a 422 naming the field (core.api.valid).
            del self.fields["owner"], self.fields["team_members"]
        self.fields["amount"].help_text = _("In yen, without decimals.")

    def clean(self):
        data = super().clean()
        self.warnings = date_warnings(
            self.org, self.user, {_("The expected close"): data.get("expected_close")}
        )
        return data

    def save(self, commit=True):
        self.instance.org = self.org
        return super().save(commit)


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Deal._meta.get_field("stage").choices, label=_("stage"))
    lost_reason = forms.CharField(max_length=300, required=False, label=_("reason lost"))

    def clean(self):
        data = super().clean()
        if data.get("stage") == "lost" and not (data.get("lost_reason") or "").strip():
            self.add_error("lost_reason", _("Say why the deal was lost."))
        return data


class DealChildForm(forms.ModelForm):
    """Base for the records that hang off a deal: people must be in the deal's company."""

    person_fields: tuple[str, ...] = ()

    def __init__(self, *args, deal, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.deal, self.user = deal, user
        people = visible_people(user).filter(company_id=deal.company_id)
        for name in self.person_fields:
            self.fields[name].queryset = people.order_by("-seniority", "family_kana")
        # A choice with a model default (status, role, stance …) may be left out.
        self.defaults = {}
        for name, field in self.fields.items():
            model_field = self._meta.model._meta.get_field(name)
            if model_field.choices and model_field.has_default():
                field.required = False
                self.defaults[name] = model_field.get_default()

    def clean(self):
        data = super().clean()
        for name, default in self.defaults.items():
            if name in data and data[name] in (None, ""):
                data[name] = default
        return data

    def save(self, commit=True):
        self.instance.org_id = self.deal.org_id
        self.instance.deal = self.deal
        return super().save(commit)


class StakeholderForm(DealChildForm):
    person_fields = ("person",)

    class Meta:
        model = Stakeholder
        formfield_callback = fields.formfield
        fields = ["person", "role", "influence", "stance", "met_override", "personal_win", "notes"]
        widgets = {
            "personal_win": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "met_override": forms.NullBooleanSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["met_override"].widget.choices = [
            ("unknown", _("from the activity log")),
            ("true", _("yes")),
            ("false", _("no")),
        ]

    def clean_person(self):
        person = self.cleaned_data["person"]
        clash = Stakeholder.objects.filter(deal=self.deal, person=person)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("This person is already in the buying group."), code="duplicate"
            )
        return person


class PromiseForm(DealChildForm):
    class Meta:
        model = Promise
        formfield_callback = fields.formfield
        fields = ["what", "due_on", "owner", "status", "done_on"]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "done_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = access.visible_users(self.user)
        self.fields["owner"].initial = self.user.pk
        self.fields["status"].required = False

    def clean_status(self):
        return self.cleaned_data.get("status") or Promise.Status.OPEN

    def clean(self):
        data = super().clean()
        if data.get("status") in ("kept", "late") and not data.get("done_on"):
            self.add_error("done_on", _("When was it done?"))
        return data


class PraiseForm(DealChildForm):
    person_fields = ("about", "to")

    class Meta:
        model = Praise
        formfield_callback = fields.formfield
        fields = ["about", "to", "statement", "evidence", "said_on"]
        widgets = {
            "said_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "statement": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        about, to = data.get("about"), data.get("to")
        if about and to and about == to:
            self.add_error("to", _("Praise goes to the buyer's superior, not to the buyer."))
        return data


class ObjectionForm(DealChildForm):
    person_fields = ("raised_by",)

    class Meta:
        model = Objection
        formfield_callback = fields.formfield
        fields = ["objection", "raised_by", "response", "status", "raised_on"]
        widgets = {
            "raised_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "response": forms.Textarea(attrs={"rows": 2}),
        }


class DiscountForm(DealChildForm):
    class Meta:
        model = DiscountRequest
        formfield_callback = fields.formfield
        fields = [
            "requested",
            "requested_amount",
            "offered",
            "offer_detail",
            "outcome",
            "requested_on",
        ]
        widgets = {"requested_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ProbabilityForm(forms.Form):
    """A probability (0–100 %) for each open stage."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Stage.choices:
            if value in OPEN_STAGES:
                self.fields[value] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    max_value=100,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
