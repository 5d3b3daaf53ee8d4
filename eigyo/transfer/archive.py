"""The whole organisation in one archive, and back.

An archive is a zip file:
  manifest.json           format, version, the eigyo version, the migrations applied,
                          the organisation, and per table its file, row count and SHA-256
  tables/<app.model>.jsonl one row a line, by primary key: {"pk": …, "fields": {…}}
                          (Django's serialised form: foreign keys as ids, dates ISO)

Which tables (`plan()`): every table whose rows carry the organisation (`org`), the
many-to-many tables of those, the organisation itself, its users, and the registry
entries its rows point to. Everything else installed is in `EXCLUDED` with the reason;
`tests/test_archive_census.py` fails on a table that is in neither.

Ids are kept, so an archive restores into an empty installation as the same
organisation (export → restore → export gives the same files). Two kinds of rows are
matched instead of copied, because another installation holds its own copy:
  registry entries   public reference data: matched by corporate number (else EDINET
                     code); one the installation lacks is inserted (with its id when free)
  content types      Django's table of models: written as (app, model), matched by name
Restore refuses — nothing written — when the organisation, one of its users (by id or
e-mail) or any other row id is already taken in the installation.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import io
import json
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model, Q
from django.utils.duration import duration_iso_string
from django.utils.translation import gettext_noop

from eigyo.accounts.models import Membership, Organisation, User
from eigyo.core import clock
from eigyo.registry.models import RegistryAlias, RegistryEntry

FORMAT = "eigyo-organisation"
VERSION = 1

# Installed tables that are not the organisation's data, and why.
EXCLUDED = {
    "admin.LogEntry": gettext_noop(
        "Django admin's log of the installation (eigyo's work does not go "
        "through the admin); it points at users and content types of this installation"
    ),
    "auth.Permission": gettext_noop(
        "made by migrate in every installation; eigyo's rights are "
        "named rules over Membership roles, not Django permissions"
    ),
    "auth.Group": gettext_noop("Django groups are not used: roles live in Membership"),
    "auth.Group_permissions": gettext_noop("Django groups are not used: roles live in Membership"),
    "accounts.User_groups": gettext_noop("Django groups are not used: roles live in Membership"),
    "accounts.User_user_permissions": gettext_noop(
        "Django permissions are not used: rights are named rules over Membership roles"
    ),
    "contenttypes.ContentType": gettext_noop(
        "made by migrate in every installation; references to it "
        "(an inbox notice's target type) are written as (app, model) and matched by name"
    ),
    "transfer.ImportCheck": gettext_noop(
        "a previewed list's checked rows, working data until it is imported; the "
        "list itself travels, and is checked again"
    ),
    "sessions.Session": gettext_noop(
        "sign-ins to this installation: users sign in again on the new one"
    ),
    **{
        label: gettext_noop(
            "sign-in throttling of this installation (failed attempts per account and "
            "address); the new one counts its own"
        )
        for label in (
            "accounts.PasswordResetRequest",
            "axes.AccessAttempt",
            "axes.AccessAttemptExpiration",
            "axes.AccessFailureLog",
            "axes.AccessLog",
        )
    },
    **{
        label: gettext_noop(
            "second factors (authenticator secrets, backup codes) do not travel in an "
            "archive: admins and managers set theirs up again at their first sign-in"
        )
        for label in ("otp_totp.TOTPDevice", "otp_static.StaticDevice", "otp_static.StaticToken")
    },
}
# Tables exported although they have no `org` column: how their rows are chosen.
ALSO = {
    "accounts.Organisation": lambda org: Q(pk=org.pk),
    "accounts.User": lambda org: Q(pk__in=Membership.objects.filter(org=org).values("user")),
}
# Public reference data: the entries the organisation's rows point to (see above).
REFERENCE = {"registry.RegistryEntry", "registry.RegistryAlias"}


class _Encoder(json.JSONEncoder):
    """Dates and times in full (Django's JSON encoder drops microseconds, and a restored
    organisation would differ from the one exported)."""

    def default(self, o):
        if isinstance(o, dt.date | dt.time):
            return o.isoformat()
        if isinstance(o, decimal.Decimal | uuid.UUID):
            return str(o)
        if isinstance(o, dt.timedelta):
            return duration_iso_string(o)
        return super().default(o)


class RestoreRefused(Exception):
    """The archive cannot be restored here; nothing was written."""


@dataclass
class Table:
    label: str
    model: type[Model]
    rows: Callable[[Organisation], Iterator[Model]]


def label_of(model) -> str:
    return model._meta.label


def _org_field(model) -> str | None:
    """The path from a model to its organisation, when its rows carry one."""
    try:
        field = model._meta.get_field("org")
    except FieldDoesNotExist:
        field = None
    if field is not None and field.is_relation and field.related_model is Organisation:
        return "org"
    if model._meta.auto_created:  # a many-to-many table: through its owning model
        for fk in model._meta.concrete_fields:
            owner = fk.related_model
            if fk.is_relation and owner is model._meta.auto_created and _org_field(owner):
                return f"{fk.name}__{_org_field(owner)}"
    return None


def all_models() -> list[type[Model]]:
    return list(apps.get_models(include_auto_created=True))


def classify(model) -> str:
    """ "org", "also", "reference", "excluded" or "unknown" (the census fails on it)."""
    label = label_of(model)
    if label in EXCLUDED:
        return "excluded"
    if label in ALSO:
        return "also"
    if label in REFERENCE:
        return "reference"
    if _org_field(model):
        return "org"
    return "unknown"


def plan() -> list[type[Model]]:
    """The exported tables in a fixed order: the organisation and users first, then
    reference data, then everything of the organisation by label."""
    exported = [m for m in all_models() if classify(m) in {"org", "also", "reference"}]
    first = [Organisation, User, RegistryEntry, RegistryAlias]
    return first + sorted((m for m in exported if m not in first), key=label_of)


def _fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]


def queryset(model, org: Organisation):
    label = label_of(model)
    if label in ALSO:
        return model.objects.filter(ALSO[label](org))
    if model is RegistryEntry:
        return RegistryEntry.objects.filter(pk__in=_referenced_registry(org))
    if model is RegistryAlias:
        return RegistryAlias.objects.filter(entry_id__in=_referenced_registry(org))
    return model._base_manager.filter(**{_org_field(model): org})


def _referenced_registry(org) -> set[int]:
    ids: set[int] = set()
    for model in all_models():
        if classify(model) != "org":
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is RegistryEntry:
                ids.update(
                    queryset(model, org)
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True)
                )
    return ids


def _content_type_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is ContentType
    ]


def table_lines(model, org: Organisation) -> Iterator[bytes]:
    """The table's rows as JSON lines, by primary key."""
    names = _fields(model)
    ct_fields = _content_type_fields(model)
    types = (
        {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.all()} if ct_fields else {}
    )
    rows = queryset(model, org).order_by("pk").iterator(chunk_size=2000)
    for item in serializers.serialize("python", rows, fields=names):
        fields = item["fields"]
        for name in ct_fields:
            if fields.get(name) is not None:
                fields[name] = types[fields[name]]
        line = {"pk": item["pk"], "fields": fields}
        yield (json.dumps(line, cls=_Encoder, ensure_ascii=False, sort_keys=True) + "\n").encode()


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eigyo")
    except PackageNotFoundError:
        return "unknown"


def write_archive(
    org: Organisation, target, progress: Callable[[int, int, str], None] | None = None
) -> dict:
    """Write the organisation's archive to `target` (a path or a binary file); returns
    the manifest. `progress(done, total, label)` is called after each table."""
    tables = plan()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "eigyo": _version(),
        "created_at": clock.now().isoformat(),
        "database": connection.vendor,
        "organisation": {"id": org.pk, "name": org.name, "slug": org.slug},
        "migrations": applied_migrations(),
        "tables": [],
        "excluded": EXCLUDED,
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, model in enumerate(tables, start=1):
            label = label_of(model)
            name = f"tables/{label.lower()}.jsonl"
            digest, count = hashlib.sha256(), 0
            with archive.open(name, "w") as out:
                for line in table_lines(model, org):
                    out.write(line)
                    digest.update(line)
                    count += 1
            manifest["tables"].append(
                {"table": label, "file": name, "rows": count, "sha256": digest.hexdigest()}
            )
            if progress:
                progress(done, len(tables), label)
        archive.writestr(
            "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
        )
    return manifest


# ---------------------------------------------------------------- reading it back


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise RestoreRefused("not an eigyo organisation archive (no manifest.json)") from exc
    if manifest.get("format") != FORMAT:
        raise RestoreRefused("not an eigyo organisation archive (unknown format)")
    if manifest.get("version") != VERSION:
        raise RestoreRefused(
            f"archive version {manifest.get('version')} is not supported (this eigyo reads "
            f"version {VERSION})"
        )
    return manifest


def check(path) -> dict:
    """Open and verify an archive without writing anything: manifest, every file's
    checksum and row count, and that this installation's schema is at least the
    archive's. Returns the manifest; raises RestoreRefused with the reason."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise RestoreRefused(f"cannot read the archive: {exc}") from exc
    with archive:
        manifest = read_manifest(archive)
        for entry in manifest["tables"]:
            try:
                data = archive.read(entry["file"])
            except KeyError as exc:
                raise RestoreRefused(f"{entry['file']} is missing from the archive") from exc
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise RestoreRefused(f"{entry['file']} is damaged (checksum differs)")
            if data.count(b"\n") != entry["rows"]:
                raise RestoreRefused(f"{entry['file']} does not hold {entry['rows']} rows")
    ours = applied_migrations()
    missing = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if name not in ours.get(app, [])
    ]
    if missing:
        raise RestoreRefused(
            "the archive was made by a newer eigyo; upgrade and run `eigyo migrate` first "
            f"(missing migrations: {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''})"
        )
    return manifest


def _rows(archive: zipfile.ZipFile, name: str) -> Iterator[dict]:
    with archive.open(name) as handle:
        for line in io.TextIOWrapper(handle, encoding="utf-8"):
            yield json.loads(line)


def _registry_match(fields: dict) -> int | None:
    """The installation's own entry for an archived one, by its public identifiers."""
    for key in ("corporate_number", "edinet_code"):
        if fields.get(key):
            found = RegistryEntry.objects.filter(**{key: fields[key]}).values_list("pk", flat=True)
            if found:
                return found[0]
    return None


@dataclass
class Restored:
    organisation: Organisation
    rows: dict[str, int]
    registry_matched: int
    registry_inserted: int


def restore(path, progress: Callable[[int, int, str], None] | None = None) -> Restored:
    """Restore an archive into this installation, all or nothing (one transaction).
    Refuses when anything of the organisation already exists here."""
    manifest = check(path)
    models = {label_of(m): m for m in all_models()}
    with zipfile.ZipFile(path) as archive, transaction.atomic():
        _refuse_clashes(archive, manifest, models)
        registry_map, inserted = _restore_registry(archive, manifest)
        counts: dict[str, int] = {}
        tables = [t for t in manifest["tables"] if t["table"] not in REFERENCE]
        types = {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.all()}
        with connection.constraint_checks_disabled():
            for done, entry in enumerate(tables, start=1):
                model = models.get(entry["table"])
                if model is None:
                    raise RestoreRefused(f"this eigyo has no table {entry['table']}")
                counts[entry["table"]] = _restore_table(
                    archive, entry["file"], model, registry_map, types
                )
                if progress:
                    progress(done, len(tables), entry["table"])
        connection.check_constraints(
            table_names=[models[t["table"]]._meta.db_table for t in tables]
        )
        _reset_sequences([models[t["table"]] for t in manifest["tables"]])
        org = Organisation.objects.get(pk=manifest["organisation"]["id"])
    return Restored(org, counts, len(registry_map) - inserted, inserted)


def _refuse_clashes(archive, manifest, models) -> None:
    org_id = manifest["organisation"]["id"]
    if Organisation.objects.filter(
        Q(pk=org_id) | Q(slug=manifest["organisation"]["slug"])
    ).exists():
        raise RestoreRefused(
            f"organisation {org_id} ({manifest['organisation']['slug']}) already exists here; "
            "restore into an empty installation"
        )
    for entry in manifest["tables"]:
        if entry["table"] in REFERENCE or not entry["rows"]:
            continue
        model = models.get(entry["table"])
        if model is None:
            raise RestoreRefused(f"this eigyo has no table {entry['table']}")
        pks = [row["pk"] for row in _rows(archive, entry["file"])]
        taken = _taken(model, pks)
        if taken:
            raise RestoreRefused(
                f"{entry['table']}: {len(taken)} of the archive's ids are taken here "
                f"(e.g. {taken[0]}); restore into an empty installation"
            )
        if model is User:
            emails = [row["fields"]["email"] for row in _rows(archive, entry["file"])]
            clash = list(User.objects.filter(email__in=emails).values_list("email", flat=True))
            if clash:
                raise RestoreRefused(f"users already exist here: {', '.join(clash[:5])}")


def _taken(model, pks: list) -> list:
    taken = []
    for start in range(0, len(pks), 500):
        chunk = pks[start : start + 500]
        taken += list(model._base_manager.filter(pk__in=chunk).values_list("pk", flat=True))
    return taken


def _restore_registry(archive, manifest) -> tuple[dict[int, int], int]:
    """Match or insert the archive's registry entries; {archived id: id here}."""
    files = {t["table"]: t["file"] for t in manifest["tables"]}
    mapping: dict[int, int] = {}
    inserted = 0
    if "registry.RegistryEntry" not in files:
        return mapping, 0
    new_entries = set()
    for row in _rows(archive, files["registry.RegistryEntry"]):
        found = _registry_match(row["fields"])
        if found is not None:
            mapping[row["pk"]] = found
            continue
        pk = row["pk"] if not RegistryEntry.objects.filter(pk=row["pk"]).exists() else None
        obj = _deserialise(RegistryEntry, {**row, "pk": pk})
        obj.save()
        mapping[row["pk"]] = obj.object.pk
        new_entries.add(row["pk"])
        inserted += 1
    for row in (
        _rows(archive, files.get("registry.RegistryAlias", ""))
        if files.get("registry.RegistryAlias")
        else []
    ):
        if row["fields"]["entry"] not in new_entries:
            continue  # the installation's own entry keeps its own aliases
        fields = {**row["fields"], "entry": mapping[row["fields"]["entry"]]}
        pk = row["pk"] if not RegistryAlias.objects.filter(pk=row["pk"]).exists() else None
        _deserialise(RegistryAlias, {"pk": pk, "fields": fields}).save()
    return mapping, inserted


def _deserialise(model, row: dict):
    item = {"model": label_of(model).lower(), "pk": row["pk"], "fields": row["fields"]}
    return next(serializers.deserialize("python", [item], ignorenonexistent=True))


def _restore_table(archive, name: str, model, registry_map: dict, types: dict) -> int:
    """Insert the table's rows as they are (ids and stamps included), in batches of
    plain INSERTs: what `loaddata` does row by row through a raw save (no field's
    pre_save, so `updated_at` keeps its value), without building a model per row.
    Each value goes through its field's to_python and get_db_prep_save, as a save would."""
    fields = list(model._meta.concrete_fields)
    convert = []
    for field in fields:
        target = field.target_field if field.is_relation else field
        remap = None
        if field.is_relation and field.related_model is RegistryEntry:
            remap = registry_map
        convert.append((field, target, remap, field.related_model is ContentType))
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    count = 0
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for row in _rows(archive, name):
            values = []
            data = row["fields"]
            for field, target, remap, is_type in convert:
                if field.primary_key:
                    value = target.to_python(row["pk"])
                elif field.name not in data:  # a column newer than the archive
                    value = field.get_default()
                else:
                    value = data[field.name]
                    if value is not None:
                        if remap is not None:
                            value = remap[value]
                        elif is_type:
                            value = _content_type_id(types, value)
                        value = target.to_python(value)
                values.append(field.get_db_prep_save(value, connection))
            batch.append(tuple(values))
            count += 1
            if len(batch) >= 1000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
    return count


def _content_type_id(types: dict, natural: list) -> int:
    key = tuple(natural)
    if key not in types:
        types[key] = ContentType.objects.get_or_create(app_label=key[0], model=key[1])[0].pk
    return types[key]


def _reset_sequences(models) -> None:
    """PostgreSQL's id sequences past the restored ids (SQLite follows by itself)."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
