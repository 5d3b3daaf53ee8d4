"""The readers' files: the format sniffed, the wrong reader, zip and text-mode files,
frozen records and a pure module.

Pure tests, no database; the sample files and helpers are in conftest.py.

Run alone: .venv/bin/python -m pytest eigyo/registry/tests/test_formats_*.py -q
-p no:django -o addopts="".
"""

from __future__ import annotations

import ast
import dataclasses
import io
import zipfile
from pathlib import Path

import pytest

from eigyo.registry import formats
from eigyo.registry.formats import RegistryRecord, read_edinet_csv, read_jpx, read_nta, sniff
from eigyo.registry.tests.conftest import EDINET, JPX, NTA_SJIS, NTA_UTF8, NTA_ZIP

# --------------------------------------------------------------------------- files


def test_sniff():
    assert sniff(EDINET) == "edinet"
    assert sniff(JPX) == "jpx"
    assert sniff(NTA_UTF8) == "nta"
    assert sniff(NTA_SJIS) == "nta"
    assert sniff(str(NTA_ZIP)) == "nta"
    stream = io.BytesIO(JPX.read_bytes())
    assert sniff(stream) == "jpx" and stream.tell() == 0  # put back for the reader
    assert formats.READERS[sniff(stream)] is read_jpx
    with pytest.raises(ValueError, match="EDINET code list"):
        sniff(io.BytesIO("名前,住所\n山田,東京\n".encode()))
    with pytest.raises(ValueError, match="Excel"):
        sniff("data_j.xls")


def test_the_wrong_reader_says_which_one_to_use():
    with pytest.raises(ValueError, match="read_edinet_csv"):
        list(read_nta(EDINET))
    with pytest.raises(ValueError, match="read_nta"):
        list(read_edinet_csv(NTA_UTF8))
    with pytest.raises(ValueError, match="read_nta"):
        list(read_jpx(NTA_SJIS))
    with pytest.raises(ValueError, match="read_jpx"):
        list(read_edinet_csv(JPX))


def test_zip_must_hold_exactly_one_csv(tmp_path):
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.writestr("a.csv", "x")
        z.writestr("b.csv", "y")
    with pytest.raises(ValueError, match="2 .csv files"):
        list(read_nta(two))
    none = tmp_path / "none.zip"
    with zipfile.ZipFile(none, "w") as z:
        z.writestr("readme.txt", "x")
        z.writestr("__MACOSX/._a.csv", "x")
    with pytest.raises(ValueError, match="no .csv"):
        list(read_nta(none))


def test_text_mode_files_are_refused():
    with pytest.raises(TypeError, match="binary mode"):
        list(read_nta(io.StringIO("1,2,3\n")))


def test_records_are_frozen_and_the_module_is_pure():
    with pytest.raises(dataclasses.FrozenInstanceError):
        RegistryRecord(corporate_number="", name="x").name = "y"  # type: ignore[misc]
    imported = set()
    for module in Path(formats.__file__).parent.glob("*.py"):
        imported |= _top_level_imports(module)
    assert imported <= {
        "__future__",
        "codecs",
        "collections",
        "contextlib",
        "csv",
        "dataclasses",
        "eigyo",
        "os",
        "re",
        "typing",
        "zipfile",
    }


def _top_level_imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
