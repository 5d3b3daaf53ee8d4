"""The public registry: loading the shipped EDINET and JPX lists, idempotently,
and searching it by name, kana or romaji prefix."""

import pytest
from django.core.management import call_command

from eigyo.registry import loaders
from eigyo.registry.models import RegistryEntry


@pytest.mark.django_db
def test_load_edinet_then_tse_is_complete_and_idempotent():
    records = loaders.edinet_records()
    first = loaders.load_edinet()
    assert first.read == len(records) == 11223
    assert first.added == RegistryEntry.objects.count() == 11223
    with_number = RegistryEntry.objects.exclude(corporate_number="").count()
    # 7,145 rows carry a number; a number repeated under several EDINET codes is kept once.
    assert 7100 <= with_number <= 7145
    tse = loaders.load_tse()
    assert tse.changed > 3000
    toyota = RegistryEntry.objects.get(securities_code="72030")
    assert toyota.corporate_number == "1180301018771"
    assert toyota.sector33 == "3700"  # 輸送用機器
    assert toyota.size_class == "core30" and toyota.is_prestigious
    assert toyota.market_segment == "prime"
    assert toyota.short_name == "トヨタ自動車"
    again = loaders.load_edinet()
    assert (again.added, again.changed) == (0, 0)
    assert again.unchanged == 11223 and not again.skipped
    assert len(again.warnings) == 8  # numbers repeated under a second EDINET code
    assert loaders.load_tse().changed == 0
    assert RegistryEntry.objects.get(securities_code="72030").size_class == "core30"


@pytest.mark.django_db
def test_loader_reports_bad_rows_and_loads_the_rest():
    rows = [
        {"edinet_code": "E99901", "name": "株式会社テスト一", "corporate_number": "5070001000715"},
        {"edinet_code": "", "name": "コードなし株式会社"},
        {"edinet_code": "E99903", "name": "株式会社テスト三", "corporate_number": "5070001000716"},
    ]
    report = loaders.load_edinet(rows)
    assert report.added == 2
    assert len(report.skipped) == 1 and "row 2" in report.skipped[0]
    assert len(report.warnings) == 1 and "row 3" in report.warnings[0]
    assert RegistryEntry.objects.get(edinet_code="E99903").corporate_number == ""


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["トヨタ自動車", "ﾄﾖﾀ自動車", "toyota motor", "TOYOTA"])
def test_registry_search_by_prefix(query):
    loaders.load_edinet(
        [
            {
                "edinet_code": "E02144",
                "name": "トヨタ自動車株式会社",
                "name_en": "TOYOTA MOTOR CORPORATION",
                "corporate_number": "1180301018771",
            },
            {"edinet_code": "E00001", "name": "株式会社自動車トヨタ"},
        ]
    )
    from eigyo.registry.filters import name_search

    found = list(RegistryEntry.objects.filter(name_search(query, prefix_only=True)))
    assert [e.edinet_code for e in found] == ["E02144"]


@pytest.mark.django_db
def test_registry_command(capsys):
    loaders.load_edinet(
        [
            {
                "edinet_code": "E02144",
                "name": "トヨタ自動車株式会社",
                "name_en": "TOYOTA MOTOR CORPORATION",
                "corporate_number": "1180301018771",
            }
        ]
    )
    call_command("registry", "search", "toyota")
    out = capsys.readouterr().out
    assert "1180301018771" in out and "トヨタ自動車株式会社" in out
