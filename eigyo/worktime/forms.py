"""Forms of the business calendar."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.worktime.models import WorkCalendar


class WorkCalendarForm(forms.ModelForm):
    """The organisation's closure options (shown on the portfolio settings page)."""

    class Meta:
        model = WorkCalendar
        fields = ["closed_year_end", "closed_obon", "closed_golden_week"]


class DateEntryForm(forms.Form):
    """One date with a note: an organisation closure or a user's day off."""

    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("note"), max_length=100, required=False)
