"""The whole organisation in one archive: what it holds, that it is verified before
anything is written, the admin's background job, and export → restore → export
giving the same files in a new, empty installation (SQLite, and PostgreSQL when
one answers)."""

import atexit
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from eigyo.contacts.models import Person
from eigyo.core.signals import personal_data_read
from eigyo.transfer import archive, export_jobs
from eigyo.transfer.models import OrganisationExport

ROOT = Path(__file__).resolve().parents[3]


def _lines(zf, label):
    return [json.loads(line) for line in zf.read(f"tables/{label.lower()}.jsonl").splitlines()]


@pytest.mark.django_db
def test_archive_holds_the_organisation_and_nothing_of_another(book, actors, loaded):
    from eigyo.registry.models import RegistryEntry

    entry = RegistryEntry.objects.get(edinet_code="E02144")
    book.company.registry = entry
    book.company.save()
    buffer = io.BytesIO()
    manifest = archive.write_archive(actors.org, buffer)
    zf = zipfile.ZipFile(buffer)
    assert json.loads(zf.read("manifest.json"))["tables"] == manifest["tables"]
    assert manifest["format"] == archive.FORMAT and manifest["version"] == archive.VERSION
    assert "0001_initial" in manifest["migrations"]["accounts"]
    for table in manifest["tables"]:
        data = zf.read(table["file"])
        assert hashlib.sha256(data).hexdigest() == table["sha256"]
        assert data.count(b"\n") == table["rows"]
    people = {(r["fields"]["family_name"]) for r in _lines(zf, "contacts.Person")}
    assert people == {"田中", "木村"}  # not 外山 of the other organisation
    emails = {r["fields"]["email"] for r in _lines(zf, "accounts.User")}
    assert "admin@acme.example" in emails and "admin@other.example" not in emails
    # The registry: only the entry a company points to, not the whole public list.
    assert [r["fields"]["edinet_code"] for r in _lines(zf, "registry.RegistryEntry")] == ["E02144"]
    met = _lines(zf, "activities.Activity_people")
    assert [(r["fields"]["activity"], r["fields"]["person"]) for r in met] == [
        (book.activity.pk, book.person.pk)
    ]
    assert manifest["excluded"]["sessions.Session"]


@pytest.mark.django_db
def test_a_damaged_or_foreign_archive_is_refused_before_anything_is_written(book, actors, tmp_path):
    path = tmp_path / "acme.zip"
    archive.write_archive(actors.org, path)
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    person = "tables/contacts.person.jsonl"
    tampered = {**parts, person: parts[person].replace("田中".encode(), "山田".encode())}
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w") as zf:
        for name, data in tampered.items():
            zf.writestr(name, data)
    with pytest.raises(archive.RestoreRefused, match="damaged"):
        archive.restore(damaged)
    not_zip = tmp_path / "x.zip"
    not_zip.write_bytes(b"hello")
    with pytest.raises(archive.RestoreRefused, match="cannot read"):
        archive.check(not_zip)
    # Made by a newer eigyo (a migration this one lacks).
    manifest = json.loads(parts["manifest.json"])
    manifest["migrations"]["contacts"].append("9999_future")
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(newer, "w") as zf:
        for name, data in {**parts, "manifest.json": json.dumps(manifest)}.items():
            zf.writestr(name, data)
    with pytest.raises(archive.RestoreRefused, match="newer eigyo"):
        archive.check(newer)


@pytest.mark.django_db
def test_restore_refuses_an_organisation_that_is_already_here(book, actors, tmp_path):
    from eigyo.contacts.models import Person

    path = tmp_path / "acme.zip"
    archive.write_archive(actors.org, path)
    before = Person.objects.count()
    with pytest.raises(archive.RestoreRefused, match="already exists"):
        archive.restore(path)
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_the_admin_asks_the_worker_builds_the_admin_downloads(
    book, actors, login, tmp_path, monkeypatch
):
    monkeypatch.setenv("EIGYO_EXPORT_DIR", str(tmp_path))
    client = login(actors.admin)
    assert client.get("/organisation/export/").status_code == 200
    response = client.post("/organisation/export/")
    job = OrganisationExport.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == "queued" and job.org == actors.org
    # Asking again while it waits does not queue a second one.
    client.post("/organisation/export/")
    assert OrganisationExport.objects.count() == 1
    page = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert b'hx-trigger="every 2s"' in page.content
    assert client.get(f"/organisation/export/{job.pk}/download/").status_code == 404

    claimed = export_jobs.claim_next()
    assert claimed.pk == job.pk and claimed.status == "running"
    assert export_jobs.claim_next() is None  # a second worker gets nothing
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    personal_data_read.connect(listener)
    try:
        done = export_jobs.build(claimed)
    finally:
        personal_data_read.disconnect(listener)
    people = next(h for h in heard if h["model"] is Person)
    assert people["user"] == actors.admin and people["action"] == "export"
    assert set(people["pks"]) == {book.person.pk, book.partner_person.pk}
    assert done.status == "done" and done.tables_done == done.tables_total > 40
    assert done.rows > 20 and done.size == (tmp_path / done.filename).stat().st_size
    page = client.get(job.get_absolute_url())
    assert b"download-archive" in page.content and b"every 2s" not in page.content
    download = client.get(f"/organisation/export/{job.pk}/download/")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert archive.read_manifest(zipfile.ZipFile(io.BytesIO(content)))["organisation"]["slug"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["manager", "rep1", "partner_user", "marketing"])
def test_only_admins_build_archives(actors, login, who):
    client = login(getattr(actors, who))
    assert client.get("/organisation/export/").status_code == 403
    assert client.post("/organisation/export/").status_code == 403
    assert not OrganisationExport.objects.exists()


@pytest.mark.django_db
def test_a_worker_that_died_releases_its_claim(actors):
    import datetime as dt

    from eigyo.core import clock

    job = export_jobs.request_archive(by=actors.admin)
    assert export_jobs.claim_next().pk == job.pk
    assert export_jobs.claim_next() is None
    later = clock.now() + export_jobs.STALE_AFTER + dt.timedelta(minutes=1)
    assert export_jobs.claim_next(later).pk == job.pk


@pytest.mark.django_db
def test_only_the_newest_three_archive_files_are_kept(actors, tmp_path, monkeypatch):
    monkeypatch.setenv("EIGYO_EXPORT_DIR", str(tmp_path))
    built = []
    for _ in range(5):
        export_jobs.request_archive(by=actors.admin)
        built.append(export_jobs.build(export_jobs.claim_next()))
    for job in built:
        job.refresh_from_db()
    assert [bool(j.filename) for j in built] == [False, False, True, True, True]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(j.filename for j in built[2:])


@pytest.mark.django_db
def test_a_failed_build_says_why(actors, tmp_path, monkeypatch):
    monkeypatch.setenv("EIGYO_EXPORT_DIR", str(tmp_path))
    job = export_jobs.request_archive(by=actors.admin)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(archive, "write_archive", broken)
    done = export_jobs.build(export_jobs.claim_next())
    assert done.pk == job.pk and done.status == "failed" and "disk full" in done.error
    assert list(tmp_path.iterdir()) == []  # no half-written file left


# ---------------------------------------------------------------- a new installation


def _eigyo(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "-m", "eigyo.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=600,
    )


def _installation(tmp_path: Path, name: str, database_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(DEBUG="1", EIGYO_VAR_DIR=str(tmp_path / name))
    env["EIGYO_SQLITE"] = str(tmp_path / name / "eigyo.sqlite3")
    if database_url:
        env["DATABASE_URL"] = database_url
    _eigyo(env, "migrate", "--no-input", "-v0")
    return env


def _postgres(name: str) -> str | None:
    base = "postgres://postgres@127.0.0.1:5432"
    try:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception:  # noqa: BLE001 — no server: the PostgreSQL case is skipped
        return None
    atexit.register(_drop, base, name)  # named per process: suites may run side by side
    return f"{base}/{name}"


def _drop(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tables(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist() if n.startswith("tables/")}
        manifest = json.loads(zf.read("manifest.json"))
    manifest.pop("created_at")
    files["manifest"] = json.dumps(manifest, sort_keys=True).encode()
    return files


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_export_restore_export_is_identical_in_an_empty_installation(tmp_path, backend):
    urls = (None, None)
    if backend == "postgresql":
        urls = (
            _postgres(f"eigyo_export_a_{os.getpid()}"),
            _postgres(f"eigyo_export_b_{os.getpid()}"),
        )
        if not all(urls):
            pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    source = _installation(tmp_path, "a", urls[0])
    _eigyo(source, "demo")
    first = tmp_path / "first.zip"
    _eigyo(source, "export", "--org", "demo", "-o", str(first))

    empty = _installation(tmp_path, "b", urls[1])
    out = _eigyo(empty, "restore", str(first)).stdout
    assert "restored Demo KK" in out
    second = tmp_path / "second.zip"
    _eigyo(empty, "export", "--org", "demo", "-o", str(second))

    a, b = _tables(first), _tables(second)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    rows = {t["table"]: t["rows"] for t in json.loads(a["manifest"])["tables"]}
    assert rows["contacts.Person"] > 500 and rows["followups.Notice"] > 0
    # Restoring twice is refused, nothing written.
    again = _eigyo(empty, "restore", str(first), check=False)
    assert again.returncode != 0 and "already exists" in again.stderr
    # The restored users sign in with their passwords (the demo's).
    check = _eigyo(
        empty,
        "shell",
        "-c",
        "from django.contrib.auth import authenticate;"
        "print(bool(authenticate(email='admin@demo.example', password='eigyo-demo-2026')))",
    )
    assert check.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.django_db
def test_registry_entries_are_matched_by_public_number_or_added(book, actors, loaded, tmp_path):
    """Another installation keeps its own registry: an archived entry it has (same
    corporate number) is referred to by its id there; one it lacks is added, under the
    archived id when free, else a new one — and the companies follow the mapping."""
    from eigyo.registry.models import RegistryEntry

    toyota = RegistryEntry.objects.get(edinet_code="E02144")
    book.company.registry = toyota
    book.company.save()
    path = tmp_path / "acme.zip"
    archive.write_archive(actors.org, path)
    manifest = archive.check(path)
    with zipfile.ZipFile(path) as zf:
        # Here it exists: matched, nothing added.
        assert archive._restore_registry(zf, manifest) == ({toyota.pk: toyota.pk}, 0)
        # An installation that holds a different company under that id: added anew.
        old_pk = toyota.pk
        toyota.delete()
        squatter = RegistryEntry.objects.create(
            pk=old_pk, name="別会社株式会社", edinet_code="E99999", source="edinet"
        )
        mapping, added = archive._restore_registry(zf, manifest)
        assert added == 1 and mapping[old_pk] != squatter.pk
        assert RegistryEntry.objects.get(pk=mapping[old_pk]).corporate_number == "1180301018771"
