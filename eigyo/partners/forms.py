"""Partner forms; the API validates through the same forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.accounts.models import Partner
from eigyo.core import fields
from eigyo.partners.domain import periods
from eigyo.partners.models import (
    Attendance,
    Contract,
    ContractMilestone,
    DiligenceCheck,
    DiligenceItem,
    PartnerProfile,
    Target,
    TerminationRight,
    Trainee,
    TrainingModule,
    TrainingSession,
)
from eigyo.registry.codes import PREFECTURES, SECTORS_33
from eigyo.registry.models import RegistryEntry

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnerForm(forms.ModelForm):
    """A partner: its name and kind, and our profile of it."""

    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=Partner.Kind.choices)
    corporate_number = forms.CharField(
        label=_("corporate number (法人番号)"), max_length=20, required=False
    )
    territory = forms.MultipleChoiceField(
        label=_("territory"), choices=[(c, ja) for c, ja, _en in PREFECTURES], required=False
    )
    industries = forms.MultipleChoiceField(
        label=_("industries"), choices=[(c, ja) for c, ja, _en in SECTORS_33], required=False
    )

    class Meta:
        model = PartnerProfile
        formfield_callback = fields.formfield
        fields = [
            "group_name",
            "territory",
            "industries",
            "introduced_by",
            "manager",
            "idle_after_days",
        ]

    field_order = ["name", "kind", "corporate_number", "manager"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = access.membership(user).org
        self.fields["manager"].queryset = access.visible_users(user).filter(
            pk__in=access.sales_side(self.org.pk)
        )
        self.fields["territory"].widget.attrs["size"] = 8
        self.fields["industries"].widget.attrs["size"] = 8
        if self.instance.partner_id:  # a partner's profile (saved or not yet)
            partner = self.instance.partner
            self.initial.setdefault("name", partner.name)
            self.initial.setdefault("kind", partner.kind)
            if self.instance.registry_entry_id:
                self.initial["corporate_number"] = self.instance.registry_entry.corporate_number

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Partner.objects.filter(org=self.org, name=name)
        if self.instance.partner_id:
            others = others.exclude(pk=self.instance.partner_id)
        if others.exists():
            raise forms.ValidationError(
                _("A partner of this name exists already."), code="duplicate"
            )
        return name

    def clean_corporate_number(self):
        number = fields.clean_corporate_number(self.cleaned_data.get("corporate_number"))
        if not number:
            self.instance.registry_entry = None
            return ""
        entry = RegistryEntry.objects.filter(corporate_number=number).first()
        if entry is None:
            raise forms.ValidationError(_("No company with this number is in the registry."))
        self.instance.registry_entry = entry
        return number


class StageForm(forms.Form):
    from eigyo.partners.models import Stage as _Stage

    stage = forms.ChoiceField(label=_("stage"), choices=_Stage.choices)
    override_reason = forms.CharField(
        label=_("reason to override open due diligence (admin)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CheckForm(forms.ModelForm):
    class Meta:
        model = DiligenceCheck
        fields = ["status", "finding", "evidence"]
        widgets = {"finding": forms.Textarea(attrs={"rows": 3})}


class ItemForm(forms.ModelForm):
    class Meta:
        model = DiligenceItem
        fields = ["key", "label", "help", "required", "position", "active"]
        widgets = {"help": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = access.membership(user).org

    def clean_key(self):
        key = self.cleaned_data["key"]
        others = DiligenceItem.objects.filter(org=self.org, key=key).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This key is in use."), code="duplicate")
        return key


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = [
            "title",
            "kind",
            "exclusive",
            "territory",
            "products",
            "start",
            "term_months",
            "auto_renew",
            "renewal_months",
            "renewals",
            "notice_months",
            "relationship_since",
            "notes",
        ]
        widgets = {
            "start": DATE,
            "relationship_since": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_term_months(self):
        months = self.cleaned_data["term_months"]
        if not 1 <= months <= 600:
            raise forms.ValidationError(_("A term runs 1 to 600 months."))
        return months

    def clean(self):
        data = super().clean()
        start, since = data.get("start"), data.get("relationship_since")
        if start and since and since > start:
            self.add_error("relationship_since", _("This must not be after the start."))
        return data


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["metric", "period_kind", "fiscal_year", "index", "value"]

    def __init__(self, *args, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract or getattr(self.instance, "contract", None)

    def clean(self):
        data = super().clean()
        kind, index, fy = data.get("period_kind"), data.get("index"), data.get("fiscal_year")
        if kind and index is not None:
            if not 1 <= index <= periods.COUNT[kind]:
                self.add_error("index", _("This period has no such number."))
        if fy is not None and not 2000 <= fy <= 2100:
            self.add_error("fiscal_year", _("A fiscal year from 2000 to 2100."))
        if self.contract is not None and not self.errors:
            same = Target.objects.filter(
                contract=self.contract,
                metric=data["metric"],
                period_kind=kind,
                fiscal_year=fy,
                index=index,
            ).exclude(pk=self.instance.pk)
            if same.exists():
                raise forms.ValidationError(
                    _("This period already has a target for this metric."), code="duplicate"
                )
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = ContractMilestone
        fields = ["title", "due_on", "done_on"]
        widgets = {"due_on": DATE, "done_on": DATE}


class RightForm(forms.ModelForm):
    class Meta:
        model = TerminationRight
        fields = [
            "description",
            "metric",
            "period_kind",
            "threshold_percent",
            "consecutive",
            "window_days",
        ]

    def clean_threshold_percent(self):
        value = self.cleaned_data["threshold_percent"]
        if not 1 <= value <= 100:
            raise forms.ValidationError(_("A share from 1 to 100 %."))
        return value

    def clean_consecutive(self):
        value = self.cleaned_data["consecutive"]
        if not 1 <= value <= 8:
            raise forms.ValidationError(_("From 1 to 8 periods."))
        return value

    def clean_window_days(self):
        value = self.cleaned_data["window_days"]
        if not 1 <= value <= 730:
            raise forms.ValidationError(_("From 1 to 730 days."))
        return value


class ModuleForm(forms.ModelForm):
    class Meta:
        model = TrainingModule
        fields = ["title", "topic", "description", "certification_months"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        formfield_callback = fields.formfield
        fields = ["module", "held_on", "trainer", "place"]
        widgets = {"held_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from eigyo.partners.access import visible_modules

        self.fields["module"].queryset = visible_modules(user)


class TraineeForm(forms.ModelForm):
    class Meta:
        model = Trainee
        formfield_callback = fields.formfield
        fields = ["family_name", "given_name", "family_kana", "given_kana", "role", "user"]

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        from eigyo.accounts.models import Membership, User

        # Only a login of this partner's own people.
        self.fields["user"].queryset = User.objects.filter(
            pk__in=Membership.objects.filter(partner=partner).values("user_id")
        )
        self.fields["user"].required = False

    def clean_family_kana(self):
        return fields.clean_kana(self.cleaned_data.get("family_kana"))

    def clean_given_kana(self):
        return fields.clean_kana(self.cleaned_data.get("given_kana"))


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        formfield_callback = fields.formfield
        fields = ["trainee", "attended", "completed", "certified_on"]
        widgets = {"certified_on": DATE}

    def __init__(self, *args, user, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        from eigyo.partners.access import visible_trainees

        self.session = session or getattr(self.instance, "session", None)
        self.fields["trainee"].queryset = visible_trainees(user).select_related("partner")

    def clean(self):
        data = super().clean()
        trainee = data.get("trainee")
        if self.session is not None and trainee is not None:
            same = Attendance.objects.filter(session=self.session, trainee=trainee).exclude(
                pk=self.instance.pk
            )
            if same.exists():
                raise forms.ValidationError(
                    _("This person is already on the session."), code="duplicate"
                )
        if data.get("certified_on") and not data.get("completed"):
            self.add_error("certified_on", _("Only a completed course is certified."))
        return data
