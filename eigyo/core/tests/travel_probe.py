"""Run by test_time_travel.py in a child pytest (the name keeps it out of the suite)."""

from django.utils import timezone

from eigyo.core import clock


def test_report_the_clock(db):
    from eigyo.accounts.models import Organisation

    org = Organisation.objects.create(name="Probe KK", slug="probe")
    print(
        f"\nPROBE today={clock.today()} now={timezone.localtime(clock.now()):%H:%M}"
        f" stamp={timezone.localtime(org.created_at).date()}"
    )
