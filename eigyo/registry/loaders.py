"""Loading the public company registry from the lists shipped in PyPI packages.

`japan-finance-codes` ships the EDINET code list (gzipped JSON) and
`tokyo-stock-exchange` the JPX listed-issues CSV; both are read straight from
the installed package. Loads are idempotent: rows are upserted by EDINET code
(EDINET) or securities code (TSE) and unchanged rows are not written.
"""

from __future__ import annotations

import csv
import gzip
import importlib.resources
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from tqdm import tqdm

from eigyo.lib import corporate_number, jp_text
from eigyo.registry import codes
from eigyo.registry.models import RegistryEntry, search_fields
from eigyo.registry.resolving import forget

BATCH = 1000


@dataclass
class LoadReport:
    """What a load did: counts a person can check against the source."""

    source: str
    read: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # rows not loaded, with the reason
    warnings: list[str] = field(default_factory=list)  # rows loaded with a value dropped

    def summary(self) -> str:
        return (
            f"{self.source}: read {self.read}, added {self.added}, changed {self.changed}, "
            f"unchanged {self.unchanged}, skipped {len(self.skipped)}, "
            f"warnings {len(self.warnings)}"
        )


def edinet_records() -> list[dict]:
    path = importlib.resources.files("japan_finance_codes") / "_data" / "company_registry.json.gz"
    return json.loads(gzip.decompress(path.read_bytes()))["companies"]


def tse_rows() -> list[dict]:
    path = importlib.resources.files("tokyo_stock_exchange") / "tse.csv"
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _apply(entry: RegistryEntry, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(entry, name) != value:
            setattr(entry, name, value)
            changed = True
    return changed


def _write(report: LoadReport, new: list, dirty: list, fields: list[str]) -> None:
    RegistryEntry.objects.bulk_create(new, batch_size=BATCH)
    if dirty:
        RegistryEntry.objects.bulk_update(dirty, fields, batch_size=BATCH)
    report.added += len(new)
    report.changed += len(dirty)
    forget()


def load_edinet(records: Iterable[dict] | None = None, *, progress: bool = False) -> LoadReport:
    """Upsert the EDINET code list. Corporate numbers are validated; an
    invalid or repeated one is dropped from that row (the row still loads)."""
    records = list(edinet_records() if records is None else records)
    report = LoadReport("edinet")
    existing = {e.edinet_code: e for e in RegistryEntry.objects.exclude(edinet_code="")}
    taken = {e.corporate_number: e.edinet_code for e in existing.values() if e.corporate_number}
    new, dirty = [], []
    fields = [
        "corporate_number",
        "name",
        "name_en",
        "securities_code",
        "sector33",
        "industry_label",
        "is_listed",
        "name_key",
        "name_en_key",
        "kana_key",
        "romaji",
        "source",
    ]
    for rec in tqdm(records, desc="EDINET", unit=" rows", disable=not progress):
        report.read += 1
        code = (rec.get("edinet_code") or "").strip()
        name = jp_text.normalize_text(rec.get("name"))
        if not code or not name:
            report.skipped.append(f"row {report.read}: no EDINET code or name")
            continue
        number = corporate_number.clean(rec.get("corporate_number") or "")
        if number and not corporate_number.is_valid(number):
            report.warnings.append(f"row {report.read}: invalid corporate number {number} dropped")
            number = ""
        elif number and taken.get(number, code) != code:
            report.warnings.append(
                f"row {report.read}: corporate number {number} already belongs to "
                f"{taken[number]}; not repeated on {code}"
            )
            number = ""
        if number:
            taken[number] = code
        name_en = jp_text.normalize_text(rec.get("name_en"))
        values = {
            "corporate_number": number,
            "name": name,
            "name_en": name_en,
            "securities_code": (rec.get("sec_code") or "").strip(),
            "sector33": codes.sector_code(rec.get("industry")),
            "industry_label": (rec.get("industry") or "")[:100],
            "is_listed": bool(rec.get("is_listed")),
            "source": "edinet",
            **search_fields(name, name_en, ""),
        }
        entry = existing.get(code)
        if entry is not None:
            # The JPX list is the authority on sector and listing for listed
            # companies, and EDINET has no sector for foreign filers: a reload
            # of EDINET must not undo `load tse`.
            if entry.market_segment or entry.size_class or not values["sector33"]:
                values["sector33"] = entry.sector33 or values["sector33"]
            values["is_listed"] = values["is_listed"] or bool(entry.market_segment)
        if entry is None:
            entry = RegistryEntry(edinet_code=code)
            _apply(entry, values)
            existing[code] = entry
            new.append(entry)
        elif _apply(entry, values):
            dirty.append(entry)
        else:
            report.unchanged += 1
    with transaction.atomic():
        _write(report, new, dirty, fields)
    return report


def load_tse(rows: Iterable[dict] | None = None, *, progress: bool = False) -> LoadReport:
    """Add market segment, 33-sector and TOPIX size class to registry entries
    by securities code. Funds and ETFs ('-' sector) are skipped."""
    rows = list(tse_rows() if rows is None else rows)
    report = LoadReport("tse")
    by_code = {e.securities_code[:4]: e for e in RegistryEntry.objects.exclude(securities_code="")}
    dirty = []
    fields = ["market_segment", "sector33", "size_class", "short_name", "is_listed"]
    for row in tqdm(rows, desc="TSE", unit=" rows", disable=not progress):
        report.read += 1
        code = jp_text.normalize_text(row.get("コード"))
        sector = codes.sector_code(row.get("33業種コード"))
        if not sector:
            report.skipped.append(f"row {report.read}: {code} has no sector (a fund, ETF or REIT)")
            continue
        entry = by_code.get(code)
        if entry is None:
            report.skipped.append(f"row {report.read}: {code} not in the registry")
            continue
        values = {
            "market_segment": codes.market_segment_code(row.get("市場・商品区分")),
            "sector33": sector,
            "size_class": codes.size_class_code(row.get("規模区分")),
            "short_name": jp_text.normalize_text(row.get("銘柄名")),
            "is_listed": True,
        }
        if _apply(entry, values):
            dirty.append(entry)
        else:
            report.unchanged += 1
    with transaction.atomic():
        _write(report, [], dirty, fields)
    return report
