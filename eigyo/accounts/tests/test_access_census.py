"""Every organisation-scoped model declares its visibility rule, and the registry
and the named rules behave as documented."""

import pytest
from django.apps import apps

from eigyo.accounts import access
from eigyo.core.models import OrgScoped


def org_scoped_models():
    return [m for m in apps.get_models() if issubclass(m, OrgScoped)]


def test_every_org_scoped_model_has_a_rule():
    declared = access.rules()
    models = org_scoped_models()
    assert len(models) >= 25  # the walk finds the models
    assert [m._meta.label for m in models if m not in declared] == []


@pytest.mark.django_db
def test_every_rule_keeps_to_the_users_organisation(book, actors):
    for model, rule in access.rules().items():
        for who in ("admin", "rep1", "partner_user", "marketing", "outsider"):
            user = getattr(actors, who)
            org = access.membership(user).org
            assert not rule(user).exclude(org=org).exists(), (model.__name__, who)
            assert rule(user).model is model


@pytest.mark.django_db
def test_a_child_follows_its_parent(book, actors):
    from eigyo.deals.models import Deal, Promise

    deal = book.deal  # rep1's: rep2 does not see it
    promise = Promise.objects.create(
        org=actors.org, deal=deal, owner=actors.rep1, what="見積書", due_on="2026-12-10"
    )
    assert access.visible(actors.rep1, Promise).filter(pk=promise.pk).exists()
    assert not access.visible(actors.rep2, Promise).filter(pk=promise.pk).exists()
    assert not access.visible(actors.rep2, Deal).filter(pk=deal.pk).exists()


def test_a_model_has_one_rule():
    from eigyo.companies.models import Company

    with pytest.raises(ValueError, match="already has a visibility rule"):
        access.rule(Company)(lambda user: Company.objects.none())


def test_an_undeclared_model_is_an_error():
    from eigyo.accounts.models import Team

    with pytest.raises(LookupError, match="Team has no visibility rule"):
        access.visible(None, Team)


@pytest.mark.django_db
def test_named_rules_in_templates(actors):
    rep, marketing = access.Can(actors.rep1), access.Can(actors.marketing)
    assert rep["see_deals"] and not marketing["see_deals"]
    assert rep["keep_portfolio"] and not access.Can(actors.partner_user)["keep_portfolio"]
    assert access.Can(actors.admin)["manage_portfolio_settings"]
    assert not rep["manage_portfolio_settings"]
    with pytest.raises(KeyError):
        rep["no_such_rule"]
    assert not access.Can(None)["see_deals"]  # anonymous: nothing


# Routes that take an id but are not about an organisation's record, with the test that
# covers them instead.
EXEMPT_PAGES = {
    "registry:detail": "reference data every member reads (registry/tests/test_registry)",
    "companies:registry_adopt": "a registry id, reference data (companies/tests/test_company_pages)",
    "accounts:token_revoke": "a user's own tokens (accounts/tests/test_account_pages)",
    "accounts:delete_view": "a user's own saved views (accounts/tests/test_saved_views)",
    "agenda:feed": "the token in the URL is the credential (agenda/tests/test_feed)",
    "accounts:end_member_sessions": "a member of the admin's own organisation, admins only "
    "(accounts/tests/test_sessions: another organisation's is 404, a manager 403)",
    "audit:request": "the admins' register of requests (audit/tests/test_appi)",
}
EXEMPT_API = {
    "/api/registry/{id}": "reference data every member reads (registry/tests/test_registry)",
}


def _pages():
    from django.urls import URLResolver, get_resolver

    def walk(resolver, prefix="", namespace=None):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, prefix + str(p.pattern), p.namespace or namespace)
            else:
                name = f"{namespace}:{p.name}" if namespace else p.name
                yield prefix + str(p.pattern), name

    return [(path, name) for path, name in walk(get_resolver()) if "<" in path]


def _api_operations():
    import re

    from eigyo.api import api

    found = []
    for _prefix, router in api._routers:
        for path, view in router.path_operations.items():
            if "{" not in path:
                continue
            normal = "/api" + re.sub(r"\{(?:int:)?(\w+)\}", r"{\1}", path)
            for operation in view.operations:
                found += [(method.lower(), normal) for method in operation.methods]
    return found


def _matrix():
    from eigyo.accounts.tests import test_access_matrix as m

    pages = {n for names in (*m.PAGES.values(), *m.POSTS.values()) for n in names}
    pages |= {
        n for names in (*m.SETTINGS_PAGES.values(), *m.SETTINGS_POSTS.values()) for n in names
    }
    reads = {u for urls in (*m.API.values(), *m.API_GATED.values()) for u in urls}
    writes = {(meth, u) for items in m.API_WRITES.values() for meth, u in items}
    writes |= {(meth, u) for items in m.SETTINGS_API_WRITES.values() for meth, u in items}
    return pages, reads, writes


def _template(path: str) -> str:
    """The matrix's spelling: the first id is {id}, a record under it {promise}/{milestone}."""
    import re

    parts = re.findall(r"\{(\w+)\}", path)
    out = path.replace("{" + parts[0] + "}", "{id}", 1)
    for name in parts[1:]:
        out = out.replace("{" + name + "}", "{milestone}" if "milestones" in out else "{promise}")
    return out


def test_every_page_that_takes_an_id_is_in_the_access_matrix():
    pages, _reads, _writes = _matrix()
    routes = _pages()
    assert len(routes) > 20  # the walk finds the routes
    missing = [
        f"{name} ({path})"
        for path, name in routes
        if not path.startswith(("admin/", "api/"))
        and name not in pages
        and name not in EXEMPT_PAGES
        and "<int:" in path
    ]
    assert missing == []


def test_every_api_operation_that_takes_an_id_is_in_the_access_matrix():
    _pages, reads, writes = _matrix()
    operations = _api_operations()
    assert len(operations) > 40
    missing = [
        f"{method.upper()} {path}"
        for method, path in operations
        if _template(path) not in EXEMPT_API
        and not (method == "get" and _template(path) in reads)
        and (method, _template(path)) not in writes
    ]
    assert missing == []
