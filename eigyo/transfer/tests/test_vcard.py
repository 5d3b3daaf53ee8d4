"""vCard as phones write it: the real Android test files, cards written the way an
iPhone and Google write them, the export an iPhone and Android read with the kana,
malformed cards (a line, never a 500) and the round trip."""

from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from eigyo.contacts.models import Person
from eigyo.transfer import pipeline, services, vcards
from eigyo.transfer.domain import vcard

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "testdata" / "vcard"


def cards_of(name: str) -> list[vcard.Card]:
    if not SHARED.is_dir():
        pytest.skip(f"the Android vCard files are not beside the project ({SHARED})")
    return vcard.parse(vcard.decode((SHARED / name).read_bytes()))


def test_v21_shift_jis_name_in_one_field_with_half_width_reading():
    (card,) = cards_of("v21_japanese_1.vcf")
    assert (card.family, card.given, card.family_kana) == ("安藤ロイド", "", "アンドウロイド")
    assert card.phone == "0300000000"


def test_v21_quoted_printable_shift_jis_with_soft_line_breaks():
    (card,) = cards_of("v21_japanese_2.vcf")
    assert (card.family, card.given) == ("安藤", "ロイド1")
    assert (card.family_kana, card.given_kana) == ("アンドウ", "ロイド1")
    assert card.address == "東京都渋谷区桜丘町26-1セルリアンタワー6階"
    assert card.postal_code == "150-8512" and card.note == "メモ"


def test_v30_with_a_charset_parameter():
    (card,) = cards_of("v30_japanese.vcf")
    assert (card.family, card.given, card.middle) == ("伊能", "圭一", "伊予")


def test_v40_sort_as_readings_stored_as_katakana():
    (card,) = cards_of("v40_sort_as.vcf")
    assert (card.family, card.given, card.family_kana, card.given_kana) == (
        "安藤",
        "ロイド",
        "アンドウ",
        "ロイド",
    )
    assert (card.company, card.company_kana, card.department) == (
        "グーグル",
        "グーグル",
        "検索部門",
    )


def test_many_cards_and_unknown_phone_types():
    cards = cards_of("v21_multiple_entry.vcf")
    assert [c.family for c in cards] == ["安藤ロイド3", "安藤ロイド4", "安藤ロイド5"]
    assert [c.family_kana for c in cards] == [
        "アンドウロイド3",
        "アンドウロイド4",
        "アンドウロイド5",
    ]
    assert [c.line for c in cards] == [1, 12, 23]
    assert all(c.phone or c.other_phones for c in cards)  # X-NEC-* kept as "other"


def test_iphone_export_with_groups_and_a_folded_photo():
    (card,) = cards_of("v30_ios_613_multiline.vcf")
    assert (card.family, card.given, card.company) == ("Smith", "Bob", "Smith Auto Repair")
    assert card.emails == ["bob@smithauto.com"] and card.mobile == "(650) 555-1212"


def test_complicated_backslash_and_comma_cards_parse():
    (gump,) = cards_of("v21_complicated.vcf")
    assert (gump.family, gump.given, gump.middle) == ("Gump", "Forrest", "Hoge")
    assert (gump.company, gump.title) == ("Gump Shrimp Co.", "Shrimp Man")
    assert gump.emails == ["forrestgump@walladalla.com", "cell@example.com"]
    (odd,) = cards_of("v21_backslash.vcf")
    assert ";" in odd.family  # the escaped semicolon stays inside the name field
    (fg,) = cards_of("v30_comma_separated.vcf")
    assert (fg.family, fg.given) == ("F", "G")


@pytest.mark.django_db
def test_every_android_file_imports(actors):
    if not SHARED.is_dir():
        pytest.skip("the Android vCard files are not beside the project")
    for path in sorted(SHARED.glob("*.vcf")):
        text = pipeline.read_file(path.read_bytes())
        checked = pipeline.preview(services.people_target(actors.manager), text)
        assert checked.rows and not checked.count("error"), (path.name, checked.rows)


# As an iPhone (iOS 17) writes a card: UTF-8, CRLF, X-PHONETIC-*, item groups, a
# company card marked X-ABShowAs.
IPHONE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:山田;太郎;;;\r\nFN:山田 太郎\r\nX-PHONETIC-FIRST-NAME:たろう\r\n"
    "X-PHONETIC-LAST-NAME:やまだ\r\nORG:東海化成株式会社;品質保証部;\r\n"
    "X-PHONETIC-ORG:とうかいかせい\r\nTITLE:課長\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:taro@tokai.example.jp\r\n"
    "item1.X-ABLabel:_$!<Other>!$_\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:090-1234-5678\r\n"
    "TEL;type=WORK;type=VOICE:052-000-1111\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:北陸精工株式会社\r\nORG:北陸精工株式会社;\r\n"
    "X-ABShowAs:COMPANY\r\nEND:VCARD\r\n"
)
# As Google Contacts exports: vCard 3.0, readings in X-PHONETIC-*, a SORT-STRING.
GOOGLE = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:佐藤 花子\nN:佐藤;花子;;;\nX-PHONETIC-FIRST-NAME:ハナコ\n"
    "X-PHONETIC-LAST-NAME:サトウ\nEMAIL;TYPE=INTERNET;TYPE=WORK:hanako@x.example\n"
    "TEL;TYPE=WORK:03-1234-5678\nORG:X株式会社\nCATEGORIES:myContacts\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:林 誠\nN:林;誠;;;\nSORT-STRING:ハヤシ マコト\nEND:VCARD\n"
)


def test_iphone_and_google_cards():
    taro, company = vcard.parse(IPHONE)
    assert (taro.family, taro.given, taro.family_kana, taro.given_kana) == (
        "山田",
        "太郎",
        "ヤマダ",
        "タロウ",
    )
    assert (taro.company, taro.company_kana, taro.department) == (
        "東海化成株式会社",
        "トウカイカセイ",
        "品質保証部",
    )
    assert (taro.mobile, taro.phone) == ("090-1234-5678", "052-000-1111")
    assert company.is_company and company.company == "北陸精工株式会社"
    assert len(vcard.table([taro, company])) == 2  # the header and Taro: a company is no person
    hanako, makoto = vcard.parse(GOOGLE)
    assert (hanako.family_kana, hanako.given_kana, hanako.company) == (
        "サトウ",
        "ハナコ",
        "X株式会社",
    )
    assert (makoto.family_kana, makoto.given_kana) == ("ハヤシ", "マコト")


def test_v21_written_by_a_feature_phone_in_utf8_quoted_printable():
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=B1=E7=94=B0;=E5=A4=AA=E9=83=8E;;;\r\n"
        "SOUND;X-IRMC-N;CHARSET=UTF-8:ﾔﾏﾀﾞ;ﾀﾛｳ;;;\r\nEND:VCARD\r\n"
    )
    (card,) = vcard.parse(text)
    assert (card.family, card.given, card.family_kana, card.given_kana) == (
        "山田",
        "太郎",
        "ヤマダ",
        "タロウ",
    )


def test_export_is_vcard_30_with_readings_and_company():
    out = vcard.write(
        [
            vcard.Contact(
                family="山田",
                given="太郎",
                family_kana="ヤマダ",
                given_kana="タロウ",
                company="東海化成株式会社",
                company_kana="トウカイカセイ",
                department="品質保証部",
                title="課長",
                email="taro@tokai.example.jp",
                mobile="+819012345678",
            )
        ]
    )
    assert "VERSION:3.0" in out and "N:山田;太郎;;;" in out and "FN:山田太郎" in out
    for line in (
        "X-PHONETIC-LAST-NAME:ヤマダ",
        "X-PHONETIC-FIRST-NAME:タロウ",
        "SORT-STRING:ヤマダ タロウ",
        "ORG:東海化成株式会社;品質保証部",
        "X-PHONETIC-ORG:トウカイカセイ",
        "TITLE:課長",
    ):
        assert line in out


def test_malformed_cards_get_their_line():
    with pytest.raises(vcard.CardError) as err:
        vcard.parse(
            "BEGIN:VCARD\nVERSION:3.0\nN:a;b;;;\nEND:VCARD\nBEGIN:VCARD\nthis is junk\nEND:VCARD\n"
        )
    assert err.value.line == 5
    with pytest.raises(vcard.CardError) as err:
        vcard.parse("BEGIN:VCARD\nVERSION:3.0\nN:a;b;;;\n")
    assert err.value.line == 1
    with translation.override("en"), pytest.raises(pipeline.ImportRefused, match="Line 3"):
        pipeline.read_file(b"BEGIN:VCARD\nEND:VCARD\nnonsense\n")
    with translation.override("ja"), pytest.raises(pipeline.ImportRefused, match="3行目"):
        pipeline.read_file(b"BEGIN:VCARD\nEND:VCARD\nnonsense\n")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_fuzz_any_card_file_is_read_or_refused_never_crashes(noise, wrap):
    text = f"BEGIN:VCARD\nVERSION:3.0\n{noise}\nEND:VCARD\n" if wrap else noise
    try:
        pipeline.read_file(text.encode("utf-8", errors="surrogatepass")[:10_000] or b"x")
    except pipeline.ImportRefused:
        pass


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "N:山田;太郎;;;",
                "FN:x",
                "ORG:a;b",
                "TEL;TYPE=CELL:090",
                "SOUND;X-IRMC-N:ｱ;ｲ",
                'N;SORT-AS="a;b":c;d',
                "item1.EMAIL:x@y",
                "PHOTO;ENCODING=b:AAA",
                " folded",
                "=",
                "NOTE;ENCODING=QUOTED-PRINTABLE:=E3=",
                "X-PHONETIC-ORG:",
                ":",
                ";;;",
                "BEGIN:VCARD",
                "END:VCARD",
                "VERSION:2.1",
            ]
        ),
        max_size=12,
    )
)
def test_fuzz_card_shaped_lines(lines):
    text = "BEGIN:VCARD\n" + "\n".join(lines) + "\nEND:VCARD\n"
    try:
        vcard.parse(text)
    except vcard.CardError as exc:
        assert exc.line >= 1


@pytest.mark.django_db
def test_round_trip_import_export_import_gives_the_same_people(actors):
    def people():
        return sorted(
            (
                p.family_name,
                p.given_name,
                p.family_kana,
                p.given_kana,
                p.email,
                p.mobile,
                p.phone,
                p.title,
                p.department,
                p.company.legal_name if p.company else "",
                p.company.kana if p.company else "",
            )
            for p in Person.objects.filter(org=actors.org).select_related("company")
        )

    services.commit_people(pipeline.read_file(IPHONE.encode() + GOOGLE.encode()), by=actors.manager)
    first = people()
    assert len(first) == 3
    exported = vcards.people_vcard(Person.objects.filter(org=actors.org))
    Person.objects.filter(org=actors.org).delete()
    services.commit_people(pipeline.read_file(exported.encode()), by=actors.manager)
    assert people() == first
