"""Keep less: an uploaded list's file is deleted a few days after its import was
committed or abandoned; the record of the import stays."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from eigyo.core import clock
from eigyo.transfer import services
from eigyo.transfer.models import CompanyImport

DAY0 = timezone.make_aware(dt.datetime(2026, 12, 7, 10))


@pytest.fixture
def today():
    clock.freeze(DAY0)
    yield lambda days: clock.freeze(DAY0 + dt.timedelta(days=days))
    clock.freeze(None)


@pytest.mark.django_db
def test_files_are_forgotten_after_the_keeping_period(actors, today, settings):
    settings.EIGYO_KEEP_UPLOAD_DAYS = 3
    text = "会社名\n北陸精工株式会社\n"
    done = services.start_import(
        by=actors.manager, filename="a.csv", text=text, mapping=["legal_name"]
    )
    services.commit_import(text, ["legal_name"], by=actors.manager, batch=done)
    left = services.start_import(
        by=actors.manager, filename="b.csv", text=text, mapping=["legal_name"]
    )
    today(1)
    open_preview = services.start_import(by=actors.admin, filename="c.csv", text=text, mapping=[])
    set_aside = services.start_import(by=actors.admin, filename="d.csv", text=text, mapping=[])
    services.abandon_import(set_aside, by=actors.admin)

    today(3)  # not yet three days since a and b
    call_command("forget_uploads")
    assert CompanyImport.objects.exclude(upload=b"").count() == 4

    today(3.1)  # a (committed) and b (previewed, left alone) are three days old
    call_command("forget_uploads")
    done.refresh_from_db()
    left.refresh_from_db()
    assert (done.content, done.status, done.created) == ("", "done", 1)  # the record stays
    assert (left.content, left.status) == ("", "abandoned")
    assert done.forgotten_at == clock.now()
    assert CompanyImport.objects.get(pk=open_preview.pk).content == text

    today(4.2)
    call_command("forget_uploads")
    assert not CompanyImport.objects.exclude(upload=b"").exists()
    assert CompanyImport.objects.count() == 4


@pytest.mark.django_db
def test_the_keeping_period_is_a_setting(actors, today, settings):
    services.start_import(by=actors.manager, filename="a.csv", text="会社名\nX\n", mapping=[])
    settings.EIGYO_KEEP_UPLOAD_DAYS = 10
    today(5)
    call_command("forget_uploads")
    assert CompanyImport.objects.get().content
    call_command("forget_uploads", "--days", "4")
    assert CompanyImport.objects.get().content == ""


@pytest.mark.django_db
def test_a_forgotten_preview_cannot_be_imported(actors, login, today):
    batch = services.start_import(
        by=actors.manager, filename="a.csv", text="会社名\nX\n", mapping=["legal_name"]
    )
    today(30)
    call_command("forget_uploads")
    page = login(actors.manager).get(batch.get_absolute_url())
    assert page.status_code == 200 and b"import-abandoned" in page.content
