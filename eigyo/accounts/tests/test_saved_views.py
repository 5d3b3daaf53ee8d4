"""Saved views: a list's filters under a name, the user's own or shared with the team."""

import pytest
from django.urls import reverse

from eigyo.accounts.models import SavedView


def save(web, name, query, shared=False, list_name="portfolio:list"):
    data = {"list_name": list_name, "name": name, "query": query}
    if shared:
        data["shared"] = "on"
    return web.post(reverse("accounts:save_view"), data)


@pytest.mark.django_db
def test_save_open_and_delete_a_view(book, actors, login):
    web = login(actors.rep1)
    response = save(web, "東京の有望", "tier=probable&q=東京&page=3")
    assert (
        response["Location"]
        == reverse("portfolio:list") + "?" + "tier=probable&q=%E6%9D%B1%E4%BA%AC"
    )
    view = SavedView.objects.get()
    assert (view.owner, view.query, view.shared) == (
        actors.rep1,
        "tier=probable&q=%E6%9D%B1%E4%BA%AC",
        False,
    )
    page = web.get(reverse("portfolio:list"), {"tier": "probable"}).content.decode()
    assert "東京の有望" in page and 'data-testid="saved-views"' in page
    save(web, "東京の有望", "tier=possible")  # the same name replaces it
    assert SavedView.objects.get().query == "tier=possible"
    assert web.post(reverse("accounts:delete_view", args=[view.pk])).status_code == 302
    assert not SavedView.objects.exists()


@pytest.mark.django_db
def test_shared_with_the_team_only(book, actors, login):
    save(login(actors.manager), "チームの見込み", "tier=probable", shared=True)
    save(login(actors.manager), "自分用", "tier=client")
    team_page = login(actors.rep1).get(reverse("portfolio:list")).content.decode()
    assert "チームの見込み" in team_page and "自分用" not in team_page  # rep1 is in her team
    other = login(actors.rep2).get(reverse("portfolio:list")).content.decode()  # no team
    assert "チームの見込み" not in other


@pytest.mark.django_db
def test_another_users_view_is_not_theirs_to_delete(book, actors, login):
    save(login(actors.manager), "チームの見込み", "tier=probable", shared=True)
    view = SavedView.objects.get()
    for who in (actors.rep1, actors.rep2, actors.outsider):  # rep1 sees it, may not delete it
        assert login(who).post(reverse("accounts:delete_view", args=[view.pk])).status_code == 404
    assert (
        login(actors.rep1).post(reverse("accounts:delete_view", args=[999999])).status_code == 404
    )
    assert SavedView.objects.exists()
    assert save(login(actors.rep1), "x", "", list_name="admin:index").status_code == 404
