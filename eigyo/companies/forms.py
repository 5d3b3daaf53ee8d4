"""Company forms; the API validates through the same forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.accounts.models import Partner
from eigyo.companies import merging, own_fields
from eigyo.companies.access import can_assign_partner, can_create_duplicate, visible_companies
from eigyo.companies.models import Company
from eigyo.core import fields
from eigyo.lib import jp_text
from eigyo.registry.resolving import resolve_names


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

    # Only on a new company, for those who may knowingly add one beside its duplicate.
    create_anyway = forms.BooleanField(
        label=_("create it anyway, as a separate company"), required=False
    )
    duplicate_reason = forms.CharField(
        label=_("why it is a separate company"), max_length=300, required=False
    )

    def __init__(self, *args, user, own=None, check_duplicates=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.org = access.membership(user).org
        # The import pipeline finds duplicates itself (and skips them, row by row).
        self.check_duplicates = check_duplicates and not self.instance.pk
        self.duplicates: list[Company] = []
        if not (self.check_duplicates and can_create_duplicate(user)):
            del self.fields["create_anyway"], self.fields["duplicate_reason"]
        else:  # shown once a duplicate was found (see clean)
            self.fields["create_anyway"].widget = forms.HiddenInput()
            self.fields["duplicate_reason"].widget = forms.HiddenInput()
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
        if jp_text.is_only_legal_form(name):  # 「株式会社」 alone is not a name
            raise forms.ValidationError(
                _("“%(name)s” is only a legal form: enter the company's name.") % {"name": name},
                code="invalid",
            )
        return name

    def clean(self):
        data = super().clean()
        if not self.check_duplicates or self.errors or not data.get("legal_name"):
            return data
        self.resolved = resolved_entry(data["legal_name"], data.get("name_en", ""))
        self.duplicates = list(
            merging.look_alikes(
                visible_companies(self.user),
                name_key=jp_text.company_name_key(data["legal_name"]),
                corporate_number=data.get("corporate_number", ""),
                registry_ids=[self.resolved.pk] if self.resolved else [],
            )[:5]
        )
        if not self.duplicates:
            return data
        if "create_anyway" in self.fields:  # the admin's way out, first on the form
            self.fields["create_anyway"].widget = forms.CheckboxInput()
            self.fields["duplicate_reason"].widget = forms.TextInput()
            self.order_fields(["create_anyway", "duplicate_reason"])
        if data.get("create_anyway"):
            if not data.get("duplicate_reason", "").strip():
                self.add_error("duplicate_reason", _("Say why this is not the same company."))
            return data
        names = "、".join(c.display_name for c in self.duplicates)
        raise forms.ValidationError(
            _("Already in your companies: %(names)s. Open it instead of adding it again.")
            % {"names": names},
            code="duplicate",
        )

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
        reason = self.cleaned_data.get("duplicate_reason", "").strip()
        if self.duplicates and reason:  # knowingly created beside its duplicate: say why
            note = _("Created beside %(names)s: %(reason)s") % {
                "names": "、".join(c.display_name for c in self.duplicates),
                "reason": reason,
            }
            self.instance.notes = "\n".join(n for n in (self.instance.notes, note) if n)
        self.instance.custom = own_fields.values_from(
            self.cleaned_data, self.own_fields, self.instance.custom or {}
        )
        return super().save(commit)


def resolved_entry(legal_name: str, name_en: str = ""):
    """The registry entity a typed name resolves to (`matched` only), or None."""
    names = [n for n in (legal_name, name_en) if n]
    return next((e for _m, e in resolve_names(names) if e is not None), None)
