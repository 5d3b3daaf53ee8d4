"""The spider: after a win, the most similar companies in the same niche that no
one in the organisation is working yet; and the avatar's best-fitting companies.

Scoring happens in SQL (CASE expressions over indexed columns, blocked by sector),
so a proposal touches one sector of the registry, not all of it; the reasons for
the few proposed are then worked out by the pure similarity rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

from eigyo.companies.models import Company
from eigyo.prospecting.domain.similarity import (
    REGION_OF,
    Profile,
    avatar_score,
    neighbouring_sizes,
    similarity,
)
from eigyo.prospecting.models import Avatar
from eigyo.registry.models import RegistryEntry


@dataclass
class Proposal:
    entry: RegistryEntry
    score: int
    reasons: list[str]
    fit: int


def profile_of(obj) -> Profile:
    """A registry entry's profile, or a company's with its own fields; a company's
    blank industry, size, segment or prefecture is taken from its registry entry."""
    if isinstance(obj, RegistryEntry):
        return Profile(obj.sector33, obj.size_class, obj.market_segment, obj.prefecture)
    entry = obj.registry if obj.registry_id else None
    return Profile(
        *(
            getattr(obj, f) or (getattr(entry, f) if entry else "")
            for f in ("sector33", "size_class", "market_segment", "prefecture")
        ),
        custom=obj.custom or {},
    )


def company_fit(company: Company, fields=None) -> tuple[int, list[tuple[str, str]]] | None:
    """The company's score against the organisation's avatar, or None without one."""
    avatar = Avatar.objects.filter(org=company.org_id).first()
    if avatar is None:
        return None
    return avatar_score(profile_of(company), avatar.as_domain(fields))


def taken_registry_ids(org):
    """Registry entities already in some portfolio of the organisation."""
    return Company.objects.filter(
        org=org, relationships__isnull=False, registry__isnull=False
    ).values("registry_id")


def _points(field: str, values: list[str], points: int) -> Case:
    return Case(
        When(**{f"{field}__in": values}, then=Value(points)),
        default=Value(0),
        output_field=IntegerField(),
    )


def avatar_sql(avatar: Avatar | None):
    if avatar is None:
        return Value(0)
    terms = [
        (avatar.sectors, "sector33", avatar.weight_sector),
        (avatar.size_classes, "size_class", avatar.weight_size),
        (avatar.segments, "market_segment", avatar.weight_segment),
        (avatar.prefectures, "prefecture", avatar.weight_prefecture),
    ]
    expression = Value(0)
    for values, field, weight in terms:
        if values:
            expression = expression + _points(field, list(values), weight)
    return expression


def propose(company: Company, *, limit: int = 20) -> list[Proposal]:
    """Similar registry companies not in any portfolio of the organisation."""
    source = profile_of(company.registry or company)  # the registry's facts first
    avatar = Avatar.objects.filter(org=company.org_id).first()
    qs = RegistryEntry.objects.exclude(pk__in=taken_registry_ids(company.org_id))
    if company.registry_id:
        qs = qs.exclude(pk=company.registry_id)
    if source.sector33:
        qs = qs.filter(sector33=source.sector33)  # the niche: block by sector
    near = neighbouring_sizes(source.size_class)
    region = [p for p, r in REGION_OF.items() if r == REGION_OF.get(source.prefecture)]
    rank = (
        (_points("size_class", [source.size_class], 25) if source.size_class else Value(0))
        + _points("size_class", [s for s in near if s != source.size_class], 15)
        + (
            _points("market_segment", [source.market_segment], 10)
            if source.market_segment
            else Value(0)
        )
        + (_points("prefecture", [source.prefecture], 20) if source.prefecture else Value(0))
        + _points("prefecture", [p for p in region if p != source.prefecture], 10)
    )
    qs = qs.annotate(rank=Coalesce(rank, 0), fit_raw=avatar_sql(avatar))
    limit = max(1, min(limit, 100))
    ordering = ("-rank", "-fit_raw", "name_key", "pk")
    # Rank first the rows that can score (a near size or the same region): an
    # index range instead of the whole sector; top up from the rest if short.
    close = Q(size_class__in=near) | Q(prefecture__in=region) if (near or region) else Q()
    entries = list(qs.filter(close).order_by(*ordering)[:limit])
    if len(entries) < limit:
        entries += list(
            qs.exclude(pk__in=[e.pk for e in entries]).order_by(*ordering)[: limit - len(entries)]
        )
    out = []
    domain = avatar.as_domain(fields=()) if avatar else None  # registry: no own fields
    for entry in entries:
        fit = avatar_score(profile_of(entry), domain)[0] if domain else 0
        score, reasons = similarity(source, profile_of(entry), fit)
        out.append(Proposal(entry, score, reasons, fit))
    return sorted(out, key=lambda p: (-p.score, p.entry.name_key, p.entry.pk))


@transaction.atomic
def best_fits(org, *, limit: int = 50) -> list[tuple[RegistryEntry, int, list]]:
    """The registry companies that fit the avatar best, not yet in any portfolio."""
    avatar = Avatar.objects.filter(org=org).first()
    if avatar is None:
        return []
    domain = avatar.as_domain(fields=())  # registry companies have no own fields
    block = Q()
    for values, field in (
        (avatar.sectors, "sector33"),
        (avatar.size_classes, "size_class"),
        (avatar.segments, "market_segment"),
        (avatar.prefectures, "prefecture"),
    ):
        if values:
            block |= Q(**{f"{field}__in": values})
    if not block:
        return []
    qs = (
        RegistryEntry.objects.filter(block)
        .exclude(pk__in=taken_registry_ids(org))
        .annotate(fit_raw=avatar_sql(avatar))
        .order_by("-fit_raw", "name_key", "pk")
    )
    return [(e, *avatar_score(profile_of(e), domain)) for e in qs[:limit]]


def companies_by_fit(
    org, companies, *, limit: int = 20, fields=None
) -> list[tuple[Company, int, list]]:
    """The organisation's own companies (a queryset the user may see) that fit the
    avatar best, own fields included; scored in Python, which is fine for the tens
    of thousands of companies one organisation keeps."""
    avatar = Avatar.objects.filter(org=org).first()
    if avatar is None:
        return []
    domain = avatar.as_domain(fields)
    scored = [
        (c, *avatar_score(profile_of(c), domain)) for c in companies.select_related("registry")
    ]
    scored = [row for row in scored if row[1] > 0]
    scored.sort(key=lambda row: (-row[1], row[0].name_key, row[0].pk))
    return scored[:limit]
