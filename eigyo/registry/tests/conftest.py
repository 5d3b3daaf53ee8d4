"""Shared by the tests of the streaming readers of the public company lists (EDINET,
JPX, NTA), test_formats_*.py: the sample files and the helpers.

Pure tests, no database. The sample files under data/ are small files written
by us in the official formats; corporate numbers are real ones from the EDINET
list shipped in japan-finance-codes, except the fictional 見本商事 (4010001234567,
built with its check digit) used for a closed registration.

Run alone: .venv/bin/python -m pytest eigyo/registry/tests/test_formats_*.py -q
-p no:django -o addopts="".
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from eigyo.registry.formats import NTA_COLUMNS, read_nta

DATA = Path(__file__).parent / "data"
EDINET = DATA / "EdinetcodeDlInfo_sample.csv"
JPX = DATA / "data_j_sample.csv"
NTA_UTF8 = DATA / "nta_sample_utf8.csv"
NTA_SJIS = DATA / "nta_sample_sjis.csv"
NTA_ZIP = DATA / "nta_sample_sjis.zip"

TOYOTA = "1180301018771"
SONY_GROUP = "5010401067252"
NINTENDO = "1130001011420"
ZOZO = "4040001010503"
MIHON = "4010001234567"  # fictional, valid check digit


def nta_row(**values: str) -> str:
    """One NTA CSV line: 30 columns, values by column name, quoted like the NTA does."""
    row = [""] * len(NTA_COLUMNS)
    defaults = {"一連番号": "1", "処理区分": "01", "訂正区分": "0", "最新履歴": "1"}
    for name, value in {**defaults, **values}.items():
        row[NTA_COLUMNS.index(name)] = value
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerow(row)
    return out.getvalue()


def read_nta_text(text: str, encoding: str = "utf-8") -> list:
    return list(read_nta(io.BytesIO(text.encode(encoding))))


def kinds(items: list) -> list[str]:
    return [type(item).__name__ for item in items]
