"""Importing people: Eight with tags and repeated exchanges, Sansan's card owners,
address books and CRMs, companies resolved once, duplicates skipped or merged, every
bad row with its line, all or nothing, and the acquaintance a card makes."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eigyo.activities.models import Activity
from eigyo.audit.models import AuditEvent
from eigyo.companies.models import Company
from eigyo.contacts.models import Person, Tie
from eigyo.core import clock
from eigyo.lib import jp_text
from eigyo.transfer import pipeline, services
from eigyo.transfer.models import CompanyImport
from eigyo.transfer.people_import import PeopleList

EIGHT_HEAD = (
    "会社名,部署名,役職,姓,名,e-mail,郵便番号,住所,TEL会社,TEL部門,TEL直通,Fax,携帯電話,URL,"
    "名刺交換日,展示会2026,重要\r\n"
)
EIGHT = EIGHT_HEAD + (
    "東海化成株式会社,品質保証部,課長,山田,花子,hanako@tokai.example.jp,460-0008,"
    "愛知県名古屋市中区栄1-1,052-000-0000,,052-111-2222,,090-1234-5678,https://tokai.example.jp,"
    "2026/04/10,1,\r\n"
    "北陸精工株式会社,製造部,部長,林,誠,hayashi@hokuriku.example.jp,,,,,,,,,2026/05/20,,1\r\n"
    # The same person again, a later card exchange (new title, another tag).
    "東海化成(株),品質保証部,部長,山田,花子,HANAKO@tokai.example.jp,,,,,,,,,2026/10/01,,1\r\n"
)


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 10)))
    yield
    clock.freeze(None)


def preview(user, data: bytes, **kw):
    return pipeline.preview(services.people_target(user, **kw), pipeline.read_file(data))


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["cp932", "utf-8", "utf-8-sig", "utf-16"])
def test_eight_one_person_per_exchange_becomes_one_person(actors, encoding):
    checked = preview(actors.manager, EIGHT.encode(encoding))
    assert [r.action for r in checked.rows] == ["create", "create", "skip"]
    assert checked.rows[2].duplicate_line == 2
    first = checked.rows[0].data
    assert first["exchanges"] == ["2026-04-10", "2026-10-01"]
    assert first["tags"] == ["展示会2026", "重要"]
    assert first["phone"] == "+81521112222"  # the direct line, not the company's
    assert Person.objects.count() == 0  # a preview writes nothing

    services.commit_people(
        pipeline.read_file(EIGHT.encode(encoding)), by=actors.manager, filename="eight.csv"
    )
    hanako = Person.objects.get(org=actors.org, family_name="山田")
    assert (hanako.given_name, hanako.title, hanako.mobile) == ("花子", "課長", "+819012345678")
    assert "展示会2026" in hanako.notes and "重要" in hanako.notes and "〒460-0008" in hanako.notes
    assert hanako.company.legal_name == "東海化成株式会社"
    # The two spellings of the company made one company.
    assert Company.objects.filter(org=actors.org).count() == 2
    visits = Activity.objects.filter(people=hanako).order_by("occurred_at")
    assert [timezone.localtime(a.occurred_at).date() for a in visits] == [
        dt.date(2026, 4, 10),
        dt.date(2026, 10, 1),
    ]
    assert {a.owner for a in visits} == {actors.manager}
    tie = Tie.objects.get(person=hanako)
    assert (tie.user, tie.source, tie.since) == (actors.manager, "card", dt.date(2026, 4, 10))
    record = CompanyImport.objects.get(org=actors.org)
    assert (record.target, record.created, record.skipped, record.status) == (
        "people",
        2,
        1,
        "done",
    )


@pytest.mark.django_db
def test_sansan_card_owner_is_the_user_it_names(actors):
    text = (
        "会社名,部署名,役職,氏名,郵便番号(1),住所(1)［全て］,TEL-1(1),FAX(1),Email(1),名刺所有者ユーザID\r\n"
        "中部精機株式会社,営業本部　第一営業部,主任,佐々木　学,,,03-1234-5678,,sasaki@chubu.example,rep1@acme.example\r\n"
        "中部精機株式会社,営業本部,部長,小林 大,,,,,,unknown-user\r\n"
    )
    services.commit_people(pipeline.read_file(text.encode("utf-8-sig")), by=actors.manager)
    sasaki = Person.objects.get(family_name="佐々木")
    assert (sasaki.given_name, sasaki.department) == ("学", "営業本部 第一営業部")
    assert Tie.objects.get(person=sasaki).user == actors.rep1
    # An owner who is none of the organisation's users: the importing user's card.
    assert Tie.objects.get(person__family_name="小林").user == actors.manager


@pytest.mark.django_db
def test_address_books_and_crms(actors):
    google = (
        "First Name,Last Name,Phonetic First Name,Phonetic Last Name,Organization Name,"
        "Organization Title,Labels,E-mail 1 - Label,E-mail 1 - Value\n"
        "太郎,田中,たろう,たなか,北陸精工株式会社,係長,* myContacts ::: 顧客,* Work,t@hk.example\n"
        "Jane,Smith,,,Acme Inc.,CTO,,,jane@acme.example\n"
    )
    checked = preview(actors.manager, google.encode())
    tanaka, jane = (r.data for r in checked.rows)
    assert (tanaka["family_name"], tanaka["given_name"]) == ("田中", "太郎")
    assert (tanaka["family_kana"], tanaka["given_kana"]) == ("タナカ", "タロウ")
    assert tanaka["tags"] == ["顧客"]
    assert (jane["family_name"], jane["given_name"]) == ("Smith", "Jane")

    legacy = (
        "Name,Given Name,Family Name,Yomi Name,Given Name Yomi,Family Name Yomi,"
        "E-mail 1 - Value,Organization 1 - Name,Organization 1 - Yomi Name\n"
        "伊藤 優,優,伊藤,,ユウ,イトウ,ito@x.example,東海化成株式会社,トウカイカセイ\n"
    )
    (row,) = preview(actors.manager, legacy.encode()).rows
    assert (row.data["family_kana"], row.data["company_kana"]) == ("イトウ", "トウカイカセイ")

    outlook = "姓,名,姓 (フリガナ),名 (フリガナ),会社名,部署,役職,電子メール アドレス\n加藤,一郎,カトウ,イチロウ,X株式会社,総務部,部長,k@x.example\n"
    (row,) = preview(actors.manager, outlook.encode("cp932")).rows
    assert (row.data["family_kana"], row.data["department"]) == ("カトウ", "総務部")

    salesforce = "Id,AccountId,LastName,FirstName,Email,Title,LastNameKana__c,FirstNameKana__c\n003x,001x,木村,拓也,kimura@x.example,課長,キムラ,タクヤ\n"
    (row,) = preview(actors.manager, salesforce.encode()).rows
    assert (row.data["family_name"], row.data["given_kana"]) == ("木村", "タクヤ")

    hubspot = "Record ID,First Name,Last Name,Email,Phone Number,Contact owner,Associated Company\n1,Ken,Mori,ken@y.example,03-5555-1111,Daisuke Suzuki,Y株式会社\n"
    (row,) = preview(actors.manager, hubspot.encode()).rows
    assert row.data["owner_id"] == actors.manager.pk or row.data["owner_id"] == actors.rep1.pk
    assert (row.data["family_name"], row.data["company_name"]) == ("Mori", "Y株式会社")


@pytest.mark.django_db
def test_google_many_values_in_one_cell_and_an_address_in_several_columns(actors):
    google = (
        "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
        "花子,山田,* Work,hanako@tokai.example.jp ::: h.yamada@home.example,Work,"
        "052-000-0000 ::: 090-1234-5678\n"
    )
    (row,) = preview(actors.manager, google.encode()).rows
    assert not row.errors, row.errors
    assert row.data["email"] == "hanako@tokai.example.jp"
    assert row.data["phone"] == "+81520000000"
    outlook = (
        "姓,名,会社名,勤務先 番地,勤務先 市区町村,勤務先 都道府県,勤務先 郵便番号\n"
        "山田,花子,東海化成株式会社,栄1-1,名古屋市中区,愛知県,460-0008\n"
    )
    (row,) = preview(actors.manager, outlook.encode("cp932")).rows
    assert not row.errors, row.errors
    assert "〒460-0008 愛知県名古屋市中区栄1-1" in row.data["notes"]


@pytest.mark.django_db
def test_companies_resolve_to_the_org_and_the_registry_never_duplicated(actors, loaded):
    tokai = Company.objects.create(org=actors.org, legal_name="東海化成株式会社")
    text = (
        "会社名,姓,名,メール\n"
        "東海化成株式会社,山田,花子,\n"
        "ﾄﾖﾀ自動車(株),豊田,一郎,\n"
        "トヨタ自動車株式会社,豊田,次郎,\n"
        "無名の新会社株式会社,新井,三郎,\n"
        "無名の新会社(株),新井,四郎,\n"
    )
    services.commit_people(text, by=actors.manager)
    people = {p.given_name: p for p in Person.objects.filter(org=actors.org)}
    assert people["花子"].company == tokai
    assert people["一郎"].company == people["次郎"].company
    assert people["一郎"].company.corporate_number == "1180301018771"  # from the registry
    assert people["三郎"].company == people["四郎"].company
    assert Company.objects.filter(org=actors.org).count() == 3
    # A new company written as plain values still carries what Company.save derives
    # and the registry's facts, and is found by the company search's keys.
    toyota, new = people["一郎"].company, people["三郎"].company
    assert toyota.registry is not None and toyota.legal_name == toyota.registry.name
    assert toyota.name_key == jp_text.company_name_key(toyota.legal_name)
    assert new.legal_name.startswith("無名の新会社") and new.registry is None
    assert new.name_key == jp_text.company_name_key("無名の新会社")
    assert new.created_at == clock.now() and new.custom == {}
    made = AuditEvent.objects.filter(object_type="companies.company", action="create")
    bulk = [r for e in made.filter(object_id="") for r in e.data["rows"]]
    assert sorted(r[0] for r in bulk) == sorted([toyota.pk, new.pk])
    # Importing again finds them all: no new company, every person a duplicate.
    again = preview(actors.manager, text.encode())
    assert [r.action for r in again.rows] == ["skip"] * 5
    assert Company.objects.filter(org=actors.org).count() == 3


@pytest.mark.django_db
def test_duplicates_are_skipped_or_merged(actors):
    firm = Company.objects.create(org=actors.org, legal_name="東海化成株式会社")
    known = Person.objects.create(
        org=actors.org,
        company=firm,
        family_name="山田",
        given_name="花子",
        email="hanako@tokai.example.jp",
    )
    by_name = Person.objects.create(org=actors.org, company=firm, family_name="林", given_name="誠")
    text = EIGHT_HEAD + (
        "東海化成株式会社,品質保証部,課長,山田,花子,Hanako@Tokai.example.jp,,,,,,,,,2026/04/10,1,\r\n"
        "東海化成株式会社,製造部,部長,林,誠,,,,,,03-1234-5678,,,,2026/05/20,,\r\n"
    )
    skipped = preview(actors.manager, text.encode())
    assert [(r.action, r.duplicate_of) for r in skipped.rows] == [
        ("skip", known),
        ("skip", by_name),
    ]
    with pytest.raises(pipeline.ImportRefused):
        services.commit_people(text, by=actors.manager)  # nothing new

    merged = services.commit_people(text, by=actors.manager, on_duplicate="merge")
    assert [r.action for r in merged.rows] == ["merge", "merge"]
    known.refresh_from_db()
    by_name.refresh_from_db()
    assert (known.title, known.department, known.email) == (
        "課長",
        "品質保証部",
        "hanako@tokai.example.jp",
    )
    assert by_name.phone == "+81312345678"
    assert Person.objects.filter(org=actors.org).count() == 2
    assert Activity.objects.filter(people=known).count() == 1
    # Merging the same file again adds no second exchange and no second tie.
    services.commit_people(text, by=actors.manager, on_duplicate="merge")
    assert Activity.objects.filter(people=known).count() == 1
    assert Tie.objects.filter(person=known).count() == 1
    assert CompanyImport.objects.filter(merged=2).count() == 2


@pytest.mark.django_db
def test_every_bad_row_with_its_line_and_nothing_written(actors):
    text = (
        "会社名,姓,名,姓フリガナ,メール,電話番号,名刺交換日\n"
        "A株式会社,山田,花子,やまだ,ok@a.example,03-1234-5678,2026-01-05\n"
        "B株式会社,,花子,,,,\n"
        "C株式会社,林,誠,Hayashi,not-an-address,12,昨日\n"
    )
    checked = preview(actors.manager, text.encode())
    assert [r.action for r in checked.rows] == ["create", "create", "error"]
    # A given name alone is kept as the family name rather than refused.
    assert checked.rows[1].data["family_name"] == "花子"
    bad = checked.rows[2]
    assert bad.line == 4 and len(bad.errors) == 4
    assert any("昨日" in e for e in bad.errors) and any("not-an-address" in e for e in bad.errors)
    with pytest.raises(pipeline.ImportRefused):
        services.commit_people(text, by=actors.manager)
    assert Person.objects.count() == Company.objects.count() == 0
    with pytest.raises(pipeline.ImportRefused, match="姓"):
        preview(actors.manager, "会社名,メール\nA,a@b.example\n".encode())


@pytest.mark.django_db
def test_a_path_appears_through_an_imported_card(actors):
    from eigyo.prospecting.warm_paths import warmest_path

    firm = Company.objects.create(org=actors.org, legal_name="北陸精工株式会社")
    target = Person.objects.create(org=actors.org, company=firm, family_name="林", given_name="誠")
    assert warmest_path(actors.manager, [target], clock.today()) is None
    text = EIGHT_HEAD + "北陸精工株式会社,製造部,部長,林,誠,,,,,,,,,,2026/05/20,,\r\n"
    services.commit_people(text, by=actors.rep1, on_duplicate="merge")
    path = warmest_path(actors.manager, [target], clock.today())
    assert path is not None
    assert path.steps[0].ours and "鈴木" in path.steps[0].name
    assert path.steps[-1].name.startswith("林")


@pytest.mark.django_db
def test_a_partner_named_as_card_owner_is_not_the_owner(actors):
    text = "会社名,氏名,名刺所有者ユーザID\n中部精機株式会社,佐々木 学,p@kansai.example\n"
    services.commit_people(text, by=actors.manager)
    assert Tie.objects.get().user == actors.manager


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "山田",
                    "",
                    "a@b.example",
                    "x",
                    "2026/01/01",
                    "ﾔﾏﾀﾞ",
                    "1",
                    "=1+1",
                    '"',
                    "03-1234-5678",
                    "昨日",
                    "東海化成(株)",
                ]
            ),
            min_size=0,
            max_size=6,
        ),
        max_size=8,
    )
)
def test_fuzz_any_people_file_is_previewed_or_refused(actors, cells):
    header = "会社名,姓,名,メール,名刺交換日,姓フリガナ\n"
    body = "\n".join(",".join(row) for row in cells)
    try:
        checked = pipeline.preview(services.people_target(actors.manager), header + body)
    except pipeline.ImportRefused:
        return
    for row in checked.rows:
        assert row.action in ("create", "skip", "error", "merge")
        assert all(isinstance(e, str) and e for e in row.errors)


ADDRESSES = [
    "hanako@tokai.example.jp",
    "HANAKO@TOKAI.EXAMPLE.JP",
    "first.last+tag@sub.example.co.jp",
    "user@localhost",
    "user@[127.0.0.1]",
    "user@[IPv6:::1]",
    "user@[999.1.1.1]",
    "user@例え.テスト",
    "user@xn--r8jz45g.xn--zckzah",
    '"quoted name"@example.jp',
    "no-at-sign.example.jp",
    "two@@example.jp",
    "a@b@example.jp",
    "user@example",
    "user@-example.jp",
    "user@example.jp.",
    "user@.example.jp",
    "user.@example.jp",
    "ユーザー@example.jp",
    "user@exa mple.jp",
    "x" * 310 + "@example.jp",
    "x" * 65 + "@example.jp",
    "user@" + "a" * 64 + ".jp",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_quick_email_check_agrees_with_djangos(address):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(address)
        valid = True
    except ValidationError:
        valid = False
    target = PeopleList(None, None)
    assert target._email_ok(address) is valid
    assert target._email_ok(address) is valid  # and again, from what it kept
