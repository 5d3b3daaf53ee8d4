"""A company and its registry entity: adopting a registry company links it without
a duplicate, a company typed in is linked automatically, and looking companies up by
corporate number uses an index."""

import pytest

from eigyo.companies.models import Company
from eigyo.companies.services import company_from_registry
from eigyo.registry import loaders
from eigyo.registry.models import RegistryEntry


@pytest.mark.django_db
def test_adopting_a_registry_company_links_and_does_not_duplicate(actors):
    loaders.load_edinet(
        [
            {
                "edinet_code": "E02144",
                "name": "トヨタ自動車株式会社",
                "corporate_number": "1180301018771",
                "industry": "輸送用機器",
            }
        ]
    )
    entry = RegistryEntry.objects.get()
    company, created = company_from_registry(actors.org, entry)
    assert created and company.registry == entry and company.sector33 == "3700"
    again, created_again = company_from_registry(actors.org, entry)
    assert (again.pk, created_again) == (company.pk, False)
    assert Company.objects.filter(org=actors.org).count() == 1


def test_a_typed_company_is_linked_to_its_registry_entity(loaded, actors, api):
    created = (
        api(actors.rep1)
        .post("/api/companies", {"legal_name": "ソニーグループ㈱"}, content_type="application/json")
        .json()
    )
    company = Company.objects.get(pk=created["id"])
    assert company.registry.edinet_code == "E01777"
    assert company.corporate_number == "5010401067252"
    assert company.legal_name == "ソニーグループ株式会社"  # the registry's legal name
    # The same company typed again is not created a second time, silently or not:
    # the answer names the existing one (issue 12; it used to be saved, unlinked).
    again = api(actors.rep1).post(
        "/api/companies", {"legal_name": "ソニーグループ 株式会社"}, content_type="application/json"
    )
    assert again.status_code == 409
    assert "ソニーグループ" in again.json()["errors"][0]["message"]
    assert Company.objects.filter(org=actors.org).count() == 1
    # An admin may add it knowingly, with the reason kept; it stays unlinked.
    knowingly = api(actors.admin).post(
        "/api/companies",
        {
            "legal_name": "ソニーグループ 株式会社",
            "create_anyway": True,
            "duplicate_reason": "別部門として管理",
        },
        content_type="application/json",
    )
    assert knowingly.status_code == 201, knowingly.content
    twin = Company.objects.get(pk=knowingly.json()["id"])
    assert twin.registry is None and "別部門として管理" in twin.notes
    # An unknown name stays unlinked.
    other = (
        api(actors.rep1)
        .post("/api/companies", {"legal_name": "株式会社まだない"}, content_type="application/json")
        .json()
    )
    assert Company.objects.get(pk=other["id"]).registry is None


@pytest.mark.django_db
def test_lookups_by_number_use_an_index_not_a_scan():
    """A 5-million-row load looks 5,000 numbers up per batch: a full scan each time
    made it quadratic (SQLite ignores the partial unique indexes for these)."""
    from django.db import connection

    from eigyo.companies.models import Company

    if connection.vendor != "sqlite":
        pytest.skip("the planner of a tiny PostgreSQL table prefers a scan anyway")
    plans = [
        RegistryEntry.objects.filter(corporate_number__in=["1180301018771", "5010401067252"]),
        RegistryEntry.objects.filter(edinet_code__in=["E02144"]),
        Company.objects.filter(org=1, corporate_number="1180301018771"),
    ]
    for queryset in plans:
        plan = queryset.explain()
        assert "SEARCH" in plan and "SCAN" not in plan, plan
