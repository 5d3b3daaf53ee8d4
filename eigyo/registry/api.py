"""Registry endpoints: search, one entry, and name resolution."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from eigyo.accounts import access
from eigyo.core.api import Forbidden, FormInvalid, Pagination
from eigyo.registry.access import visible_registry
from eigyo.registry.filters import RegistryFilter
from eigyo.registry.schemas import RegistryEntryOut

router = Router(tags=["registry"])


@router.get("/registry", response=list[RegistryEntryOut])
@paginate(Pagination)
def search_registry(request: HttpRequest, filters: Query[RegistryFilter]):
    return filters.filter(visible_registry(request.user)).order_by("name_key", "pk")


@router.get("/registry/{int:entry_id}", response=RegistryEntryOut)
def get_registry_entry(request: HttpRequest, entry_id: int):
    return access.get_visible(visible_registry(request.user), pk=entry_id)


class ResolveIn(Schema):
    names: list[str]


class ResolvedOut(Schema):
    query: str
    corporate_number: str
    name: str
    registry: int | None
    score: float
    status: str


@router.post("/registry/resolve", response=list[ResolvedOut])
def resolve(request: HttpRequest, payload: ResolveIn):
    """Resolve up to 10,000 names to registry companies, in order (matched,
    ambiguous or none — it abstains rather than guess)."""
    if access.membership(request.user) is None:
        raise Forbidden
    if len(payload.names) > 10_000:
        raise FormInvalid.single("names", "at most 10,000 names a request")
    from eigyo.registry.resolving import resolve_names

    return [
        {
            "query": q,
            "corporate_number": e.corporate_number if e else "",
            "name": e.name if e else "",
            "registry": e.pk if e else None,
            "score": round(m.score, 1),
            "status": m.status,
        }
        for q, (m, e) in zip(payload.names, resolve_names(payload.names), strict=True)
    ]
