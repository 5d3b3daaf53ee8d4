"""The log-a-visit form (also used by the API)."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.activities.models import Activity
from eigyo.companies.access import visible_companies
from eigyo.companies.filters import typeahead as company_typeahead
from eigyo.contacts.access import visible_people
from eigyo.core import clock, fields
from eigyo.core.lists import first_by_prefix
from eigyo.worktime.calendars import date_warnings


class ActivityForm(forms.ModelForm):
    class Meta:
        formfield_callback = fields.formfield
        model = Activity
        fields = [
            "company",
            "kind",
            "occurred_at",
            "people",
            "colleagues",
            "business_discussed",
            "notes",
            "outcome",
            "next_step",
            "next_step_on",
        ]
        widgets = {
            "occurred_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "next_step_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "people": forms.CheckboxSelectMultiple,
            "colleagues": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.org = access.membership(user).org
        self.fields["occurred_at"].input_formats = [
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d",
        ]
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("occurred_at", clock.now().replace(second=0, microsecond=0))
        self.fields["company"].queryset = visible_companies(user).order_by("name_key")
        # The page picks the company by type-ahead; a name typed but not picked (no
        # script, or Enter) is taken when exactly one company starts with it.
        if self.is_bound and not self.data.get("company") and self.data.get("company_search"):
            pairs = company_typeahead(self.data["company_search"])
            found, more = first_by_prefix(self.fields["company"].queryset, pairs, 1, "name_key")
            if found and not more:
                self.data = self.data.copy()
                self.data["company"] = str(found[0].pk)
        people = visible_people(user).order_by("family_kana", "family_name")
        company_id = (
            self.data.get("company") or self.initial.get("company") or (self.instance.company_id)
        )
        if company_id and fields.is_id(company_id):
            people = people.filter(company_id=company_id)
        else:
            people = people.none()
        self.fields["people"].queryset = people
        self.fields["people"].required = False
        # Who else from our side went along (a senior visit, a handover).
        self.fields["colleagues"].queryset = (
            access.visible_users(user)
            .exclude(pk=self.instance.owner_id if self.instance.pk else user.pk)
            .order_by("family_kana", "email")
        )
        self.fields["colleagues"].required = False

    @property
    def selected_company(self):
        """The company chosen so far (for the picker to show its name), or None."""
        value = self["company"].value()
        if not value or not str(value).isdigit():
            return None
        return self.fields["company"].queryset.filter(pk=value).first()

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value and value > clock.now() + dt.timedelta(days=1):
            raise forms.ValidationError(_("A contact cannot be logged in the future."))
        return value

    def clean(self):
        data = super().clean()
        company = data.get("company")
        for person in data.get("people") or []:
            if company and person.company_id != company.pk:
                self.add_error("people", _("Everyone met must work at the chosen company."))
                break
        self.warnings = date_warnings(
            self.org, self.user, {_("The next step"): data.get("next_step_on")}
        )
        return data

    def save(self, commit=True):
        self.instance.org = self.org
        if not self.instance.pk:
            self.instance.owner = self.user
        return super().save(commit)
