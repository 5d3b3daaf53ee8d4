"""Company and registry endpoints (same access rules and forms as the UI)."""

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from eigyo.accounts import access
from eigyo.companies import own_fields, services
from eigyo.companies.filters import COMPANY_SORTS, CompanyFilter, RegistryFilter
from eigyo.companies.forms import CompanyForm
from eigyo.companies.schemas import CompanyIn, CompanyOut, RegistryEntryOut, RegistryLinkIn
from eigyo.core.api import Forbidden, FormInvalid, Pagination, merged
from eigyo.core.lists import apply_sort

router = Router(tags=["companies"])


@router.get("/companies", response=list[CompanyOut])
@paginate(Pagination)
def list_companies(request: HttpRequest, filters: Query[CompanyFilter], sort: str = "name"):
    qs = filters.filter(access.visible_companies(request.user))
    return apply_sort(qs, sort, COMPANY_SORTS, "name")


@router.get("/companies/{int:company_id}", response=CompanyOut)
def get_company(request: HttpRequest, company_id: int):
    return access.get_visible(access.visible_companies(request.user), pk=company_id)


@router.post("/companies", response={201: CompanyOut})
def create_company(request: HttpRequest, payload: CompanyIn):
    if not access.can_create_company(request.user):
        raise Forbidden
    raw = payload.dict()
    data = {k: ("" if v is None else v) for k, v in raw.items() if k != "custom"}
    data |= own_fields.api_data(raw.get("custom"), access.membership(request.user).org, {})
    return Status(201, own_fields.validated_api(CompanyForm(data, user=request.user)))


@router.patch("/companies/{int:company_id}", response=CompanyOut)
def update_company(request: HttpRequest, company_id: int, payload: CompanyIn):
    company = access.get_visible(access.visible_companies(request.user), pk=company_id)
    if not access.can_edit_company(request.user, company):
        raise Forbidden
    raw = payload.dict(exclude_unset=True)
    data = merged(company, CompanyForm, {k: v for k, v in raw.items() if k != "custom"})
    data |= own_fields.api_data(raw.get("custom"), company.org, company.custom)
    return own_fields.validated_api(CompanyForm(data, instance=company, user=request.user))


@router.delete("/companies/{int:company_id}", response={204: None})
def delete_company(request: HttpRequest, company_id: int):
    company = access.get_visible(access.visible_companies(request.user), pk=company_id)
    if access.role(request.user) not in {"admin", "manager"}:
        raise Forbidden
    company.delete()
    return Status(204, None)


@router.put("/companies/{int:company_id}/registry", response=CompanyOut)
def link_registry(request: HttpRequest, company_id: int, payload: RegistryLinkIn):
    company = access.get_visible(access.visible_companies(request.user), pk=company_id)
    if not access.can_edit_company(request.user, company):
        raise Forbidden
    entry = None
    if payload.registry is not None:
        entry = access.get_visible(access.visible_registry(request.user), pk=payload.registry)
    return services.link_to_registry(company, entry)


@router.get("/registry", response=list[RegistryEntryOut])
@paginate(Pagination)
def search_registry(request: HttpRequest, filters: Query[RegistryFilter]):
    return filters.filter(access.visible_registry(request.user)).order_by("name_key", "pk")


@router.get("/registry/{int:entry_id}", response=RegistryEntryOut)
def get_registry_entry(request: HttpRequest, entry_id: int):
    return access.get_visible(access.visible_registry(request.user), pk=entry_id)


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
    from eigyo.companies.resolving import resolve_names

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


class ProposalOut(Schema):
    registry: int
    name: str
    corporate_number: str
    score: int
    reasons: list[str]


class AdoptIn(Schema):
    registry: list[int]


@router.get("/companies/{int:company_id}/similar", response=list[ProposalOut])
def similar(request: HttpRequest, company_id: int, limit: int = 20):
    """The spider: similar registry companies no one in the organisation works yet."""
    from eigyo.companies import spider

    company = access.get_visible(access.visible_companies(request.user), pk=company_id)
    if not access.can_create_relationship(request.user):
        raise Forbidden
    return [
        {
            "registry": p.entry.pk,
            "name": p.entry.name,
            "corporate_number": p.entry.corporate_number,
            "score": p.score,
            "reasons": p.reasons,
        }
        for p in spider.propose(company, limit=min(max(limit, 1), 100))
    ]


@router.post("/companies/{int:company_id}/similar", response={201: list[int]})
def adopt_similar(request: HttpRequest, company_id: int, payload: AdoptIn):
    """Add chosen proposals as `new` relationships of the caller; returns their ids."""
    from eigyo.companies import spider
    from eigyo.core import clock

    company = access.get_visible(access.visible_companies(request.user), pk=company_id)
    if not access.can_create_relationship(request.user):
        raise Forbidden
    offered = {p.entry.pk: p.entry for p in spider.propose(company, limit=100)}
    unknown = [i for i in payload.registry if i not in offered]
    if unknown:
        raise FormInvalid.single("registry", f"not among the proposals: {unknown}")
    created = spider.adopt(
        access.membership(request.user).org,
        request.user,
        [offered[i] for i in payload.registry],
        on=clock.today(),
        by=request.user,
        reason=f"similar to {company}",
    )
    return Status(201, [r.pk for r in created])


class MergeIn(Schema):
    merge: int


@router.get("/companies/{int:company_id}/duplicates", response=list[CompanyOut])
def duplicates(request: HttpRequest, company_id: int):
    """The organisation's companies that look like this one (name, number, registry)."""
    from eigyo.companies.merging import duplicates_of

    visible = access.visible_companies(request.user)
    return list(duplicates_of(access.get_visible(visible, pk=company_id), visible))


@router.post("/companies/{int:company_id}/merge", response=CompanyOut)
def merge_company(request: HttpRequest, company_id: int, payload: MergeIn):
    """Merge company `merge` into this one (admin, manager)."""
    from eigyo.companies import merging

    visible = access.visible_companies(request.user)
    kept = access.get_visible(visible, pk=company_id)
    merged = access.get_visible(visible, pk=payload.merge)
    if access.role(request.user) not in {"admin", "manager"}:
        raise Forbidden
    if kept.pk == merged.pk:
        raise FormInvalid.single("merge", "a company cannot be merged into itself")
    merging.merge(kept, merged, by=request.user)
    kept.refresh_from_db()
    return kept
