"""Company endpoints (same access rules and forms as the UI)."""

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from eigyo.accounts import access
from eigyo.companies import own_fields, services
from eigyo.companies.access import (
    can_create_company,
    can_delete_company,
    can_edit_company,
    can_merge_companies,
    visible_companies,
)
from eigyo.companies.filters import COMPANY_SORTS, CompanyFilter
from eigyo.companies.forms import CompanyForm
from eigyo.companies.schemas import CompanyIn, CompanyOut, RegistryLinkIn
from eigyo.core.api import Forbidden, FormInvalid, Pagination, merged
from eigyo.core.lists import apply_sort
from eigyo.registry.access import visible_registry

router = Router(tags=["companies"])


@router.get("/companies", response=list[CompanyOut])
@paginate(Pagination)
def list_companies(request: HttpRequest, filters: Query[CompanyFilter], sort: str = "name"):
    qs = filters.filter(visible_companies(request.user))
    return apply_sort(qs, sort, COMPANY_SORTS, "name")


@router.get("/companies/{int:company_id}", response=CompanyOut)
def get_company(request: HttpRequest, company_id: int):
    return access.get_visible(visible_companies(request.user), pk=company_id)


@router.post("/companies", response={201: CompanyOut})
def create_company(request: HttpRequest, payload: CompanyIn):
    if not can_create_company(request.user):
        raise Forbidden
    raw = payload.dict()
    data = {k: ("" if v is None else v) for k, v in raw.items() if k != "custom"}
    data |= own_fields.api_data(raw.get("custom"), access.membership(request.user).org, {})
    form = own_fields.valid_api(CompanyForm(data, user=request.user))
    return Status(201, services.save_company(form, by=request.user))


@router.patch("/companies/{int:company_id}", response=CompanyOut)
def update_company(request: HttpRequest, company_id: int, payload: CompanyIn):
    company = access.get_visible(visible_companies(request.user), pk=company_id)
    if not can_edit_company(request.user, company):
        raise Forbidden
    raw = payload.dict(exclude_unset=True)
    data = merged(company, CompanyForm, {k: v for k, v in raw.items() if k != "custom"})
    data |= own_fields.api_data(raw.get("custom"), company.org, company.custom)
    form = own_fields.valid_api(CompanyForm(data, instance=company, user=request.user))
    return services.save_company(form, by=request.user)


@router.delete("/companies/{int:company_id}", response={204: None})
def delete_company(request: HttpRequest, company_id: int):
    company = access.get_visible(visible_companies(request.user), pk=company_id)
    if not can_delete_company(request.user):
        raise Forbidden
    services.delete_company(company, by=request.user)
    return Status(204, None)


@router.put("/companies/{int:company_id}/registry", response=CompanyOut)
def link_registry(request: HttpRequest, company_id: int, payload: RegistryLinkIn):
    company = access.get_visible(visible_companies(request.user), pk=company_id)
    if not can_edit_company(request.user, company):
        raise Forbidden
    entry = None
    if payload.registry is not None:
        entry = access.get_visible(visible_registry(request.user), pk=payload.registry)
    return services.link_company(company, entry, by=request.user)


class MergeIn(Schema):
    merge: int


@router.get("/companies/{int:company_id}/duplicates", response=list[CompanyOut])
def duplicates(request: HttpRequest, company_id: int):
    """The organisation's companies that look like this one (name, number, registry)."""
    from eigyo.companies.merging import duplicates_of

    visible = visible_companies(request.user)
    return list(duplicates_of(access.get_visible(visible, pk=company_id), visible))


@router.post("/companies/{int:company_id}/merge", response=CompanyOut)
def merge_company(request: HttpRequest, company_id: int, payload: MergeIn):
    """Merge company `merge` into this one (admin, manager)."""
    visible = visible_companies(request.user)
    kept = access.get_visible(visible, pk=company_id)
    if not can_merge_companies(request.user):
        raise Forbidden  # the right comes before the second id: nothing to learn from it
    merged = access.get_visible(visible, pk=payload.merge)
    if kept.pk == merged.pk:
        raise FormInvalid.single("merge", "a company cannot be merged into itself")
    services.merge_companies(kept, merged, by=request.user)
    kept.refresh_from_db()
    return kept
