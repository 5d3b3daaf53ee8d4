"""Loading the official registry files a user downloads (EDINET code list CSV,
JPX listed issues, NTA corporate numbers) — streamed in batches, upserted by
corporate number (EDINET code, securities code where there is none), so a
5-million-row file never sits in memory and a reload changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from types import SimpleNamespace

from django.db import connection, transaction
from tqdm import tqdm

from eigyo.core import clock
from eigyo.lib import jp_text
from eigyo.registry import codes, formats
from eigyo.registry.loaders import LoadReport
from eigyo.registry.models import RegistryAlias, RegistryEntry, search_fields
from eigyo.registry.resolving import forget

BATCH = 5000
FIELDS = [
    "corporate_number",
    "edinet_code",
    "name",
    "name_en",
    "kana",
    "securities_code",
    "short_name",
    "sector33",
    "industry_label",
    "market_segment",
    "size_class",
    "is_listed",
    "closed",
    "prefecture",
    "address",
    "postal_code",
    "name_key",
    "name_en_key",
    "kana_key",
    "romaji",
    "source",
]
EMPTY = {f: "" for f in FIELDS} | {"is_listed": False, "closed": False}
READERS = {"edinet": formats.read_edinet_csv, "jpx": formats.read_jpx, "nta": formats.read_nta}


def _values(rec: formats.RegistryRecord, entry: RegistryEntry | None) -> dict:
    """The registry columns a record sets; what the source does not say is kept."""
    values = {
        "corporate_number": rec.corporate_number,
        "edinet_code": rec.edinet_code,
        "name": rec.name,
        "name_en": rec.name_en,
        "kana": rec.kana,
        "securities_code": (rec.securities_code + "0") if len(rec.securities_code) == 4 else "",
        "short_name": rec.short_name,
        "sector33": rec.sector33_code
        and codes.sector_code(rec.sector33_code)
        or codes.sector_code(rec.industry),
        "industry_label": rec.industry[:100],
        "market_segment": codes.market_segment_code(rec.market),
        "size_class": codes.size_class_code(rec.size_class),
        "is_listed": rec.is_listed,
        "closed": rec.closed,
        "prefecture": codes.prefecture_code(rec.prefecture),
        "address": rec.address[:300],
        "postal_code": rec.postal_code,
        "source": rec.source,
    }
    values = {k: v for k, v in values.items() if v not in ("", None) or k in ("is_listed",)}
    if entry is not None and rec.source == "jpx":
        values.pop("is_listed", None)
        values["is_listed"] = True
    merged = {f: getattr(entry, f) for f in FIELDS} if entry else {}
    merged.update(values)
    name = merged.get("name") or merged.get("short_name") or ""
    merged.update(search_fields(name, merged.get("name_en", ""), merged.get("kana", "")))
    return merged


def _find(batch: list) -> dict[str, RegistryEntry]:
    numbers = [r.corporate_number for r in batch if r.corporate_number]
    edinet = [r.edinet_code for r in batch if r.edinet_code]
    tickers = [r.securities_code + "0" for r in batch if len(r.securities_code) == 4]
    found: dict[str, RegistryEntry] = {}
    for e in RegistryEntry.objects.filter(corporate_number__in=numbers):
        found[f"cn:{e.corporate_number}"] = e
    for e in RegistryEntry.objects.filter(edinet_code__in=edinet):
        found.setdefault(f"ed:{e.edinet_code}", e)
    for e in RegistryEntry.objects.filter(securities_code__in=tickers):
        found.setdefault(f"tk:{e.securities_code}", e)
    return found


def _lookup(found, rec) -> RegistryEntry | None:
    return (
        (found.get(f"cn:{rec.corporate_number}") if rec.corporate_number else None)
        or (found.get(f"ed:{rec.edinet_code}") if rec.edinet_code else None)
        or (found.get(f"tk:{rec.securities_code}0") if rec.securities_code else None)
    )


def load_file(path, kind: str | None = None, *, progress: bool = False) -> LoadReport:
    """Stream a registry file into the registry. Bad rows are reported and skipped."""
    try:
        return _load(path, kind, progress)
    finally:
        forget()  # this process sees the new registry at once (others within the recheck)


def _load(path, kind: str | None, progress: bool) -> LoadReport:
    kind = kind or formats.sniff(path)
    report = LoadReport(kind)
    rows: Iterator = READERS[kind](path)
    bar = tqdm(desc=kind.upper(), unit=" rows", disable=not progress)
    while True:
        chunk = list(islice(rows, BATCH))
        if not chunk:
            break
        bar.update(len(chunk))
        records, aliases = [], []
        for item in chunk:
            report.read += 1
            if isinstance(item, formats.BadRow):
                report.skipped.append(f"line {item.line}: {item.reason}")
            elif isinstance(item, formats.Alias):
                aliases.append(item)
            elif kind == "jpx" and not item.sector33_code:
                report.skipped.append(f"line {item.line}: no sector (a fund, ETF or REIT)")
            else:
                records.append(item)
                report.warnings += [f"line {item.line}: {w}" for w in item.warnings]
        with transaction.atomic():
            _write(report, records, kind)
            _aliases(aliases)
    bar.close()
    return report


def _write(report: LoadReport, records: list, kind: str) -> None:
    found = _find(records)
    new, dirty = [], []
    for rec in records:
        entry = _lookup(found, rec)
        if entry is None and kind == "jpx":
            report.skipped.append(f"line {rec.line}: {rec.securities_code} not in the registry")
            continue
        values = _values(rec, entry)
        if entry is None:
            if not values.get("name"):
                report.skipped.append(f"line {rec.line}: no name")
                continue
            # A plain namespace, not a model instance: it is only inserted (see _insert).
            entry = SimpleNamespace(**{**EMPTY, **values}, pk=None)
            new.append(entry)
            for key in (f"cn:{entry.corporate_number}", f"ed:{entry.edinet_code}"):
                if not key.endswith(":"):
                    found[key] = entry
        elif any(getattr(entry, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(entry, f, v)
            if entry.pk and entry not in dirty:
                dirty.append(entry)
        else:
            report.unchanged += 1
    _insert(new)
    RegistryEntry.objects.bulk_update(dirty, FIELDS, batch_size=BATCH)
    report.added += len(new)
    report.changed += len(dirty)


def _insert(entries: list) -> None:
    """Insert new entries with one executemany: building model instances through
    bulk_create cost two thirds of a 5-million-row load."""
    if not entries:
        return
    now = clock.now()
    table = RegistryEntry._meta.db_table
    columns = [*FIELDS, "updated_at"]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(table),
        ", ".join(connection.ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[getattr(e, f) for f in FIELDS] + [now] for e in entries])


def _aliases(aliases: list) -> None:
    if not aliases:
        return
    entries = dict(
        RegistryEntry.objects.filter(
            corporate_number__in={a.corporate_number for a in aliases}
        ).values_list("corporate_number", "pk")
    )
    RegistryAlias.objects.bulk_create(
        [
            RegistryAlias(
                entry_id=entries[a.corporate_number],
                name=a.name,
                name_key=jp_text.company_name_key(a.name),
            )
            for a in aliases
            if a.corporate_number in entries and a.name
        ],
        ignore_conflicts=True,
    )
