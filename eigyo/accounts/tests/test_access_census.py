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
