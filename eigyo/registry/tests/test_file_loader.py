"""Loading the official files into the registry: EDINET CSV (cp932), JPX CSV, NTA
(UTF-8, Shift_JIS, zip); idempotent; bad rows reported; former names resolvable."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eigyo.registry.file_loader import load_file
from eigyo.registry.models import RegistryAlias, RegistryEntry
from eigyo.registry.resolving import resolve_names

DATA = Path(__file__).parent / "data"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["nta_sample_utf8.csv", "nta_sample_sjis.csv", "nta_sample_sjis.zip"]
)
def test_nta_in_every_edition_loads_the_same(name):
    report = load_file(DATA / name)
    assert report.source == "nta" and report.added >= 1
    assert report.skipped  # the sample has a malformed row, reported with its line
    assert all(s.startswith("line ") for s in report.skipped)
    toyota = RegistryEntry.objects.filter(corporate_number="1180301018771").first()
    assert toyota is not None and toyota.prefecture == "23"
    again = load_file(DATA / name)
    assert (again.added, again.changed) == (0, 0)


@pytest.mark.django_db
def test_edinet_then_jpx_then_nta_merge_by_number():
    edinet = load_file(DATA / "EdinetcodeDlInfo_sample.csv")
    assert edinet.source == "edinet" and edinet.added >= 1
    jpx = load_file(DATA / "data_j_sample.csv")
    assert jpx.source == "jpx"
    assert any("fund" in s or "not in the registry" in s for s in jpx.skipped)
    before = RegistryEntry.objects.count()
    load_file(DATA / "nta_sample_utf8.csv")
    toyota = RegistryEntry.objects.get(corporate_number="1180301018771")
    assert toyota.edinet_code  # the NTA row updated the EDINET entity, no duplicate
    assert RegistryEntry.objects.filter(corporate_number="1180301018771").count() == 1
    assert RegistryEntry.objects.count() >= before


@pytest.mark.django_db
def test_former_names_become_aliases_and_resolve():
    load_file(DATA / "nta_sample_utf8.csv")
    alias = RegistryAlias.objects.select_related("entry").first()
    if alias is None:
        pytest.skip("the sample file has no history row")
    ((match, entry),) = resolve_names([alias.name])
    assert match.status == "matched" and entry == alias.entry


@pytest.mark.django_db
def test_command_and_unknown_file(tmp_path, capsys):
    call_command("registry", "load", str(DATA / "nta_sample_utf8.csv"), "--no-progress")
    assert "nta: read" in capsys.readouterr().out
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("registry", "load", str(junk), "--no-progress")
    with pytest.raises(CommandError):
        call_command("registry", "load", str(tmp_path / "missing.csv"), "--no-progress")
