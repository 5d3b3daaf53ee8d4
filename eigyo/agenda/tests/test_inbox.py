"""The inbox page and endpoints: my notices, newest first, the unread count in the
header, opening one marks it read and goes to its page; nobody reads another's."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.core import clock
from eigyo.deals.models import Promise
from eigyo.followups import inbox
from eigyo.followups.models import Milestone, Notice


@pytest.fixture
def quiet(book):
    """The book with nothing falling due, so that only the notices a test writes show."""
    Milestone.objects.filter(pk=book.milestone.pk).update(done_on=dt.date(2026, 11, 20))
    Promise.objects.filter(pk=book.promise.pk).update(status="kept")
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 9)))
    yield book
    clock.freeze(None)


def tell(book, actors, to, key, **kw):
    base = dict(
        to=to,
        kind="instruction_issued",
        key=key,
        target=book.instruction,
        subject="品質保証部長に面談",
        day=dt.date(2026, 12, 7),
        actor=actors.manager,
    )
    return inbox.notify(**{**base, **kw})


@pytest.mark.django_db
def test_the_header_counts_and_the_page_lists(quiet, actors, login):
    first = tell(quiet, actors, actors.rep1, "a")
    tell(quiet, actors, actors.rep1, "b", kind="instruction_update")
    web = login(actors.rep1)  # reads English
    home = web.get(reverse("agenda:home")).content.decode()
    assert 'data-testid="inbox-unread">2<' in home
    page = web.get(reverse("agenda:inbox"))
    text = page.content.decode()
    assert "佐藤 美咲 gave you an instruction: 品質保証部長に面談" in text
    assert "佐藤 美咲 posted an update on: 品質保証部長に面談" in text
    assert [i.notice.key for i in page.context["items"]] == ["b", "a"]  # newest first

    opened = web.get(reverse("agenda:open_notice", args=[first.pk]))
    assert opened.status_code == 302 and opened["Location"] == quiet.instruction.get_absolute_url()
    first.refresh_from_db()
    assert first.read_at == clock.now()
    assert 'data-testid="inbox-unread">1<' in web.get(reverse("agenda:home")).content.decode()
    unread = web.get(reverse("agenda:inbox") + "?unread=1").context["items"]
    assert [i.notice.key for i in unread] == ["b"]

    assert web.post(reverse("agenda:read_all"), {"next": "/inbox/"})["Location"] == "/inbox/"
    assert not Notice.objects.filter(user=actors.rep1, read_at__isnull=True).exists()
    assert b'data-testid="inbox-unread"' not in web.get(reverse("agenda:home")).content


@pytest.mark.django_db
def test_japanese_and_an_empty_inbox(quiet, actors, login):
    web = login(actors.manager)  # reads Japanese
    empty = web.get(reverse("agenda:inbox")).content.decode()
    assert "受信箱" in empty and 'data-testid="inbox-unread"' not in empty
    tell(quiet, actors, actors.manager, "c", kind="instruction_acknowledged", actor=actors.rep1)
    page = web.get(reverse("agenda:inbox")).content.decode()
    assert "鈴木 大輔さんが了解しました：品質保証部長に面談" in page


@pytest.mark.django_db
def test_opening_the_page_of_what_it_is_about_marks_it_read(quiet, actors, login):
    n = tell(quiet, actors, actors.rep1, "d")
    login(actors.rep1).get(quiet.instruction.get_absolute_url())
    n.refresh_from_db()
    assert n.read_at is not None


@pytest.mark.django_db
def test_read_all_returns_only_to_this_site(quiet, actors, login):
    tell(quiet, actors, actors.rep1, "e")
    response = login(actors.rep1).post(
        reverse("agenda:read_all"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("agenda:inbox")


@pytest.mark.django_db
def test_the_api(quiet, actors, api):
    n = tell(quiet, actors, actors.rep1, "f")
    tell(quiet, actors, actors.rep2, "g", target=quiet.instruction2, actor=actors.admin)
    rest = api(actors.rep1)
    body = rest.get("/api/inbox").json()
    assert body["unread"] == 1
    (item,) = body["items"]
    assert item == {
        "id": n.pk,
        "kind": "instruction_issued",
        "group": "指示",
        "text": "佐藤 美咲さんから指示：品質保証部長に面談",
        "subject": "品質保証部長に面談",
        "day": "2026-12-07",
        "created_at": item["created_at"],
        "read": False,
        "url": quiet.instruction.get_absolute_url(),
        "actor": actors.manager.pk,
    }
    english = rest.get("/api/inbox", HTTP_ACCEPT_LANGUAGE="en").json()["items"][0]
    assert english["text"] == "佐藤 美咲 gave you an instruction: 品質保証部長に面談"
    read = rest.post(f"/api/inbox/{n.pk}/read")
    assert read.status_code == 200 and read.json()["read"] is True
    assert rest.get("/api/inbox?unread=true").json() == {"unread": 0, "items": []}
    # rep2's notice is not rep1's to read: 404, as a missing one.
    other = Notice.objects.get(key="g")
    assert rest.post(f"/api/inbox/{other.pk}/read").status_code == 404
    assert (
        rest.post("/api/inbox/99999999/read").json()
        == rest.post(f"/api/inbox/{other.pk}/read").json()
    )
    assert api(actors.rep2).post("/api/inbox/read-all").json() == {"marked": 1}
    assert Notice.objects.get(key="g").read_at is not None


@pytest.mark.django_db
def test_every_role_has_an_inbox_page(quiet, actors, login):
    for who in ("admin", "manager", "rep1", "partner_user", "marketing"):
        assert login(getattr(actors, who)).get(reverse("agenda:inbox")).status_code == 200
