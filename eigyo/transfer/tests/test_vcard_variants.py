"""vCard as other phones and address books write it (cards written by us in each
pattern the Android test suite, iCloud, Google and Outlook show): nested AGENT cards,
comment lines, unindented base64, per-property Shift_JIS quoted-printable with cp932
characters, mixed encodings, line ends, lowercase names, empty and nameless cards,
e-mail and phone values in odd shapes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eigyo.transfer import pipeline, services
from eigyo.transfer.domain import vcard


def one(text: str) -> vcard.Card:
    (card,) = vcard.parse(text)
    return card


def qp(text: str, charset: str = "cp932") -> str:
    return "".join(f"={b:02X}" for b in text.encode(charset))


def test_nested_agent_card_is_skipped():
    card = one(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Example;;;;\r\nFN:Example\r\nAGENT:\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Agent;;;;\r\nEND:VCARD\r\nX-CLASS:PUBLIC\r\nEND:VCARD\r\n"
    )
    assert card.family == "Example"


def test_a_begin_without_agent_still_means_an_unclosed_card():
    with pytest.raises(vcard.CardError) as err:
        vcard.parse("BEGIN:VCARD\nN:a;;;;\nBEGIN:VCARD\nN:b;;;;\nEND:VCARD\n")
    assert (err.value.line, err.value.code) == (1, "unclosed")


def test_comment_lines_are_ignored_but_not_inside_a_quoted_printable_value():
    card = one(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:;Conference Call\r\n# a comment\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:sharp ->=\r\n#<- sharp\r\n# another\r\nEND:VCARD\r\n"
    )
    assert card.family == "Conference Call" and card.note == "sharp ->#<- sharp"


def test_base64_photo_without_indented_lines_is_left_out():
    card = one(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ando;Roid\r\n"
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD\r\n"
        "/2wBDAP////////////////////////8=\r\n\r\nTEL;WORK:03-1234-5678\r\nEND:VCARD\r\n"
    )
    assert (card.family, card.phone) == ("Ando", "03-1234-5678")


def test_iphone_folded_photo_labels_and_company_card():
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.2//EN\r\n"
        "N:;;;;\r\nFN:株式会社テスト\r\nORG:株式会社テスト;\r\nX-ABShowAs:COMPANY\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:田中;一郎;;;\r\nFN:田中 一郎\r\n"
        "X-PHONETIC-FIRST-NAME:ｲﾁﾛｳ\r\nX-PHONETIC-LAST-NAME:ﾀﾅｶ\r\n"
        "ORG:テスト;営業部\r\nX-PHONETIC-ORG:てすと\r\n"
        "item1.TEL;type=pref:+81 90-1234-5678\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n"
        "item2.TEL:03-1111-2222\r\nitem2.X-ABLabel:_$!<WorkFAX>!$_\r\n"
        "item3.TEL:03-3333-4444\r\nitem3.X-ABLabel:会社\r\n"
        "item4.EMAIL;type=INTERNET:ichiro@test.example\r\nitem4.X-ABLabel:仕事\r\n"
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAASABIAAD/4QBMRXhpZgAATU0AKgAAAAgAAY\r\n"
        " dpAAQAAAABAAAAGgAAAAAAA6ABAAMAAAABAAEAAKACAAQAAAABAAAAQKADAAQAAAABAAAAQAAAAA\r\n"
        " D/2Q==\r\nEND:VCARD\r\n"
    )
    company, ichiro = vcard.parse(text)
    assert company.is_company
    assert (ichiro.family_kana, ichiro.given_kana, ichiro.company_kana) == (
        "タナカ",
        "イチロウ",
        "テスト",
    )
    assert (ichiro.mobile, ichiro.phone) == ("+81 90-1234-5678", "03-3333-4444")
    assert ichiro.other_phones == ["03-1111-2222"]  # the fax
    assert ichiro.emails == ["ichiro@test.example"]
    assert [row[4] for row in vcard.table([company, ichiro])[1:]] == ["田中"]


def test_outlook_shift_jis_quoted_printable_with_cp932_characters():
    data = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"N;LANGUAGE=ja;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{qp('高橋')};{qp('健太')}\r\n"
        f"ORG;CHARSET=Shift_JIS;ENCODING=QUOTED-PRINTABLE:{qp('㈱ABC①')};{qp('営業部')}\r\n"
        f"NOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{qp('一行目')}=0D=0A=\r\n{qp('二行目')}\r\n"
        "TEL;WORK;VOICE:03-1111-2222\r\nTEL;CELL;VOICE:090-2222-3333\r\n"
        "EMAIL;PREF;INTERNET:kenta@abc.example\r\nEND:VCARD\r\n"
    ).encode("ascii")
    card = one(vcard.decode(data))
    assert (card.family, card.given, card.company, card.department) == (
        "高橋",
        "健太",
        "(株)ABC1",
        "営業部",
    )
    assert card.note == "一行目\n二行目"
    assert (card.phone, card.mobile, card.emails) == (
        "03-1111-2222",
        "090-2222-3333",
        ["kenta@abc.example"],
    )


def test_a_broken_quoted_printable_byte_does_not_lose_the_file():
    card = one("BEGIN:VCARD\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1;x\nEND:VCARD\n")
    assert card.given == "x"


def test_unknown_charset_is_read_as_utf8():
    card = one(
        f"BEGIN:VCARD\nN;CHARSET=X-NONE;QUOTED-PRINTABLE:{qp('山田', 'utf-8')};\nEND:VCARD\n"
    )
    assert card.family == "山田"


@pytest.mark.parametrize(
    "data",
    [
        "BEGIN:VCARD\r\nN:渡辺;髙;;;\r\nSOUND;X-IRMC-N:ﾜﾀﾅﾍﾞ;ﾀｶｼ\r\nEND:VCARD\r\n".encode("cp932"),
        "BEGIN:VCARD\nN:渡辺;髙;;;\nSOUND;X-IRMC-N:ﾜﾀﾅﾍﾞ;ﾀｶｼ\nEND:VCARD\n".encode(),
        b"\xef\xbb\xbf"
        + "BEGIN:VCARD\rN:渡辺;髙;;;\rSOUND;X-IRMC-N:ﾜﾀﾅﾍﾞ;ﾀｶｼ\rEND:VCARD\r".encode(),
        "BEGIN:VCARD\r\nN:渡辺;髙;;;\r\nSOUND;X-IRMC-N:ﾜﾀﾅﾍﾞ;ﾀｶｼ\r\nEND:VCARD\r\n".encode("utf-16"),
        "BEGIN:VCARD\nN:渡辺;髙;;;\nSOUND;X-IRMC-N:ﾜﾀﾅﾍﾞ;ﾀｶｼ\nEND:VCARD\n".encode("utf-16-le"),
        "begin:vcard\nversion:3.0\nn:渡辺;髙;;;\nsound;x-irmc-n:ﾜﾀﾅﾍﾞ;ﾀｶｼ\nend:vcard\n".encode(),
    ],
    ids=["cp932-crlf", "utf8-lf", "bom-cr", "utf16", "utf16-no-bom", "lowercase"],
)
def test_encodings_line_ends_and_lowercase(data):
    card = one(vcard.decode(data))
    assert (card.family, card.given, card.family_kana, card.given_kana) == (
        "渡辺",
        "髙",
        "ワタナベ",
        "タカシ",
    )


def test_a_file_of_two_encodings_is_read_line_by_line():
    data = "BEGIN:VCARD\nN:山田;太郎\nEND:VCARD\n".encode() + (
        "BEGIN:VCARD\nN:佐藤;花子\nEND:VCARD\n".encode("cp932")
    )
    assert [c.family for c in vcard.parse(vcard.decode(data))] == ["山田", "佐藤"]


def test_empty_cards_are_left_out_and_a_file_of_them_is_refused():
    cards = vcard.parse(
        "BEGIN:VCARD\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nN:佐藤;一郎\nEND:VCARD\n"
    )
    assert [c.line for c in cards] == [3]
    with pytest.raises(vcard.CardError) as err:
        vcard.parse("BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n")
    assert err.value.code == "empty"


@pytest.mark.parametrize(
    ("fn", "family", "given"),
    [
        ("山田 太郎", "山田", "太郎"),
        ("山田　太郎", "山田", "太郎"),
        ("山田太郎", "山田太郎", ""),  # no space: not split, as phones do
        ("Ando Roid", "Ando Roid", ""),  # Latin: the order is not known
        ("Smith, Bob", "Smith", "Bob"),  # 2.1 and sloppy 3.0 leave the comma bare
    ],
)
def test_a_name_only_in_fn(fn, family, given):
    card = one(f"BEGIN:VCARD\nVERSION:3.0\nFN:{fn}\nEND:VCARD\n")
    assert (card.family, card.given) == (family, given)


def test_cards_without_a_name_are_named_as_phones_name_them():
    def name(body: str) -> tuple[str, bool]:
        card = one(f"BEGIN:VCARD\nVERSION:3.0\nN:;;;;\n{body}\nEND:VCARD\n")
        return card.family, card.is_company

    assert name("X-PHONETIC-LAST-NAME:やまだ") == ("ヤマダ", False)
    assert name("NICKNAME:たろちゃん") == ("たろちゃん", False)
    assert name("X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Nick;1;;;;;;;;;;;;;") == (
        "Nick",
        False,
    )
    assert name("ORG:北陸精工株式会社") == ("", True)  # a company's card, no person
    assert name("EMAIL:only@example.com") == ("only@example.com", False)
    assert name("TEL:03-1234-5678") == ("03-1234-5678", False)


def test_email_and_phone_values_in_odd_shapes():
    card = one(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nN:安藤;ロイド;;;\r\n"
        'EMAIL;INTERNET:"Omega"\r\n <omega@example.com>\r\n'
        "EMAIL;PREF=1:mailto:ando@example.com\r\n"
        'TEL;VALUE=uri;TYPE="work,voice":tel:+81-3-1234-5678;ext=102\r\n'
        "TEL;TYPE=HOME:tel:1\r\nTEL:sip:ando@example.com\r\n"
        "TEL:080-1234-5678\r\nEND:VCARD\r\n"
    )
    assert card.emails == ["ando@example.com", "omega@example.com"]  # the preferred first
    assert (card.phone, card.mobile) == ("+81-3-1234-5678", "080-1234-5678")
    assert card.other_phones == ["+81-3-1234-5678;ext=102", "1", "sip:ando@example.com"]
    row = dict(zip(vcard.HEADERS, card.row(), strict=True))
    assert "ext=102" in row["備考"] and "sip:ando@example.com" in row["備考"]


def test_an_address_that_is_no_address_goes_to_the_notes():
    card = one("BEGIN:VCARD\nN:a;b\nEMAIL:not an address\nEMAIL:b@example.jp\nEND:VCARD\n")
    row = dict(zip(vcard.HEADERS, card.row(), strict=True))
    assert row["メール"] == "b@example.jp" and "not an address" in row["備考"]


def test_google_escaped_url_pref_and_work_address_first():
    card = one(
        "BEGIN:VCARD\nVERSION:3.0\nN:鈴木;花子;;;\nURL:http\\://www.example.co.jp\n"
        "ADR;TYPE=HOME:;;自宅1;港区;東京都;105-0001;日本\n"
        "ADR;TYPE=WORK:;;丸の内1-1-1;千代田区;東京都;100-0005;日本\n"
        "ORG:株式会社サンプル\nTITLE:部長\nEND:VCARD\n"
    )
    assert card.website == "http://www.example.co.jp"
    assert (card.postal_code, card.address) == ("100-0005", "東京都千代田区丸の内1-1-1")


def test_org_with_many_levels_and_title_before_org():
    card = one(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Nice Guy\nTITLE:Cool\nORG:Big;Sales;Team 1\nEND:VCARD\n"
    )
    assert (card.company, card.department, card.title) == ("Big", "Sales Team 1", "Cool")


@pytest.mark.django_db
def test_odd_cards_import_without_errors(actors):
    text = (
        'BEGIN:VCARD\nVERSION:2.1\nN:;Omega;;;\nEMAIL;INTERNET:"Omega"\n <omega@example.com>\n'
        "TEL;X-CUSTOM:1\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nEMAIL:only@example.com\nTEL;TYPE=CELL:090-1111-2222\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:安藤 ロイド\nTEL;TYPE=HOME:tel:1\nTEL:sip:x@example.com\nEND:VCARD\n"
    )
    checked = pipeline.preview(
        services.people_target(actors.manager), pipeline.read_file(text.encode())
    )
    assert len(checked.rows) == 3 and not checked.count("error"), checked.rows
    assert [r.data["family_name"] for r in checked.rows] == ["Omega", "only@example.com", "安藤"]


def test_bare_commas_in_text_values_are_kept():
    card = one(
        "BEGIN:VCARD\nVERSION:2.1\nN:Doe;Bob\nTITLE:Manager, Sales\nORG:Foo, Inc.;Dept, A\n"
        "NOTE:x, y\\, z\nEND:VCARD\n"
    )
    assert (card.title, card.company, card.department) == ("Manager, Sales", "Foo, Inc.", "Dept, A")
    assert card.note == "x, y, z"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_bom_is_recognised_as_vcard(encoding):
    data = "BEGIN:VCARD\r\nN:山田;太郎\r\nEND:VCARD\r\n".encode(encoding)
    assert vcard.looks_like_vcard(data)
    assert "山田" in pipeline.read_file(data)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "AGENT:",
                "BEGIN:VCARD",
                "END:VCARD",
                "# a comment",
                "PHOTO;ENCODING=BASE64:AAAA",
                "/9j/4AAQ==",
                "",
                " folded",
                "NOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=82=A0=",
                "N;CHARSET=X-UNKNOWN;QUOTED-PRINTABLE:=E5=B1=B1;",
                "TEL;VALUE=uri:tel:+81-3-1234-5678;ext=1",
                "TEL:sip:x@y",
                "item1.TEL:090-1111-2222",
                "item1.X-ABLabel:_$!<Mobile>!$_",
                'EMAIL:"A" <a@b.example>',
                "FN:山田, 太郎",
                "ORG:a, b;c",
                "X-ABShowAs:COMPANY",
                "NICKNAME:x",
            ]
        ),
        max_size=14,
    )
)
def test_fuzz_tolerant_paths_read_or_refuse_with_a_line(lines):
    text = "BEGIN:VCARD\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n"
    try:
        cards = vcard.parse(vcard.decode(text.encode("utf-8")))
    except vcard.CardError as exc:
        assert exc.line >= 1
    else:
        for card in cards:
            assert len(card.row()) == len(vcard.HEADERS)


def test_a_line_folded_inside_a_utf8_character_is_joined_before_decoding():
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:山田;太郎\r\nNOTE:".encode() + (
        "長いメモ".encode()[:4] + b"\r\n " + "長いメモ".encode()[4:] + b"\r\nEND:VCARD\r\n"
    )
    assert one(vcard.decode(data)).note == "長いメモ"


def test_a_raw_latin1_line_is_read_in_the_charset_it_names():
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M\xfcller;J\xfcrgen\r\nEND:VCARD\r\n"
    )
    card = one(vcard.decode(data))
    assert (card.family, card.given) == ("Müller", "Jürgen")


def test_group_cards_are_no_people_and_kind_org_is_a_company():
    cards = vcard.parse(
        "BEGIN:VCARD\nVERSION:3.0\nN:展示会;;;;\nFN:展示会\nX-ADDRESSBOOKSERVER-KIND:group\n"
        "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:1\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:北陸精工株式会社\nORG:北陸精工株式会社\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nN:林;誠;;;\nEND:VCARD\n"
    )
    assert [(c.company, c.is_company) for c in cards] == [("北陸精工株式会社", True), ("", False)]


def test_an_old_docomo_address_is_kept_in_the_notes_not_refused():
    card = one(
        "BEGIN:VCARD\nVERSION:2.1\nN:山田;太郎\nEMAIL;CELL:taro..y@docomo.ne.jp\n"
        "EMAIL;INTERNET:taro@example.jp\nEND:VCARD\n"
    )
    row = dict(zip(vcard.HEADERS, card.row(), strict=True))
    assert row["メール"] == "taro@example.jp" and "taro..y@docomo.ne.jp" in row["備考"]
