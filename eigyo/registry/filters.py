"""Name search over the normalised columns, and the registry's one filter
definition (page and API)."""

from django.db.models import Q
from ninja import FilterSchema

from eigyo.core.lists import prefix
from eigyo.lib import jp_text


def name_search(q: str | None, *, prefix_only: bool = False, path: str = "") -> Q:
    """Match a typed name, kana reading or romaji against the normalised columns
    (of the company reached through `path`, e.g. "company__")."""
    if not q or not q.strip():
        return Q()
    cond = Q()
    for variant in jp_text.search_variants(q):
        key = jp_text.company_name_key(variant)
        if not key:
            continue
        if prefix_only:
            cond |= prefix(path + "name_key", key)
        else:
            cond |= Q(**{path + "name_key__contains": key})
        for column in ("name_en_key", "kana_key", "romaji"):
            cond |= prefix(f"{path}{column}", key)
    return cond if cond else Q(pk__in=[])


class RegistryFilter(FilterSchema):
    q: str | None = None
    sector33: str | None = None
    listed: bool | None = None

    def filter_q(self, value):
        return name_search(value, prefix_only=True)

    def filter_listed(self, value):
        return Q() if value is None else Q(is_listed=value)
