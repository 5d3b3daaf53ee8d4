"""Name resolution against the registry in the database: one resolver per
process, rebuilt when the registry changes (entry count or latest update)."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.db.models import Count, Max

from eigyo.registry.domain.resolution import Entity, Match, Resolver
from eigyo.registry.models import RegistryAlias, RegistryEntry

_lock = threading.Lock()
_cached: tuple[tuple, Resolver, dict[str, int]] | None = None
_checked_at = 0.0


def _key(entry_id: int, corporate_number: str, edinet_code: str) -> str:
    return corporate_number or f"edinet:{edinet_code}" or f"id:{entry_id}"


def forget() -> None:
    """Drop this process's resolver: the registry was just loaded."""
    global _cached
    with _lock:
        _cached = None


def resolver() -> tuple[Resolver, dict[str, int]]:
    """The resolver and a map from its keys to registry entry ids."""
    global _cached, _checked_at
    with _lock:
        # Counting a 5-million-row registry is a full scan: not on every company saved.
        if _cached is not None and time.monotonic() - _checked_at < settings.EIGYO_RESOLVER_RECHECK:
            return _cached[1], _cached[2]
        stamp = RegistryEntry.objects.aggregate(n=Count("id"), latest=Max("updated_at"))
        version = (stamp["n"], stamp["latest"])
        _checked_at = time.monotonic()
        if _cached is None or _cached[0] != version:
            ids, entities = {}, []
            former: dict[int, list[str]] = {}
            for entry_id, name in RegistryAlias.objects.values_list("entry_id", "name"):
                former.setdefault(entry_id, []).append(name)
            rows = RegistryEntry.objects.values_list(
                "id", "corporate_number", "edinet_code", "name", "name_en", "kana", "short_name"
            )
            for pk, number, edinet, name, name_en, kana, short in rows.iterator(chunk_size=5000):
                key = _key(pk, number, edinet)
                ids[key] = pk
                entities.append(
                    Entity(
                        key=key,
                        name=name,
                        name_en=name_en,
                        kana=kana,
                        short_name=short,
                        aliases=tuple(former.get(pk, ())),
                    )
                )
            _cached = (version, Resolver(entities), ids)
        return _cached[1], _cached[2]


def resolve_names(names: list[str]) -> list[tuple[Match, RegistryEntry | None]]:
    """Resolve each name; the registry entry for the matched ones."""
    engine, ids = resolver()
    matches = engine.resolve_many(names)
    wanted = {ids[m.key] for m in matches if m.status == "matched" and m.key in ids}
    entries = RegistryEntry.objects.in_bulk(wanted)
    return [(m, entries.get(ids.get(m.key)) if m.status == "matched" else None) for m in matches]


def candidates(name: str, limit: int = 5) -> tuple[str, list[RegistryEntry]]:
    """The status of a name and the registry entries it may be: the match, or the
    alternatives of an ambiguous answer, best first."""
    engine, ids = resolver()
    match = engine.resolve(name)
    keys = [match.key] if match.status == "matched" else [k for k, _s in match.candidates]
    wanted = [ids[k] for k in keys[:limit] if k in ids]
    entries = RegistryEntry.objects.in_bulk(wanted)
    return match.status, [entries[i] for i in wanted if i in entries]
