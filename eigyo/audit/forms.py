"""Forms of the audit pages: the trail's filters, a data-subject request, leak triage."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.audit.models import AuditEvent, SubjectRequest
from eigyo.audit.tracking import audited_models
from eigyo.core import clock
from eigyo.core.fields import ModelChoiceField


def _object_types():
    return [("", "—")] + sorted(
        ((m._meta.label.lower(), str(m._meta.verbose_name)) for m in audited_models()),
        key=lambda c: c[1],
    )


class EventFilterForm(forms.Form):
    """The audit page's filters (invalid values are dropped, never an error page)."""

    user = ModelChoiceField(queryset=None, required=False, label=_("Who"))
    object_type = forms.ChoiceField(required=False, label=_("Object type"))
    object_id = forms.CharField(required=False, max_length=40, label=_("Object id"))
    action = forms.ChoiceField(required=False, label=_("Action"))
    date_from = forms.DateField(required=False, label=_("From"))
    date_to = forms.DateField(required=False, label=_("To"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = access.visible_users(user)
        self.fields["object_type"].choices = _object_types()
        self.fields["action"].choices = [("", "—"), *AuditEvent.Action.choices]

    def object_pk(self) -> int | None:
        """The one record asked about, when the filter names one (its bulk writes show
        just its row)."""
        if not self.is_valid() or not self.cleaned_data.get("object_type"):
            return None
        value = self.cleaned_data.get("object_id") or ""
        return int(value) if value.isdigit() else None

    def apply(self, qs):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d["user"]:
            qs = qs.filter(actor=d["user"])
        if d["object_type"] and d["object_id"]:
            qs = qs.filter(AuditEvent.about(d["object_type"], d["object_id"]))
        elif d["object_type"]:
            qs = qs.filter(object_type=d["object_type"])
        elif d["object_id"]:
            qs = qs.filter(object_id=d["object_id"])
        if d["action"]:
            qs = qs.filter(action=d["action"])
        if d["date_from"]:
            qs = qs.filter(at__gte=start_of(d["date_from"]))
        if d["date_to"]:
            qs = qs.filter(at__lt=start_of(d["date_to"] + dt.timedelta(days=1)))
        return qs


def start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


class SubjectRequestForm(forms.ModelForm):
    """A data-subject request as received, and later its outcome."""

    person = ModelChoiceField(queryset=None, required=False, label=_("Person"))

    class Meta:
        model = SubjectRequest
        fields = [
            "kind",
            "requester",
            "person",
            "received_on",
            "identity_check",
            "scope",
            "due_on",
            "status",
            "outcome",
            "sent",
        ]
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "scope": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "sent": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, **kwargs):
        from eigyo.contacts.access import visible_people

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = visible_people(user)
        self.fields["due_on"].required = False
        self.fields["due_on"].help_text = _("Empty: the internal deadline after the date received.")
        if self.instance.pk is None:
            self.fields["received_on"].initial = clock.today()
            del self.fields["status"]


class TriageForm(forms.Form):
    """Whose reads to trace, and when."""

    user = ModelChoiceField(queryset=None, required=False, label=_("User"))
    token = forms.IntegerField(
        required=False, min_value=1, max_value=2**62, label=_("API token id")
    )
    feed = forms.IntegerField(
        required=False, min_value=1, max_value=2**62, label=_("Calendar feed id")
    )
    date_from = forms.DateField(label=_("From"))
    date_to = forms.DateField(label=_("To"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = access.visible_users(user)

    def clean(self):
        d = super().clean()
        if not (d.get("user") or d.get("token") or d.get("feed")):
            raise forms.ValidationError(_("Choose a user, a token or a feed."))
        if d.get("date_from") and d.get("date_to") and d["date_to"] < d["date_from"]:
            self.add_error("date_to", _("The end comes before the start."))
        return d
