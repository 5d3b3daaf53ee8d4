"""Loading the official files into the registry: EDINET CSV (cp932), JPX CSV, NTA
(UTF-8, Shift_JIS, zip); idempotent; bad rows reported; former names resolvable."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eigyo.companies.file_loader import load_file
from eigyo.companies.models import RegistryAlias, RegistryEntry
from eigyo.companies.resolving import resolve_names

DATA = Path(__file__).parent / "data"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["nta_sample_utf8.csv", "nta_sample_sjis.csv",
                                  "nta_sample_sjis.zip"])  # fmt: skip
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


def _indexes() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, RegistryEntry._meta.db_table))


@pytest.mark.django_db
def test_a_large_load_defers_the_search_indexes_and_rebuilds_them(monkeypatch):
    from eigyo.companies import file_loader

    search = set(file_loader._index_sql())
    assert {i for i in search if "name_key" in i} and search <= _indexes()
    seen_during = []
    original = file_loader._write

    def spy(*args, **kwargs):
        seen_during.append(search & _indexes())
        return original(*args, **kwargs)

    monkeypatch.setattr(file_loader, "_write", spy)
    report = load_file(DATA / "nta_sample_utf8.csv", defer_indexes=True)
    assert report.added >= 1 and seen_during == [set()] * len(seen_during) and seen_during
    assert search <= _indexes()  # all rebuilt
    # A small file keeps them: nothing dropped by default under 50 MB.
    seen_during.clear()
    load_file(DATA / "nta_sample_utf8.csv")
    assert all(s == search for s in seen_during)


@pytest.mark.django_db
def test_indexes_come_back_after_a_failed_load_and_a_killed_one_is_repaired(tmp_path):
    from django.db import connection

    from eigyo.companies import file_loader

    junk = tmp_path / "junk.csv"
    junk.write_text("hello,world\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_file(junk, defer_indexes=True)
    search = set(file_loader._index_sql())
    assert search <= _indexes()
    # As if a load had been killed after dropping them: the next load repairs it.
    file_loader._drop_indexes()
    assert not search & _indexes()
    load_file(DATA / "nta_sample_utf8.csv")
    assert search <= _indexes()
    assert connection.vendor in ("sqlite", "postgresql")
