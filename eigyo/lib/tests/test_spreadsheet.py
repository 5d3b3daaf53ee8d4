from eigyo.lib.spreadsheet import neutralise, neutralise_row


def test_formula_starts_become_text():
    for cell in ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1"]:
        assert neutralise(cell) == "'" + cell


def test_ordinary_text_and_numbers_unchanged():
    assert neutralise("株式会社ABC") == "株式会社ABC"
    assert neutralise("a=b") == "a=b"
    assert neutralise(-500) == -500
    assert neutralise(None) is None
    assert neutralise("") == ""


def test_rows():
    assert neutralise_row(["=1", 2, "x"]) == ["'=1", 2, "x"]
    assert neutralise_row({"a": "@x", "b": 3}) == {"a": "'@x", "b": 3}
