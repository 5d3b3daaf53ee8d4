"""Sign-in, language, preferences and API tokens in the UI."""

import pytest
from django.test import Client
from django.urls import reverse

from eigyo.accounts.models import ApiToken
from eigyo.conftest import PASSWORD


@pytest.mark.django_db
def test_login_with_email_and_logout(actors):
    web = Client()
    response = web.post(
        reverse("accounts:login"), {"username": actors.rep2.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert web.get("/").status_code == 200
    wrong = Client().post(
        reverse("accounts:login"), {"username": actors.rep2.email, "password": "nope"}
    )
    assert wrong.status_code == 200 and "正しい" in wrong.content.decode()  # Japanese by default
    assert web.post(reverse("accounts:logout")).status_code == 302
    assert web.get("/").status_code == 302


@pytest.mark.django_db
def test_language_switch_is_remembered_per_user(actors, login):
    web = login(actors.rep2)
    assert "訪問を記録" in web.get("/").content.decode()
    web.post(reverse("accounts:language"), {"language": "en", "next": "/companies/"})
    actors.rep2.refresh_from_db()
    assert actors.rep2.language == "en"
    assert "Log a visit" in web.get("/").content.decode()
    evil = web.post(reverse("accounts:language"), {"language": "ja", "next": "//evil.example"})
    assert evil["Location"] == "/"


@pytest.mark.django_db
def test_tokens_are_created_shown_once_and_revoked(actors, login, client):
    web = login(actors.rep1)
    response = web.post(reverse("accounts:tokens"), {"name": "BI export"})
    secret = response.context["secret"]
    assert secret.startswith("eg_") and secret in response.content.decode()
    assert secret not in web.get(reverse("accounts:tokens")).content.decode()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/companies", headers=headers).status_code == 200
    token = ApiToken.objects.get(user=actors.rep1)
    assert token.key_hash != secret and secret not in token.key_hash  # only a hash is stored
    assert (
        login(actors.rep2).post(reverse("accounts:token_revoke", args=[token.pk])).status_code
        == 404
    )
    web.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert client.get("/api/companies", headers=headers).status_code == 401


@pytest.mark.django_db
def test_preferences_validate_kana(actors, login):
    web = login(actors.rep2)
    bad = web.post(
        reverse("accounts:preferences"),
        {"family_name": "高橋", "family_kana": "Takahashi", "language": "ja"},
    )
    assert bad.status_code == 422 and "family_kana" in bad.context["form"].errors
    ok = web.post(
        reverse("accounts:preferences"),
        {"family_name": "高橋", "given_name": "彩", "family_kana": "たかはし", "language": "ja"},
    )
    assert ok.status_code == 302
    actors.rep2.refresh_from_db()
    assert actors.rep2.family_kana == "タカハシ"


@pytest.mark.django_db
@pytest.mark.parametrize("language,placeholder", [("en", "token"), ("ja", "トークン")])
def test_the_token_help_shows_the_header_to_send(actors, login, language, placeholder):
    actors.rep1.language = language
    actors.rep1.save()
    html = login(actors.rep1).get(reverse("accounts:tokens")).content.decode()
    header = html.split('data-testid="auth-header">', 1)[1].split("</code>", 1)[0]
    assert header == f"Authorization: Bearer &lt;{placeholder}&gt;"  # text, not a tag
