"""Follow-through forms (also used by the API)."""

from django import forms
from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.companies.access import visible_companies
from eigyo.core import fields
from eigyo.deals.access import visible_deals
from eigyo.followups.access import seniors
from eigyo.followups.models import CoachingSession, Conflict, Instruction, SeniorVisit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrgForm(forms.ModelForm):
    """Sets the organisation and limits every relation to what the user may see."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.org = access.membership(user).org
        if "company" in self.fields:
            self.fields["company"].queryset = visible_companies(user).order_by("name_key")
        if "deal" in self.fields:
            self.fields["deal"].queryset = visible_deals(user)

    def save(self, commit=True):
        self.instance.org = self.org
        return super().save(commit)


class InstructionForm(OrgForm):
    milestones = forms.CharField(
        label=_("milestones"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: date and title, e.g. “2026-12-04 面談日程の確定”."),
    )

    class Meta:
        model = Instruction
        formfield_callback = fields.formfield
        fields = ["kind", "subject", "discussed", "asked", "owner", "company", "deal"]
        widgets = {
            "discussed": forms.Textarea(attrs={"rows": 3}),
            "asked": forms.Textarea(attrs={"rows": 3}),
        }

    ROWS = 5  # milestone rows on the form (the text lines take any number more)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Chosen every time, never defaulting to the one who gives it: the team first.
        me_last = Case(When(pk=self.user.pk, then=Value(1)), default=Value(0))
        self.fields["owner"].queryset = (
            access.portfolio_owners(self.user)
            .annotate(me_last=me_last)
            .order_by("me_last", "family_kana", "email")
        )
        self.fields["owner"].empty_label = _("— choose who is to do it —")
        self.fields["milestones"].label = _("more milestones, one per line")
        for i in range(self.ROWS):
            self.fields[f"milestone_on_{i}"] = forms.DateField(
                label=_("date"), required=False, widget=DATE
            )
            self.fields[f"milestone_title_{i}"] = forms.CharField(
                label=_("milestone"),
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs={"placeholder": _("what is to be done")}),
            )

    @property
    def main_fields(self):
        return [f for f in self.visible_fields() if not f.name.startswith("milestone")]

    @property
    def milestone_rows(self):
        return [(self[f"milestone_on_{i}"], self[f"milestone_title_{i}"]) for i in range(self.ROWS)]

    def clean(self):
        data = super().clean()
        rows = []
        for i in range(self.ROWS):
            due, title = (
                data.get(f"milestone_on_{i}"),
                (data.get(f"milestone_title_{i}") or "").strip(),
            )
            if due and title:
                rows.append((due, title))
            elif due or title:
                self.add_error(
                    f"milestone_title_{i}" if due else f"milestone_on_{i}",
                    _("A milestone needs a date and a title."),
                )
        data["milestones"] = rows + list(data.get("milestones") or [])
        return data

    def clean_milestones(self):
        import datetime as dt

        out = []
        for number, line in enumerate((self.cleaned_data.get("milestones") or "").splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            day, _sep, title = line.partition(" ")
            try:
                due = dt.date.fromisoformat(day)
            except ValueError as exc:
                raise forms.ValidationError(
                    _("Line %(n)s: start with a date like 2026-12-04."), params={"n": number}
                ) from exc
            if not title.strip():
                raise forms.ValidationError(
                    _("Line %(n)s: add a title after the date."), params={"n": number}
                )
            out.append((due, title.strip()))
        return out

    def save(self, commit=True):
        # The milestones typed here are created by services.save_instruction.
        if not self.instance.pk:
            self.instance.issued_by = self.user
        return super().save(commit)


class UpdateForm(forms.Form):
    text = forms.CharField(label=_("update"), widget=forms.Textarea(attrs={"rows": 2}))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("milestone"), max_length=200)
    due_on = forms.DateField(label=_("due"), widget=DATE)


class ConflictForm(OrgForm):
    class Meta:
        model = Conflict
        formfield_callback = fields.formfield
        fields = [
            "company",
            "kind",
            "description",
            "messenger",
            "deliver_by",
            "senior_visit_needed",
            "outcome",
            "resolved_on",
        ]
        widgets = {
            "deliver_by": DATE,
            "resolved_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["messenger"].queryset = access.visible_users(self.user)


class CoachingForm(OrgForm):
    class Meta:
        model = CoachingSession
        formfield_callback = fields.formfield
        fields = [
            "rep",
            "held_on",
            "topic",
            "notes",
            "next_step",
            "next_on",
            "situation",
            "message",
            "objections_expected",
            "rehearsed",
            "outcome",
        ]
        widgets = {
            "held_on": DATE,
            "next_on": DATE,
            **{
                f: forms.Textarea(attrs={"rows": 2})
                for f in ("notes", "situation", "message", "objections_expected", "outcome")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rep"].queryset = access.portfolio_owners(self.user)

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.coach = self.user
        return super().save(commit)


class SeniorVisitForm(OrgForm):
    class Meta:
        model = SeniorVisit
        formfield_callback = fields.formfield
        fields = ["company", "senior", "why", "who_to_meet", "by_date", "status", "scheduled_for"]
        widgets = {
            "by_date": DATE,
            "why": forms.Textarea(attrs={"rows": 2}),
            "scheduled_for": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["senior"].queryset = seniors(self.user)
        self.fields["status"].required = False
        self.fields["scheduled_for"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean_status(self):
        return self.cleaned_data.get("status") or SeniorVisit.Status.REQUESTED

    def clean(self):
        data = super().clean()
        if data.get("status") == "scheduled" and not data.get("scheduled_for"):
            self.add_error("scheduled_for", _("When is the visit?"))
        return data

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.requested_by = self.user
        return super().save(commit)
