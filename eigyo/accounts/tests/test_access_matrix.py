"""The access matrix: every record type × every page, partial and endpoint ×
every actor. An object the actor may not see answers 404 — the same answer as
an id that does not exist — on every path, reading or writing.

The expected visibility is written out here by hand from the rules in SPEC.md,
not derived from access.py, so a wrong rule there fails here."""

import re

import pytest
from django.urls import reverse

CSRF = re.compile(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


def without_csrf(content: bytes) -> bytes:
    """CSRF tokens are masked afresh on every render; the rest must be identical."""
    return CSRF.sub(rb"\1", content)


ALL = ["admin", "manager", "rep1", "rep2", "partner_user", "partner2_user", "marketing", "outsider"]
INTERNAL = {"admin", "manager", "rep1", "rep2", "marketing"}

# object name in the `book` fixture → actors who may see it
VISIBLE = {
    "company": INTERNAL,
    "partner_company": INTERNAL | {"partner_user"},
    "other_company": {"outsider"},
    "person": INTERNAL,
    "partner_person": INTERNAL | {"partner_user"},
    "other_person": {"outsider"},
    "rel": {"admin", "manager", "rep1"},  # rep1 is in the manager's team
    "rel2": {"admin", "rep2"},  # rep2 is in no team of the manager's
    "partner_rel": {"admin", "manager", "rep1", "partner_user"},
    "other_rel": {"outsider"},
    "activity": {"admin", "manager", "rep1", "rep2"},
    "partner_activity": {"admin", "manager", "rep1", "rep2", "partner_user"},
    "other_activity": {"outsider"},
    "deal": {"admin", "manager", "rep1"},
    "deal2": {"admin", "rep2"},
    "partner_deal": {"admin", "manager", "rep1", "partner_user"},
    "other_deal": {"outsider"},
    "instruction": {"admin", "manager", "rep1"},
    "instruction2": {"admin", "rep2"},
    "other_instruction": {"outsider"},
    "coaching": {"admin", "manager", "rep1"},
    "other_coaching": {"outsider"},
    "conflict": {"admin", "manager", "rep1", "rep2"},  # shared by the sales side
    "other_conflict": {"outsider"},
    "senior_visit": {"admin", "manager", "rep1"},  # rep1 asked, the manager is the senior
    "other_senior_visit": {"outsider"},
    # inbox lines: only the addressee, and only while its object is in their sight
    "notice": {"rep1"},
    "hidden_notice": set(),  # to rep2, about rep1's instruction that rep2 cannot see
    "other_notice": {"outsider"},
    # cold calls: scripts are the sales side's; a call list its caller's and their managers'
    "script": {"admin", "manager", "rep1", "rep2"},
    "other_script": {"outsider"},
    "call_list": {"admin", "manager", "rep1"},
    "call_list2": {"admin", "rep2"},
    "other_call_list": {"outsider"},
    # leads: marketing and admins all, the assigned rep, their manager (partners none)
    "lead": {"admin", "manager", "rep1", "marketing"},
    "lead2": {"admin", "rep2", "marketing"},
    "other_lead": {"outsider"},
    # partners: the sales side sees every partner and contract; a partner user only its
    # own (marketing finds a partner but has no partner pages: 403); a training session
    # is seen by a partner user whose people attend it
    "partner": INTERNAL | {"partner_user"},
    "partner2": INTERNAL | {"partner2_user"},
    "other_partner": {"outsider"},
    "contract": {"admin", "manager", "rep1", "rep2", "partner_user"},
    "contract2": {"admin", "manager", "rep1", "rep2", "partner2_user"},
    "other_contract": {"outsider"},
    "session": {"admin", "manager", "rep1", "rep2", "partner_user"},
    "other_session": {"outsider"},
}

PAGES = {
    "company": [
        "companies:detail",
        "companies:edit",
        "prospecting:spider",
        "companies:merge",
    ],
    "person": [
        "contacts:detail",
        "contacts:edit",
        "intros:ties",
        "intros:ledger_person",
        "audit:package",  # the admins' (403 for the rest who see the person)
        "audit:package_json",
        "audit:package_csv",
        "transfer:person_vcard",
    ],
    "rel": ["portfolio:detail"],
    "activity": ["activities:detail", "activities:edit"],
    "deal": [
        "deals:detail",
        "deals:edit",
        "deals:map",
        "deals:child_create",
        "deals:child_edit",
    ],
    "instruction": ["followups:detail"],
    "coaching": ["followups:simple_edit"],
    "conflict": ["followups:simple_edit"],
    "senior_visit": ["followups:simple_edit"],
    "notice": ["agenda:open_notice"],
    "script": ["calls:script"],
    "call_list": ["calls:list", "calls:calling"],
    "lead": ["leads:detail"],
    "partner": [
        "partners:detail",
        "partners:edit",
        "partners:check",
        "partners:contract_create",
        "partners:trainee_create",
    ],
    "contract": [
        "partners:contract",
        "partners:contract_edit",
        "partners:record_create",
        "partners:record_edit",
    ],
    "session": ["partners:session"],
}
# Pages that answer a visible object by sending the user on to its page.
REDIRECTS = {"agenda:open_notice"}
POSTS = {
    "company": [
        "companies:edit",
        "companies:link_registry",
        "prospecting:spider",
        "companies:merge",
    ],
    "person": [
        "contacts:edit",
        "intros:ties",
        "intros:ledger_person",
        "audit:person_use",
        "audit:person_erase",
    ],
    "rel": ["portfolio:detail"],
    "activity": ["activities:edit"],
    "deal": ["deals:edit", "deals:stage", "deals:child_create", "deals:child_edit"],
    "instruction": ["followups:detail"],
    "coaching": ["followups:simple_edit"],
    "conflict": ["followups:simple_edit"],
    "senior_visit": ["followups:simple_edit"],
    "notice": ["agenda:open_notice"],
    "script": ["calls:script"],
    "call_list": ["calls:calling"],
    "lead": ["leads:detail"],
    "partner": [
        "partners:edit",
        "partners:stage",
        "partners:check",
        "partners:contract_create",
        "partners:trainee_create",
    ],
    "contract": ["partners:contract_edit", "partners:record_create", "partners:record_edit"],
    "session": ["partners:session"],
}
POSTS["deal"].append("partners:confirm_win")
SIMPLE_KIND = {"coaching": "coaching", "conflict": "conflicts", "senior_visit": "senior-visits"}


def page_args(name: str, kind: str, target, book) -> list:
    """The URL arguments of a page about `target` (a record of a deal: the book's promise;
    a merge: of the company into itself, refused when it is seen, 404 when not)."""
    if name == "companies:merge":
        return [target.pk, target.pk]
    if name == "deals:child_create":
        return [target.pk, "promise"]
    if name == "deals:child_edit":
        return [target.pk, "promise", book.promise.pk]
    if name == "followups:simple_edit":
        return [SIMPLE_KIND[kind], target.pk]
    if name == "partners:check":  # the partner's own check (any id for a missing one)
        return [target.pk, book.check_of.get(target.pk, 999999)]
    if name == "partners:record_create":
        return [target.pk, "target"]
    if name == "partners:record_edit":
        return [target.pk, "target", book.target.pk]
    return [target.pk]


# A body that passes validation, so that the answer is about the id (the rest get "{}").
BODIES = {
    "/api/companies/{id}/merge": '{"merge": 1}',
    "/api/companies/{id}/similar": '{"registry": []}',
    "/api/call-lists/{id}/calls": '{"entry": 1, "outcome": 1}',
    "/api/call-lists/{id}/phone": '{"entry": 1, "phone": "03-1234-5678"}',
    "/api/call-lists/{id}/skip": '{"entry": 1}',
    "/api/leads/{id}/assign": '{"owner": 1}',
    "/api/leads/{id}/decision": '{"decision": "accept", "rating": 3}',
}


def api_url(url: str, target, book) -> str:
    """An API path about `target`; a record under it is the book's own (or a missing id:
    the answer for a hidden parent must be 404 either way)."""
    return url.format(id=target.pk, promise=book.promise.pk, milestone=book.milestone.pk)


API = {
    "company": ["/api/companies/{id}"],
    "person": ["/api/people/{id}", "/api/people/{id}/vcard"],
    "rel": ["/api/relationships/{id}", "/api/relationships/{id}/history"],
    "activity": ["/api/activities/{id}"],
    "deal": [
        "/api/deals/{id}",
        "/api/deals/{id}/readiness",
        "/api/deals/{id}/stakeholders",
        "/api/deals/{id}/promises",
        "/api/deals/{id}/praise",
        "/api/deals/{id}/objections",
        "/api/deals/{id}/discounts",
    ],
    "instruction": ["/api/instructions/{id}"],
    "coaching": ["/api/coaching/{id}"],
    "conflict": ["/api/conflicts/{id}"],
    "senior_visit": ["/api/senior-visits/{id}"],
    "notice": [],
    "script": ["/api/call-scripts/{id}", "/api/call-scripts/{id}/stats"],
    "call_list": ["/api/call-lists/{id}", "/api/call-lists/{id}/next"],
    "lead": ["/api/leads/{id}"],
    "partner": [],
    "contract": ["/api/contracts/{id}"],
    "session": [],
}
# Reads that a role may be refused (403) although it sees the object.
API_GATED = {
    "person": ["/api/audit/people/{id}/disclosure"],  # the admins' (403 for the rest)
    "company": [
        "/api/companies/{id}/duplicates",
        "/api/companies/{id}/fit",
        "/api/companies/{id}/similar",
    ],
    # marketing finds a partner but has no partner pages; internals are the sales side's
    "partner": [
        "/api/partners/{id}",
        "/api/partners/{id}/performance",
        "/api/partners/{id}/contracts",
        "/api/partners/{id}/diligence",
        "/api/partners/{id}/training",
    ],
    "contract": ["/api/contracts/{id}/rights"],
}
API_WRITES = {
    "company": [
        ("patch", "/api/companies/{id}"),
        ("delete", "/api/companies/{id}"),
        ("put", "/api/companies/{id}/registry"),
        ("post", "/api/companies/{id}/merge"),
        ("post", "/api/companies/{id}/similar"),
    ],
    "person": [("patch", "/api/people/{id}"), ("delete", "/api/people/{id}")],
    "rel": [("patch", "/api/relationships/{id}"), ("delete", "/api/relationships/{id}")],
    "activity": [("patch", "/api/activities/{id}"), ("delete", "/api/activities/{id}")],
    "deal": [
        ("patch", "/api/deals/{id}"),
        ("delete", "/api/deals/{id}"),
        ("post", "/api/deals/{id}/stage"),
        ("post", "/api/deals/{id}/stakeholders"),
        ("post", "/api/deals/{id}/promises"),
        ("post", "/api/deals/{id}/praise"),
        ("post", "/api/deals/{id}/objections"),
        ("post", "/api/deals/{id}/discounts"),
        *[
            (method, f"/api/deals/{{id}}/{kind}/{{promise}}")
            for kind in ("stakeholders", "promises", "praise", "objections", "discounts")
            for method in ("patch", "delete")
        ],
    ],
    "instruction": [
        ("patch", "/api/instructions/{id}"),
        ("post", "/api/instructions/{id}/acknowledge"),
        ("post", "/api/instructions/{id}/updates"),
        ("post", "/api/instructions/{id}/milestones"),
        ("patch", "/api/instructions/{id}/milestones/{milestone}"),
    ],
    "coaching": [("patch", "/api/coaching/{id}")],
    "conflict": [("patch", "/api/conflicts/{id}")],
    "senior_visit": [("patch", "/api/senior-visits/{id}")],
    "notice": [("post", "/api/inbox/{id}/read")],
    # a variant's openings (the record id stands in for the variant: 404 comes first)
    "script": [("put", "/api/call-scripts/{id}/variants/{promise}")],
    "call_list": [
        ("post", "/api/call-lists/{id}/calls"),
        ("post", "/api/call-lists/{id}/phone"),
        ("post", "/api/call-lists/{id}/skip"),
    ],
    "lead": [("post", "/api/leads/{id}/assign"), ("post", "/api/leads/{id}/decision")],
    "partner": [
        ("patch", "/api/partners/{id}"),
        ("post", "/api/partners/{id}/stage"),
        ("patch", "/api/partners/{id}/diligence/{promise}"),
        ("post", "/api/partners/{id}/contracts"),
    ],
    "contract": [
        ("patch", "/api/contracts/{id}"),
        ("post", "/api/contracts/{id}/targets"),
        ("post", "/api/contracts/{id}/rights"),
    ],
    "session": [],
}
API_WRITES["deal"].append(("post", "/api/deals/{id}/confirm-win"))


def kind_of(name: str) -> str:
    for kind in PAGES:
        if name.endswith(kind) or name == kind:
            return kind
    return {
        "partner_rel": "rel",
        "other_rel": "rel",
        "rel2": "rel",
        "deal2": "deal",
        "instruction2": "instruction",
        "call_list2": "call_list",
        "lead2": "lead",
        "other_senior_visit": "senior_visit",
        "partner2": "partner",
        "contract2": "contract",
    }[name]


@pytest.fixture
def book(book, actors):
    """The shared book, with a conflict and a senior visit in each organisation."""
    import datetime as dt

    from eigyo.followups.models import Conflict, SeniorVisit

    a, b = actors, book
    kw = {"kind": "quality", "description": "納期遅れ", "deliver_by": dt.date(2026, 11, 30)}
    b.conflict = Conflict.objects.create(org=a.org, company=b.company, messenger=a.rep1, **kw)
    b.other_conflict = Conflict.objects.create(
        org=a.other_org, company=b.other_company, messenger=a.outsider, **kw
    )
    kw = {"why": "役員同士の挨拶", "by_date": dt.date(2026, 12, 15)}
    b.senior_visit = SeniorVisit.objects.create(
        org=a.org, company=b.company, requested_by=a.rep1, senior=a.manager, **kw
    )
    b.other_senior_visit = SeniorVisit.objects.create(
        org=a.other_org, company=b.other_company, requested_by=a.outsider, senior=a.outsider, **kw
    )
    from eigyo.followups import inbox

    def notice(to, target, key):
        return inbox.notify(
            to=to,
            kind="instruction_issued",
            key=key,
            target=target,
            subject="件",
            day=dt.date(2026, 12, 1),
        )

    b.notice = notice(a.rep1, b.instruction, "m:1")
    b.hidden_notice = notice(a.rep2, b.instruction, "m:2")
    b.other_notice = notice(a.outsider, b.other_instruction, "m:3")
    from eigyo.prospecting import call_services
    from eigyo.prospecting.models import CallList, CallScript

    def script(org, by):
        made = CallScript.objects.create(org=org, name="新規開拓", created_by=by)
        call_services.save_version(made, "A", {"reception": "ご担当の方を"}, by=by)
        return made

    b.script, b.other_script = script(a.org, a.manager), script(a.other_org, a.outsider)

    def call_list(org, owner, s):
        return CallList.objects.create(
            org=org, name="朝", owner=owner, script=s, source="portfolio"
        )

    b.call_list = call_list(a.org, a.rep1, b.script)
    b.call_list2 = call_list(a.org, a.rep2, b.script)
    b.other_call_list = call_list(a.other_org, a.outsider, b.other_script)
    from eigyo.prospecting.models import Lead

    def lead(org, owner, by):
        return Lead.objects.create(
            org=org,
            source="web_form",
            company_name="東海化成",
            family_name="山田",
            owner=owner,
            status="assigned",
            arrived_at=b.activity.occurred_at,
            created_by=by,
        )

    b.lead = lead(a.org, a.rep1, a.marketing)
    b.lead2 = lead(a.org, a.rep2, a.marketing)
    b.other_lead = lead(a.other_org, a.outsider, a.outsider)
    _partner_book(a, b)
    return b


def _partner_book(a, b):
    """A partner in the other organisation; a contract with a target, a checklist item
    checked per partner, and a training session (attended by the first partner's
    salesperson) in each organisation."""
    import datetime as dt

    from eigyo.accounts.models import Partner
    from eigyo.partners.models import (
        Attendance,
        Contract,
        DiligenceCheck,
        DiligenceItem,
        Target,
        Trainee,
        TrainingModule,
        TrainingSession,
    )

    b.partner, b.partner2 = a.partner, a.partner2
    b.other_partner = Partner.objects.create(org=a.other_org, name="外部代理店")
    b.check_of = {}
    for org, partners in ((a.org, [b.partner, b.partner2]), (a.other_org, [b.other_partner])):
        item = DiligenceItem.objects.create(org=org, key="financial_health", label="財務")
        for p in partners:
            b.check_of[p.pk] = DiligenceCheck.objects.create(org=org, partner=p, item=item).pk

    def contract(p):
        return Contract.objects.create(
            org=p.org, partner=p, title=f"{p.name} 販売店契約", start=dt.date(2025, 4, 1)
        )

    b.contract, b.contract2 = contract(b.partner), contract(b.partner2)
    b.other_contract = contract(b.other_partner)
    b.target = Target.objects.create(
        org=a.org,
        contract=b.contract,
        metric="revenue",
        period_kind="quarter",
        fiscal_year=2026,
        index=3,
        value=10_000_000,
    )

    def session(p):
        module = TrainingModule.objects.create(org=p.org, title="質問の設計")
        made = TrainingSession.objects.create(
            org=p.org, module=module, held_on=dt.date(2026, 10, 1), trainer="講師"
        )
        trainee = Trainee.objects.create(org=p.org, partner=p, family_name="営業")
        Attendance.objects.create(org=p.org, session=made, trainee=trainee, completed=True)
        return made

    b.session, b.other_session = session(b.partner), session(b.other_partner)


CASES = [(obj, who) for obj in VISIBLE for who in ALL]


def _ids(case):
    return f"{case[0]}-{case[1]}"


@pytest.mark.django_db
@pytest.mark.parametrize("obj,who", CASES, ids=[_ids(c) for c in CASES])
def test_pages_and_api(book, actors, login, api, obj, who):
    target = getattr(book, obj)
    user = getattr(actors, who)
    kind = kind_of(obj)
    web, rest = login(user), api(user)
    visible = who in VISIBLE[obj]
    for name in PAGES[kind]:
        status = web.get(reverse(name, args=page_args(name, kind, target, book))).status_code
        if name == "deals:child_edit" and target.pk != book.promise.deal_id:
            assert status == 404, (name, status)  # a record of another deal is not here
        elif name == "partners:record_edit" and target.pk != book.target.contract_id:
            assert status == 404, (name, status)  # a target of another contract
        elif visible:
            assert status in ((302,) if name in REDIRECTS else (200, 403)), (name, status)
        else:
            assert status == 404, (name, status)
    for url in API[kind]:
        status = rest.get(api_url(url, target, book)).status_code
        assert status == (200 if visible else 404), (url, status)
    for url in API_GATED.get(kind, []):
        status = rest.get(api_url(url, target, book)).status_code
        assert status in ((200, 403) if visible else (404,)), (url, status)
    if not visible:
        for name in POSTS[kind]:
            url = reverse(name, args=page_args(name, kind, target, book))
            assert web.post(url, {}).status_code == 404, name
        for method, url in API_WRITES[kind]:
            response = getattr(rest, method)(
                api_url(url, target, book),
                data=BODIES.get(url, "{}"),
                content_type="application/json",
            )
            assert response.status_code == 404, (method, url, response.content)
        assert type(target).objects.filter(pk=target.pk).exists()  # nothing deleted
        assert type(book.promise).objects.filter(pk=book.promise.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(PAGES))
def test_missing_id_answers_exactly_like_a_hidden_one(book, actors, login, api, kind):
    """A hidden object and a nonexistent id give byte-identical answers."""
    hidden = {
        "company": book.other_company,
        "person": book.other_person,
        "rel": book.other_rel,
        "activity": book.other_activity,
        "deal": book.other_deal,
        "instruction": book.other_instruction,
        "coaching": book.other_coaching,
        "conflict": book.other_conflict,
        "senior_visit": book.other_senior_visit,
        "notice": book.hidden_notice,
        "script": book.other_script,
        "call_list": book.other_call_list,
        "lead": book.other_lead,
        "partner": book.other_partner,
        "contract": book.other_contract,
        "session": book.other_session,
    }[kind]
    web, rest = login(actors.rep1), api(actors.rep1)
    missing = type(hidden)(pk=999999)
    for name in PAGES[kind]:
        url_a = reverse(name, args=page_args(name, kind, hidden, book))
        url_b = reverse(name, args=page_args(name, kind, missing, book))
        a, b = web.get(url_a), web.get(url_b)
        assert a.status_code == b.status_code == 404
        # The page names its own URL (language switch returns there); the rest is identical.
        assert without_csrf(a.content).replace(url_a.encode(), b"URL") == without_csrf(
            b.content
        ).replace(url_b.encode(), b"URL")
    for url in API[kind] + API_GATED.get(kind, []):
        a, b = rest.get(api_url(url, hidden, book)), rest.get(api_url(url, missing, book))
        assert a.status_code == b.status_code == 404
        assert a.json() == b.json()


LISTS = {
    "company": ("companies:list", "/api/companies"),
    "person": ("contacts:list", "/api/people"),
    "rel": ("portfolio:list", "/api/relationships"),
    "activity": ("activities:list", "/api/activities"),
    "deal": ("deals:list", "/api/deals"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
@pytest.mark.parametrize("kind", list(LISTS))
def test_lists_show_only_what_may_be_seen(book, actors, login, api, who, kind):
    """Full pages, htmx partials and API lists hold exactly the visible objects."""
    user = getattr(actors, who)
    page, endpoint = LISTS[kind]
    objects = [name for name in VISIBLE if kind_of(name) == kind]
    expected = {getattr(book, n).pk for n in objects if who in VISIBLE[n]}
    listed = {row["id"] for row in api(user).get(endpoint).json()["items"]}
    assert listed == expected
    web = login(user)
    for headers in ({}, {"HX-Request": "true"}):
        response = web.get(reverse(page), headers=headers)
        assert response.status_code == 200
        shown = {obj.pk for obj in response.context["page"].object_list}
        assert shown == expected


# The list exports (CSV and .xlsx, page and API) of each record type.
EXPORTS = {
    "company": "companies",
    "person": "people",
    "rel": "portfolio",
    "activity": "activities",
    "deal": "deals",
    "instruction": "instructions",
    "lead": "leads",
}
EXPORT_API = {"rel": "relationships"}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
@pytest.mark.parametrize("kind", list(EXPORTS))
def test_exports_hold_only_what_may_be_seen(book, actors, login, api, who, kind):
    """An export (any format, page or API) holds exactly the visible objects, or is
    refused (403) where the list itself is not the user's."""
    import csv
    import io

    from openpyxl import load_workbook

    user = getattr(actors, who)
    objects = [name for name in VISIBLE if kind_of(name) == kind]
    expected = {getattr(book, n).pk for n in objects if who in VISIBLE[n]}
    key = EXPORTS[kind]
    query = "status=all"  # instructions open on the open tab; every status here
    responses = [
        login(user).get(f"/export/{key}.csv?{query}"),
        login(user).get(f"/export/{key}.xlsx?{query}"),
        api(user).get(f"/api/{EXPORT_API.get(kind, key)}/export?format=csv&{query}"),
    ]
    for response in responses:
        if response.status_code == 403:
            assert not expected, (who, kind)
            continue
        assert response.status_code == 200
        if response.content.startswith(b"PK"):
            rows = list(
                load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
            )
            ids = {row[0] for row in rows[1:]}
        else:
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
            ids = {int(row[0]) for row in rows[1:]}
        assert ids == expected, (who, kind, response.request["PATH_INFO"])


@pytest.mark.django_db
def test_partner_sees_only_their_companies_in_the_visit_form(book, actors, login):
    web = login(actors.partner_user)
    url = reverse("activities:people_options")
    assert web.get(url, {"company": book.partner_company.pk}).status_code == 200
    assert web.get(url, {"company": book.company.pk}).status_code == 404
    assert web.get(url, {"company": book.other_company.pk}).status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_and_api_answers_401(book, client):
    response = client.get(reverse("companies:detail", args=[book.company.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert client.get("/api/companies").status_code == 401
    bad = client.get("/api/companies", headers={"Authorization": "Bearer eg_wrong"})
    assert bad.status_code == 401


# Organisation settings objects: own company fields (the admin's) and uploaded
# company lists (admin and managers). Another organisation's are 404, like missing ones.
SETTINGS_VISIBLE = {
    "field": ALL[:-1],  # every member finds it (non-admins then get 403), not the outsider
    "other_field": ["outsider"],
    "batch": ["admin", "manager"],
    "other_batch": ["outsider"],
    # the due-diligence checklist: the sales side reads it, the admin changes it
    "item": ["admin", "manager", "rep1", "rep2"],
    "other_item": ["outsider"],
    # the whole organisation's archive: its admins only (every member else: 404)
    "archive": ["admin"],
    "other_archive": ["outsider"],
}
SETTINGS_PAGES = {
    "field": ["companies:field_edit"],
    "batch": ["transfer:import_detail"],
    "item": ["partners:checklist_item"],
    "archive": ["orgexport:detail", "orgexport:download"],
}
SETTINGS_POSTS = {
    "field": ["companies:field_edit", "companies:field_delete"],
    "batch": ["transfer:import_detail"],
    "item": ["partners:checklist_item"],
    "archive": [],
}
SETTINGS_API_WRITES = {
    "field": [("patch", "/api/company-fields/{id}"), ("delete", "/api/company-fields/{id}")],
    "batch": [],
    "item": [],
    "archive": [],
}


@pytest.fixture
def settings_objects(actors, tmp_path, monkeypatch):
    from eigyo.companies.models import CompanyField
    from eigyo.transfer.models import CompanyImport, OrganisationExport

    monkeypatch.setenv("EIGYO_EXPORT_DIR", str(tmp_path))

    def archive(org, user):
        (tmp_path / f"{org.slug}.zip").write_bytes(b"PK\x05\x06" + bytes(18))
        return OrganisationExport.objects.create(
            org=org, requested_by=user, status="done", filename=f"{org.slug}.zip"
        )

    def field(org):
        return CompanyField.objects.create(org=org, key="plants", label="工場数", kind="number")

    def batch(org, user):
        return CompanyImport.objects.create(
            org=org,
            created_by=user,
            filename="a.csv",
            content="会社名\n一社\n",
            mapping=["legal_name"],
        )

    from eigyo.partners.models import DiligenceItem

    def item(org):
        return DiligenceItem.objects.create(org=org, key="references", label="紹介の経緯")

    return {
        "item": item(actors.org),
        "other_item": item(actors.other_org),
        "field": field(actors.org),
        "other_field": field(actors.other_org),
        "batch": batch(actors.org, actors.admin),
        "other_batch": batch(actors.other_org, actors.outsider),
        "archive": archive(actors.org, actors.admin),
        "other_archive": archive(actors.other_org, actors.outsider),
    }


SETTINGS_CASES = [(obj, who) for obj in SETTINGS_VISIBLE for who in ALL]


@pytest.mark.django_db
@pytest.mark.parametrize("obj,who", SETTINGS_CASES, ids=[_ids(c) for c in SETTINGS_CASES])
def test_settings_objects(settings_objects, actors, login, api, obj, who):
    target = settings_objects[obj]
    status_before = getattr(target, "status", None)
    kind = obj.removeprefix("other_")
    web, rest = login(getattr(actors, who)), api(getattr(actors, who))
    visible = who in SETTINGS_VISIBLE[obj]
    for name in SETTINGS_PAGES[kind]:
        status = web.get(reverse(name, args=[target.pk])).status_code
        assert status in ((200, 403) if visible else (404,)), (name, status)
    if visible:
        return
    for name in SETTINGS_POSTS[kind]:
        assert web.post(reverse(name, args=[target.pk]), {"action": "commit"}).status_code == 404
    for method, url in SETTINGS_API_WRITES[kind]:
        response = getattr(rest, method)(
            url.format(id=target.pk), data="{}", content_type="application/json"
        )
        assert response.status_code == 404, (method, url)
    target.refresh_from_db()  # still there, unchanged
    assert getattr(target, "status", None) == status_before
