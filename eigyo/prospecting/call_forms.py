"""Forms for cold calls: a script, a variant's openings, a call list, a call."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.companies.models import Company
from eigyo.core import clock, fields
from eigyo.core.fields import ModelChoiceField
from eigyo.followups.access import visible_coaching
from eigyo.prospecting import call_services as services
from eigyo.prospecting.access import visible_outcomes, visible_scripts
from eigyo.prospecting.domain import calls as rules
from eigyo.prospecting.models import (
    LEVEL_CHOICES,
    OPENING_CHOICES,
    VARIANT_CHOICES,
    Avatar,
    CallList,
    CallScript,
    OutcomeCode,
    Rehearsal,
)
from eigyo.registry.models import PREFECTURE_CHOICES, SECTOR_CHOICES, SIZE_CHOICES


class ScriptForm(forms.ModelForm):
    class Meta:
        model = CallScript
        fields = ["name", "purpose", "is_active"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance.org = access.membership(user).org

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = CallScript.objects.filter(org=self.instance.org, name=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("A script of this name exists already."))
        return name


class VersionForm(forms.Form):
    """A variant's openings, one per gatekeeper level."""

    variant = forms.ChoiceField(label=_("variant"), choices=VARIANT_CHOICES)
    reception = forms.CharField(
        label=OPENING_CHOICES[0][1], required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    staff = forms.CharField(
        label=OPENING_CHOICES[1][1], required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    manager = forms.CharField(
        label=OPENING_CHOICES[2][1], required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision_maker = forms.CharField(
        label=OPENING_CHOICES[3][1], required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if not any((data.get(level) or "").strip() for level in rules.OPENINGS):
            raise forms.ValidationError(_("Write at least one opening."))
        return data


class CallListForm(forms.Form):
    """A new call list: from the caller's new approaches, the avatar's best fits among
    our companies, companies similar to a won client (the spider), or the registry."""

    name = forms.CharField(label=_("name"), max_length=120)
    script = forms.ModelChoiceField(label=_("script"), queryset=CallScript.objects.none())
    source = forms.ChoiceField(label=_("from"), choices=CallList.Source.choices)
    limit = forms.IntegerField(
        label=_("how many companies"), min_value=1, max_value=300, initial=50
    )
    seed = ModelChoiceField(
        label=_("won client (similar to)"),
        queryset=Company.objects.none(),
        required=False,
        help_text=_("For a list from the spider."),
    )
    sector33 = forms.ChoiceField(
        label=_("industry (TSE 33)"),
        choices=[("", "—"), *SECTOR_CHOICES],
        required=False,
        help_text=_("For a list from the registry: narrow it here and below."),
    )
    prefecture = forms.ChoiceField(
        label=_("prefecture"), choices=[("", "—"), *PREFECTURE_CHOICES], required=False
    )
    size_class = forms.ChoiceField(
        label=_("size class"), choices=[("", "—"), *SIZE_CHOICES], required=False
    )
    listed_only = forms.BooleanField(label=_("listed companies only"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["script"].queryset = visible_scripts(user).filter(is_active=True)
        self.fields["seed"].queryset = services.won_clients(user)

    def registry_filter(self):
        data = self.cleaned_data
        return services.RegistryFilter(
            data.get("sector33") or "",
            data.get("prefecture") or "",
            data.get("size_class") or "",
            bool(data.get("listed_only")),
        )

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == CallList.Source.SPIDER and not data.get("seed"):
            self.add_error("seed", _("Choose the won client the companies should be like."))
        if source == CallList.Source.REGISTRY and "sector33" in data:
            has_avatar = Avatar.objects.filter(org=access.membership(self.user).org).exists()
            if self.registry_filter().is_empty() and not has_avatar:
                self.add_error(
                    "sector33",
                    _(
                        "Narrow the registry (industry, prefecture, size or listed only), "
                        "or set the avatar to rank it."
                    ),
                )
        return data

    def candidates(self):
        """The companies (or registry companies) this list would call, in order."""
        data = self.cleaned_data
        if data["source"] in (CallList.Source.SPIDER, CallList.Source.REGISTRY):
            return services.registry_candidates(
                self.user, data["source"], seed=data.get("seed"), where=self.registry_filter()
            )
        return services.candidates(self.user, data["source"])


class PhoneForm(forms.Form):
    """The number found for a listed company that has none yet."""

    phone = forms.CharField(label=_("phone number"), max_length=40)

    def clean_phone(self):
        return fields.clean_phone(self.cleaned_data.get("phone", ""))


class CallForm(forms.Form):
    """One call's outcome: the level reached (the outcome's if not tapped), who was
    reached, when to call back."""

    outcome = forms.ModelChoiceField(label=_("outcome"), queryset=None)
    level = forms.ChoiceField(
        label=_("level reached"), choices=[("", "—"), *LEVEL_CHOICES], required=False
    )
    reached = forms.CharField(label=_("who was reached"), max_length=120, required=False)
    call_back_at = forms.DateTimeField(
        label=_("call back at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    notes = forms.CharField(label=_("notes"), required=False, max_length=1000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = visible_outcomes(user).filter(is_active=True)

    def clean_call_back_at(self):
        when = self.cleaned_data.get("call_back_at")
        if when and when < clock.now() - dt.timedelta(minutes=5):
            raise forms.ValidationError(_("A call-back is in the future."))
        return when


class RehearsalForm(forms.ModelForm):
    """Who practised which version, when (and in which coaching session)."""

    class Meta:
        model = Rehearsal
        fields = ["version", "rep", "held_on", "coaching"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, script, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = script.versions.order_by("variant", "-number")
        self.fields["rep"].queryset = access.portfolio_owners(user)
        self.fields["coaching"].queryset = visible_coaching(user).order_by("-held_on")
        self.fields["coaching"].required = False
        self.initial.setdefault("held_on", clock.today())

    def clean(self):
        data = super().clean()
        session = data.get("coaching")
        if session and data.get("rep") and session.rep_id != data["rep"].pk:
            self.add_error("coaching", _("That coaching session is another rep's."))
        return data


class OutcomeForm(forms.ModelForm):
    """An outcome code; once calls used it, what it means (its level, 架電禁止, closing
    the list) is fixed, so their figures keep their meaning — only its name, order and
    whether it is still offered change."""

    FIXED_ONCE_USED = ("level", "connected", "call_back", "closes", "do_not_call")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.calls.exists():
            for name in self.FIXED_ONCE_USED:
                self.fields[name].disabled = True

    class Meta:
        model = OutcomeCode
        fields = [
            "label",
            "level",
            "connected",
            "call_back",
            "closes",
            "do_not_call",
            "position",
            "is_active",
        ]


OutcomeFormSet = forms.modelformset_factory(
    OutcomeCode, form=OutcomeForm, extra=1, can_delete=False
)
