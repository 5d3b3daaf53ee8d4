"""Sorting and filter parsing shared by the HTML lists and the API lists."""

from typing import Annotated

from django.db import connection
from django.db.models import Q, QuerySet
from ninja import FilterSchema
from pydantic import Field, ValidationError

# A database id: anything outside a 64-bit positive integer cannot exist.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


def apply_sort(queryset: QuerySet, sort: str | None, allowed: dict[str, str], default: str):
    """Order by a whitelisted key; "-key" sorts descending. Unknown keys fall back."""
    key = (sort or "").lstrip("-")
    field = allowed.get(key) or allowed[default]
    descending = bool(sort and sort.startswith("-") and key in allowed)
    return queryset.order_by(("-" if descending else "") + field, "-pk" if descending else "pk")


def filter_from_query(filter_class: type[FilterSchema], params) -> FilterSchema:
    """Build a FilterSchema from a query string, dropping values that fail validation
    (a hand-edited URL should show a list, not an error page)."""
    data = {k: v for k, v in params.items() if k in filter_class.model_fields and v != ""}
    try:
        return filter_class(**data)
    except ValidationError as exc:
        bad = {str(err["loc"][0]) for err in exc.errors() if err.get("loc")}
        return filter_class(**{k: v for k, v in data.items() if k not in bad})


def prefix(field: str, text: str) -> Q:
    """`field` starts with `text`, in a way an index serves: SQLite's LIKE cannot use
    one (it ignores case), so there the range [text, text + U+10FFFF) carries it and
    LIKE only re-checks; other databases get the plain LIKE 'text%'."""
    cond = Q(**{f"{field}__startswith": text})
    if connection.vendor == "sqlite":
        cond &= Q(**{f"{field}__gte": text, f"{field}__lt": text + "\U0010ffff"})
    return cond


def first_by_prefix(queryset: QuerySet, pairs, limit: int, order: str) -> tuple[list, bool]:
    """The first `limit` objects (in `order`) whose column starts with its prefix, for
    any of the (column, prefix) pairs; and whether there are more. One index range per
    pair — an OR of them would make the database scan the organisation's rows."""
    ids: set = set()
    for column, text in dict.fromkeys(pairs):  # the same pair once
        found = queryset.filter(prefix(column, text)).order_by(column)
        ids.update(found.values_list("pk", flat=True)[: limit + 1])
    objects = list(queryset.filter(pk__in=ids).order_by(order, "pk")[: limit + 1])
    return objects[:limit], len(objects) > limit
