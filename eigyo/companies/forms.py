"""Company forms; the API validates through the same forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.accounts.models import Partner
from eigyo.companies import own_fields
from eigyo.companies.access import can_assign_partner
from eigyo.companies.models import Company
from eigyo.core import fields
from eigyo.lib import jp_text


class CompanyForm(forms.ModelForm):
    # Longer than the 13 digits stored: people write "1180-3010-18771" or full-width
    # digits, which clean_corporate_number normalises.
    corporate_number = forms.CharField(label=_("corporate number"), max_length=30, required=False)

    class Meta:
        formfield_callback = fields.formfield
        model = Company
        fields = [
            "legal_name",
            "short_name",
            "name_en",
            "kana",
            "corporate_number",
            "sector33",
            "size_class",
            "market_segment",
            "prefecture",
            "address",
            "postal_code",
            "phone",
            "website",
            "partner",
            "prestigious",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, own=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.org = access.membership(user).org
        if can_assign_partner(user):
            self.fields["partner"].queryset = Partner.objects.filter(org=self.org)
        else:
            # Only the boss assigns companies to partners.
            del self.fields["partner"]
        self.own_fields = own if own is not None else own_fields.fields_of(self.org)
        own_fields.add_value_fields(
            self, self.own_fields, self.instance if self.instance.pk else None
        )

    def clean_legal_name(self):
        name = jp_text.normalize_text(self.cleaned_data["legal_name"])
        if not jp_text.company_name_key(name):
            raise forms.ValidationError(_("Enter the company's name."), code="required")
        return name

    def clean_kana(self):
        return fields.clean_kana(self.cleaned_data.get("kana", ""))

    def clean_corporate_number(self):
        number = fields.clean_corporate_number(self.cleaned_data.get("corporate_number", ""))
        if number:
            clash = Company.objects.filter(org=self.org, corporate_number=number)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(
                    _("A company with this corporate number already exists."), code="duplicate"
                )
        return number

    def clean_phone(self):
        return fields.clean_phone(self.cleaned_data.get("phone", ""))

    def clean_postal_code(self):
        return fields.clean_postal_code(self.cleaned_data.get("postal_code", ""))

    def save(self, commit=True):
        self.instance.org = self.org
        self.instance.custom = own_fields.values_from(
            self.cleaned_data, self.own_fields, self.instance.custom or {}
        )
        return super().save(commit)
