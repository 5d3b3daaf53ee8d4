"""The access matrix, second half: who may CHANGE what (docs/rights.md).

For every record in the book and every actor who sees it, every write route of the
matrix — page POSTs and API writes alike — answers 403 to an actor without the right
(and changes nothing), and anything but 403 to one with it. Written out by hand from
docs/rights.md, not derived from the access modules, so a wrong rule fails here."""

import datetime as dt

import pytest
from django.urls import reverse

from eigyo.accounts.tests.test_access_matrix import (
    ALL,
    API_WRITES,
    BODIES,
    POSTS,
    VISIBLE,
    _ids,
    api_url,
    kind_of,
    page_args,
)
from eigyo.accounts.tests.test_access_matrix import book as book  # noqa: F401 (fixture)

SALES = {"admin", "manager", "rep1", "rep2"}

# object → who may change it (its own fields and state) among those who see it
WRITERS = {
    "company": SALES,
    "partner_company": SALES | {"partner_user"},
    "other_company": {"outsider"},
    "person": SALES,
    "partner_person": SALES | {"partner_user"},
    "other_person": {"outsider"},
    "rel": {"admin", "manager", "rep1"},
    "rel2": {"admin", "rep2"},
    "partner_rel": {"admin", "manager", "rep1"},  # the partner user reads it
    "other_rel": {"outsider"},
    "activity": {"admin", "manager", "rep1"},  # rep2 reads rep1's visit
    "partner_activity": {"admin", "partner_user"},  # the partner user's own visit
    "other_activity": {"outsider"},
    "deal": {"admin", "manager", "rep1"},
    "deal2": {"admin", "rep2"},
    "partner_deal": {"admin", "manager", "rep1", "partner_user"},  # decided: its own deals
    "other_deal": {"outsider"},
    "instruction": {"admin", "manager", "rep1"},
    "instruction2": {"admin", "rep2"},
    "other_instruction": {"outsider"},
    "coaching": {"admin", "manager"},  # the coach's notes: rep1 reads them
    "other_coaching": {"outsider"},
    "conflict": {"admin", "manager", "rep1"},  # rep1 is the messenger; rep2 reads
    "other_conflict": {"outsider"},
    "senior_visit": {"admin", "manager", "rep1"},
    "other_senior_visit": {"outsider"},
    "notice": {"rep1"},
    "hidden_notice": set(),
    "other_notice": {"outsider"},
    "script": {"admin", "manager"},  # scripts are written by leaders, used by all
    "other_script": {"outsider"},
    "call_list": {"rep1"},  # the caller calls; managers read the list
    "call_list2": {"rep2"},
    "other_call_list": {"outsider"},
    # partners: their pages, contracts and training are run by our leaders (and the
    # partner's manager on our side); a partner user reads its own
    "partner": {"admin", "manager"},
    "partner2": {"admin", "manager"},
    "other_partner": {"outsider"},
    "contract": {"admin", "manager"},
    "contract2": {"admin", "manager"},
    "other_contract": {"outsider"},
    "session": {"admin", "manager"},
    "other_session": {"outsider"},
    "lead": {"admin", "manager", "rep1", "marketing"},
    "lead2": {"admin", "rep2", "marketing"},
    "other_lead": {"outsider"},
}


def _without(*who):
    return lambda obj: WRITERS[obj] - set(who)


def _only(*who):
    return lambda obj: WRITERS[obj] & (set(who) | {"outsider"})


DEAL_RECORDS = {
    f"/api/deals/{{id}}/{kind}" for kind in ("stakeholders", "promises", "praise", "objections")
} | {"/api/deals/{id}/discounts"}
# A route whose right differs from changing the object itself: route → writers(obj).
ROUTE_WRITERS = {
    # merging a company into itself is refused to everyone who sees it
    "companies:merge": lambda obj: set(),
    ("post", "/api/companies/{id}/merge"): _only("admin", "manager"),
    ("delete", "/api/companies/{id}"): _only("admin", "manager"),
    "prospecting:spider": _without("partner_user"),
    ("post", "/api/companies/{id}/similar"): _without("partner_user"),
    "intros:ties": _without("partner_user"),
    "intros:ledger_person": _without("partner_user"),
    ("delete", "/api/people/{id}"): _without("partner_user"),
    ("delete", "/api/deals/{id}"): _without("partner_user"),  # owner, managers, admins
    "deals:child_create": _without("partner_user"),  # the buying group etc.: read only
    "deals:child_edit": _without("partner_user"),
    **{
        (method, url): _without("partner_user")
        for url in DEAL_RECORDS
        for method in ("post", "patch", "delete")
    },
    ("post", "/api/instructions/{id}/acknowledge"): _only("rep1", "rep2"),  # the owner
    ("post", "/api/leads/{id}/assign"): _only("admin", "manager", "marketing"),
    ("post", "/api/leads/{id}/decision"): _without("marketing"),
    # a partner's won deal counts toward its targets once our leaders (or the partner's
    # manager on our side) confirm it; a deal without a partner has no win to confirm
    "partners:confirm_win": lambda obj: (
        WRITERS[obj] & {"admin", "manager"} if obj == "partner_deal" else set()
    ),
    ("post", "/api/deals/{id}/confirm-win"): lambda obj: (
        WRITERS[obj] & {"admin", "manager"} if obj == "partner_deal" else set()
    ),
    # APPI: stopping the use of a person's data or erasing it is the admins' (audit app)
    "audit:person_use": _only("admin"),
    "audit:person_erase": _only("admin"),
}


def _route_key(method, url):
    """Child-record routes are keyed by their collection URL."""
    base = url.removesuffix("/{promise}")
    return (method, base) if base in DEAL_RECORDS else (method, url)


def writers(obj: str, route) -> set[str]:
    rule = ROUTE_WRITERS.get(route)
    return rule(obj) if rule else WRITERS[obj]


CASES = [(obj, who) for obj in VISIBLE for who in ALL if who in VISIBLE[obj]]


@pytest.mark.django_db
@pytest.mark.parametrize("obj,who", CASES, ids=[_ids(c) for c in CASES])
def test_who_may_change(book, actors, login, api, obj, who):  # noqa: F811
    target = getattr(book, obj)
    kind = kind_of(obj)
    web, rest = login(getattr(actors, who)), api(getattr(actors, who))
    refused = []
    for name in POSTS[kind]:
        url = reverse(name, args=page_args(name, kind, target, book))
        status = web.post(url, {}).status_code
        if name == "deals:child_edit" and target.pk != book.promise.deal_id:
            assert status == 404  # the book's record is another deal's: not here
        elif name == "partners:record_edit" and target != book.contract:
            assert status == 404  # the book's target is the first contract's: not here
        elif who in writers(obj, name):
            assert status != 403, (name, status)
        elif status != 403:
            refused.append((name, status))
    # Deletes last: one allowed would take the object away from the other routes.
    writes = sorted(API_WRITES[kind], key=lambda w: w[0] == "delete")
    for method, url in writes:
        allowed = who in writers(obj, _route_key(method, url))
        if allowed and method == "delete":
            continue  # its success is each app's own test; here it would end the case
        path = api_url(url, target, book)
        if kind == "partner" and "{promise}" in url:  # the partner's own check
            path = url.format(id=target.pk, promise=book.check_of[target.pk])
        response = getattr(rest, method)(
            path,
            data=BODIES.get(url, "{}"),
            content_type="application/json",
        )
        if "{promise}" in url and kind == "deal" and target.pk != book.promise.deal_id:
            assert response.status_code == 404  # another deal's record: not here
        elif allowed:
            assert response.status_code != 403, (method, url, response.content)
        elif response.status_code != 403:
            refused.append((method, url, response.status_code))
    assert not refused, refused
    assert type(target).objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
def test_a_partner_user_runs_its_deal_but_not_our_reading_of_the_client(
    book,  # noqa: F811
    actors,
    api,
):
    """The issue's findings: the partner user moves its deal (decided: it may, won
    included) but may not remove a buying-group member nor edit an objection."""
    from eigyo.deals.models import Objection, Stakeholder

    deal = book.partner_deal
    member = Stakeholder.objects.create(
        org=actors.org, deal=deal, person=book.partner_person, role="user"
    )
    objection = Objection.objects.create(
        org=actors.org, deal=deal, objection="高い", raised_on=dt.date(2026, 11, 2)
    )
    rest = api(actors.partner_user)
    assert (
        rest.post(
            f"/api/deals/{deal.pk}/stage", {"stage": "won"}, content_type="application/json"
        ).status_code
        == 200
    )
    deal.refresh_from_db()
    assert deal.stage == "won"
    assert rest.delete(f"/api/deals/{deal.pk}/stakeholders/{member.pk}").status_code == 403
    assert Stakeholder.objects.filter(pk=member.pk).exists()
    answer = rest.patch(
        f"/api/deals/{deal.pk}/objections/{objection.pk}",
        {"objection": "安い"},
        content_type="application/json",
    )
    assert answer.status_code == 403
    objection.refresh_from_db()
    assert objection.objection == "高い"
    # Its deal's own fields it may change; who owns it is ours to say: 422 naming it.
    ok = rest.patch(f"/api/deals/{deal.pk}", {"amount": 5_000_000}, content_type="application/json")
    assert ok.status_code == 200, ok.content
    taken = rest.patch(
        f"/api/deals/{deal.pk}", {"owner": actors.rep2.pk}, content_type="application/json"
    )
    assert taken.status_code == 422
    assert [e["field"] for e in taken.json()["errors"]] == ["owner"]
    deal.refresh_from_db()
    assert (deal.amount, deal.owner_id) == (5_000_000, actors.rep1.pk)


@pytest.mark.django_db
def test_the_rep_reads_but_does_not_rewrite_the_coachs_notes(book, actors, login, api):  # noqa: F811
    session = book.coaching
    url = reverse("followups:simple_edit", args=["coaching", session.pk])
    page = login(actors.rep1).get(url)
    assert page.status_code == 200
    assert b'data-testid="read-only"' in page.content
    assert page.context["form"].fields["notes"].disabled
    body = {"notes": "書き換え", "topic": "x", "held_on": "2026-11-02", "rep": actors.rep1.pk}
    assert login(actors.rep1).post(url, body).status_code == 403
    answer = api(actors.rep1).patch(
        f"/api/coaching/{session.pk}", {"notes": "書き換え"}, content_type="application/json"
    )
    assert answer.status_code == 403
    session.refresh_from_db()
    assert session.notes == ""
    coach = api(actors.manager).patch(
        f"/api/coaching/{session.pk}", {"notes": "次は数字で"}, content_type="application/json"
    )
    assert coach.status_code == 200
    session.refresh_from_db()
    assert session.notes == "次は数字で"


@pytest.mark.django_db
def test_only_the_messenger_and_leaders_change_a_conflict(book, actors, api):  # noqa: F811
    conflict = book.conflict
    body = {"outcome": "謝罪済み"}
    other = api(actors.rep2).patch(
        f"/api/conflicts/{conflict.pk}", body, content_type="application/json"
    )
    assert other.status_code == 403
    # rep2 may not make themselves the messenger either
    grab = api(actors.rep2).patch(
        f"/api/conflicts/{conflict.pk}",
        {"messenger": actors.rep2.pk},
        content_type="application/json",
    )
    assert grab.status_code == 403
    conflict.refresh_from_db()
    assert (conflict.outcome, conflict.messenger_id) == ("", actors.rep1.pk)
    own = api(actors.rep1).patch(
        f"/api/conflicts/{conflict.pk}", body, content_type="application/json"
    )
    assert own.status_code == 200


# Organisation settings: own company fields are the admin's; an uploaded list is run by
# the admin or a manager (who see it); everyone else who sees them is refused.
SETTINGS_WRITERS = {"field": {"admin"}, "batch": {"admin", "manager"}}
SETTINGS_CASES = [
    (kind, who)
    for kind, seers in (("field", ALL[:-1]), ("batch", ["admin", "manager"]))
    for who in seers
]


@pytest.mark.django_db
@pytest.mark.parametrize("kind,who", SETTINGS_CASES, ids=[_ids(c) for c in SETTINGS_CASES])
def test_who_may_change_the_organisation_settings(actors, login, api, kind, who):
    from eigyo.accounts.tests.test_access_matrix import (
        SETTINGS_API_WRITES,
        SETTINGS_POSTS,
    )
    from eigyo.companies.models import CompanyField
    from eigyo.transfer.models import CompanyImport

    if kind == "field":
        target = CompanyField.objects.create(
            org=actors.org, key="plants", label="工場数", kind="number"
        )
    else:
        target = CompanyImport.objects.create(
            org=actors.org,
            created_by=actors.admin,
            filename="a.csv",
            content="会社名\n一社\n",
            mapping=["legal_name"],
        )
    web, rest = login(getattr(actors, who)), api(getattr(actors, who))
    allowed = who in SETTINGS_WRITERS[kind]
    answers = [
        web.post(reverse(n, args=[target.pk]), {"action": "preview"}).status_code
        for n in SETTINGS_POSTS[kind]
        if not (allowed and n.endswith("delete"))
    ]
    answers += [
        getattr(rest, method)(
            url.format(id=target.pk), data="{}", content_type="application/json"
        ).status_code
        for method, url in SETTINGS_API_WRITES[kind]
        if not (allowed and method == "delete")
    ]
    if allowed:
        assert 403 not in answers, answers
    else:
        assert set(answers) == {403}, answers
        assert type(target).objects.filter(pk=target.pk).exists()
