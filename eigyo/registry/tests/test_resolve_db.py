"""Name resolution against the registry in the database: CLI, API, and the
resolver's cache (the automatic link of a typed company: companies/tests/)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eigyo.conftest import REGISTRY_SAMPLE
from eigyo.registry import loaders


def test_cli_writes_one_line_per_query_in_order(loaded, monkeypatch, capsys):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("ﾄﾖﾀ自動車(株)\n株式会社存在しない商事\nsony group\n")
    )
    call_command("resolve", "-")
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "query,corporate_number,name,score,status"
    assert lines[1].startswith("ﾄﾖﾀ自動車(株),1180301018771,トヨタ自動車株式会社,")
    assert lines[1].endswith(",matched")
    assert lines[2].endswith(",none") and ",," in lines[2]
    assert lines[3].split(",")[1] == "5010401067252"


def test_cli_csv_neutralises_cells_that_would_run_as_formulas(loaded, monkeypatch, capsys):
    import csv

    typed = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(A1)"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(typed) + "\n"))
    call_command("resolve", "-", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["query"] for r in rows] == ["'" + name for name in typed]
    assert all(not r["query"].startswith(("=", "+", "-", "@")) for r in rows)


def test_cli_json_and_bad_file(loaded, tmp_path, capsys):
    names = tmp_path / "names.txt"
    names.write_text("日本電気\n", encoding="utf-8")
    call_command("resolve", str(names), "--format", "json")
    (row,) = json.loads(capsys.readouterr().out)
    assert row["status"] == "matched" and row["corporate_number"] == "7010401022916"
    with pytest.raises(CommandError, match="cannot read"):
        call_command("resolve", str(tmp_path / "missing.txt"))


def test_batch_api(loaded, actors, api, client):
    response = api(actors.rep1).post(
        "/api/registry/resolve",
        {"names": ["TOYOTA MOTOR CORP.", "日本電気硝子(株)", "謎の会社"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [r["status"] for r in response.json()] == ["matched", "matched", "none"]
    assert response.json()[0]["registry"] is not None
    assert (
        client.post(
            "/api/registry/resolve", {"names": ["x"]}, content_type="application/json"
        ).status_code
        == 401
    )


def test_the_resolver_rechecks_the_registry_at_most_every_so_often(loaded, settings):
    from eigyo.registry.models import RegistryEntry
    from eigyo.registry.resolving import forget, resolve_names

    settings.EIGYO_RESOLVER_RECHECK = 3600
    assert resolve_names(["新顔商事"])[0][0].status == "none"
    RegistryEntry.objects.create(
        name="新顔商事株式会社", name_key="新顔商事", source="test", corporate_number=""
    )
    assert resolve_names(["新顔商事"])[0][0].status == "none"  # not counted again yet
    forget()  # what every loader does
    assert resolve_names(["新顔商事"])[0][0].status == "matched"
    loaders.load_edinet(
        [{"edinet_code": "E99999", "name": "後発工業株式会社", "corporate_number": ""}]
    )
    assert resolve_names(["後発工業"])[0][0].status == "matched"  # a load refreshes at once


def test_the_wsgi_application_can_build_the_resolver_at_start(loaded, settings):
    import importlib

    import eigyo.wsgi
    from eigyo.registry import resolving

    resolving.forget()
    settings.EIGYO_WARM_RESOLVER = False
    importlib.reload(eigyo.wsgi)
    assert resolving._cached is None
    settings.EIGYO_WARM_RESOLVER = True
    importlib.reload(eigyo.wsgi)
    assert resolving._cached is not None and len(resolving._cached[2]) == len(REGISTRY_SAMPLE)
