"""Person forms; the API validates through the same form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.companies.access import can_edit_company, visible_companies
from eigyo.contacts.access import can_edit_person, visible_people
from eigyo.contacts.models import Person, Seniority, Tie
from eigyo.core import fields


class PersonForm(forms.ModelForm):
    class Meta:
        formfield_callback = fields.formfield
        model = Person
        fields = [
            "company",
            "family_name",
            "given_name",
            "family_kana",
            "given_kana",
            "department",
            "title",
            "seniority",
            "email",
            "phone",
            "mobile",
            "reports_to",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.org = access.membership(user).org
        self.fields["company"].queryset = visible_companies(user).order_by("name_key")
        people = visible_people(user)
        company_id = (
            self.data.get("company") or self.initial.get("company") or (self.instance.company_id)
        )
        if company_id and fields.is_id(company_id):
            people = people.filter(company_id=company_id)
        if self.instance.pk:
            people = people.exclude(pk=self.instance.pk)
        self.fields["reports_to"].queryset = people.order_by("family_kana")
        self.fields["seniority"].required = False  # unknown rank is "other"

    def clean_seniority(self):
        value = self.cleaned_data.get("seniority")
        return Seniority.OTHER if value in (None, "") else value

    def clean_family_name(self):
        from eigyo.lib import jp_text

        value = jp_text.normalize_text(self.cleaned_data["family_name"])
        if not value:
            raise forms.ValidationError(_("Enter the family name."), code="required")
        return value

    def clean_family_kana(self):
        return fields.clean_kana(self.cleaned_data.get("family_kana", ""))

    def clean_given_kana(self):
        return fields.clean_kana(self.cleaned_data.get("given_kana", ""))

    def clean_phone(self):
        return fields.clean_phone(self.cleaned_data.get("phone", ""))

    def clean_mobile(self):
        return fields.clean_phone(self.cleaned_data.get("mobile", ""))

    def clean(self):
        data = super().clean()
        company, boss = data.get("company"), data.get("reports_to")
        if boss is not None and company is not None and boss.company_id != company.pk:
            self.add_error("reports_to", _("The superior must work at the same company."))
        if company is None and not can_edit_person(self.user, Person(org=self.org)):
            self.add_error("company", _("Choose the company this person works at."))
        if company is not None and not can_edit_company(self.user, company):
            self.add_error("company", _("You may not add people to this company."))
        return data

    def save(self, commit=True):
        self.instance.org = self.org
        if not self.instance.pk:
            self.instance.created_by = self.user
        return super().save(commit)


class TieForm(forms.ModelForm):
    """Someone knows this person: one of ours (a card, known personally) or another
    person (they know each other)."""

    STRENGTHS = [(0.25, _("A little")), (0.5, _("Fairly well")), (0.8, _("Well"))]
    strength = forms.TypedChoiceField(
        label=_("how well"), choices=STRENGTHS, coerce=float, initial=0.5
    )

    class Meta:
        model = Tie
        fields = ["user", "other", "source", "strength", "since", "note"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.person = person
        self.fields["user"].queryset = access.visible_users(user)
        self.fields["other"].queryset = visible_people(user).exclude(pk=person.pk)
        self.fields["user"].required = self.fields["other"].required = False

    def clean(self):
        data = super().clean()
        if bool(data.get("user")) == bool(data.get("other")):
            raise forms.ValidationError(_("Choose one of ours or another person, not both."))
        return data
