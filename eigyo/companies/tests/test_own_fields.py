"""The organisation's own company fields: definition, values, API; deleting one drops
its avatar criterion (the avatar's own tests are in prospecting/tests/)."""

import pytest
from django.urls import reverse

from eigyo.companies.models import Company, CompanyField
from eigyo.conftest import company
from eigyo.prospecting.models import Avatar


@pytest.mark.django_db
def test_the_admin_defines_a_field_and_only_the_admin(actors, login):
    web = login(actors.admin)
    page = web.get(reverse("companies:fields"))
    assert page.status_code == 200
    response = web.post(
        reverse("companies:fields"),
        {
            "label": "販売チャネル",
            "key": "channel",
            "kind": "choice",
            "choices_text": "直販\n代理店\n直販\n\n",
            "position": 0,
        },
    )
    assert response.status_code == 302
    field = CompanyField.objects.get(org=actors.org, key="channel")
    assert field.choices == ["直販", "代理店"]  # blank lines and repeats dropped
    for user in (actors.manager, actors.rep1, actors.partner_user, actors.marketing):
        assert login(user).get(reverse("companies:fields")).status_code == 403
    # Another organisation's admin does not see it: 404, as for a missing one.
    outsider = login(actors.outsider)
    assert outsider.get(reverse("companies:field_edit", args=[field.pk])).status_code == 404
    assert outsider.post(reverse("companies:field_delete", args=[field.pk])).status_code == 404
    assert CompanyField.objects.filter(pk=field.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"label": "x", "key": "Bad Key", "kind": "text"}, "key", "a–z, 0–9"),
        ({"label": "x", "key": "9lives", "kind": "text"}, "key", "a–z, 0–9"),
        ({"label": "x", "key": "plants__min", "kind": "text"}, "key", "a–z, 0–9"),
        (
            {"label": "x", "key": "channel", "kind": "choice", "choices_text": ""},
            "choices_text",
            "選択肢を1つ以上",
        ),
        ({"label": "　", "key": "ok", "kind": "text"}, "label", "必須"),
    ],
)
def test_a_bad_field_definition_is_refused_and_changes_nothing(actors, login, data, field, message):
    response = login(actors.admin).post(reverse("companies:fields"), {"position": 0, **data})
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert not CompanyField.objects.filter(org=actors.org).exists()


@pytest.mark.django_db
def test_key_and_kind_stay_fixed_and_keys_are_unique(actors, login, fields):
    web = login(actors.admin)
    response = web.post(
        reverse("companies:field_edit", args=[fields["plants"].pk]),
        {"label": "国内工場数", "key": "renamed", "kind": "text", "position": 5},
    )
    assert response.status_code == 302
    fields["plants"].refresh_from_db()
    assert (fields["plants"].key, fields["plants"].kind, fields["plants"].label) == (
        "plants",
        "number",
        "国内工場数",
    )
    again = web.post(
        reverse("companies:fields"),
        {"label": "重複", "key": "plants", "kind": "text", "position": 0},
    )
    assert again.status_code == 422
    assert again.context["form"].errors.as_data()["key"][0].code == "duplicate"


@pytest.mark.django_db
def test_values_are_edited_with_the_company_and_shown(actors, login, fields):
    web = login(actors.rep1)
    response = web.post(
        reverse("companies:create"),
        {
            "legal_name": "中部精機株式会社",
            "own_uses_rival": "yes",
            "own_plants": "3",
            "own_channel": "代理店",
            "own_buyer_memo": " 見積は３社 ",
        },
    )
    assert response.status_code == 302
    saved = Company.objects.get(org=actors.org, legal_name="中部精機株式会社")
    assert saved.custom == {
        "uses_rival": True,
        "plants": 3,
        "channel": "代理店",
        "buyer_memo": "見積は3社",
    }
    page = web.get(saved.get_absolute_url())
    assert [str(v) for v in page.context["own_values"]] == [
        "('競合製品を使用', 'yes')",
        "('工場数', '3')",
        "('販売チャネル', '代理店')",
        "('購買メモ', '見積は3社')",
    ]
    # Clearing a value in the form removes it; the edit form shows the current values.
    edit = web.get(reverse("companies:edit", args=[saved.pk]))
    assert edit.context["form"]["own_uses_rival"].value() == "yes"
    web.post(
        reverse("companies:edit", args=[saved.pk]),
        {
            "legal_name": "中部精機株式会社",
            "own_uses_rival": "no",
            "own_plants": "",
            "own_channel": "代理店",
        },
    )
    saved.refresh_from_db()
    assert saved.custom == {"uses_rival": False, "channel": "代理店"}


@pytest.mark.django_db
def test_bad_values_are_refused_in_the_form(actors, login, fields):
    response = login(actors.rep1).post(
        reverse("companies:create"),
        {"legal_name": "中部精機株式会社", "own_plants": "three", "own_channel": "通販"},
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"own_plants", "own_channel"}
    assert not Company.objects.filter(org=actors.org).exists()


@pytest.mark.django_db
def test_values_through_the_api_by_key(actors, api, fields):
    client = api(actors.rep1)
    created = client.post(
        "/api/companies",
        {"legal_name": "中部精機株式会社", "custom": {"uses_rival": True, "plants": 12}},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["custom"] == {"uses_rival": True, "plants": 12}
    # PATCH changes what it names and keeps the rest; null clears one value.
    patched = client.patch(
        f"/api/companies/{body['id']}",
        {"custom": {"channel": "直販", "plants": None}},
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert patched.json()["custom"] == {"uses_rival": True, "channel": "直販"}
    patched = client.patch(
        f"/api/companies/{body['id']}", {"short_name": "中部精機"}, content_type="application/json"
    )
    assert patched.json()["custom"] == {"uses_rival": True, "channel": "直販"}
    for bad, field in (
        ({"nope": 1}, "custom"),
        ({"plants": "many"}, "custom.plants"),
        ({"channel": "通販"}, "custom.channel"),
        ({"uses_rival": "maybe"}, "custom.uses_rival"),
    ):
        response = client.patch(
            f"/api/companies/{body['id']}", {"custom": bad}, content_type="application/json"
        )
        assert response.status_code == 422, bad
        assert field in [e["field"] for e in response.json()["errors"]]
    assert Company.objects.get(pk=body["id"]).custom == {"uses_rival": True, "channel": "直販"}


@pytest.mark.django_db
def test_field_definitions_through_the_api(actors, api, fields):
    admin = api(actors.admin)
    listed = api(actors.rep1).get("/api/company-fields").json()
    assert [f["key"] for f in listed] == ["uses_rival", "plants", "channel", "buyer_memo"]
    created = admin.post(
        "/api/company-fields",
        {"key": "segment_size", "label": "規模感", "kind": "choice", "choices": ["大", "中"]},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["choices"] == ["大", "中"]
    assert (
        api(actors.rep1)
        .post("/api/company-fields", {"key": "x", "label": "x"}, content_type="application/json")
        .status_code
        == 403
    )
    changed = admin.patch(
        f"/api/company-fields/{fields['plants'].pk}",
        {"kind": "text"},
        content_type="application/json",
    )
    assert changed.status_code == 422
    other = api(actors.outsider)
    assert (
        other.patch(
            f"/api/company-fields/{fields['plants'].pk}",
            {"label": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert other.get("/api/company-fields").json() == []


@pytest.mark.django_db
def test_deleting_a_field_removes_its_values_and_criterion(actors, login, fields):
    kept = company(actors, custom={"plants": 4, "channel": "直販"})
    Avatar.objects.create(org=actors.org, custom_criteria={"plants": {"min": 3, "weight": 10}})
    response = login(actors.admin).post(
        reverse("companies:field_delete", args=[fields["plants"].pk])
    )
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.custom == {"channel": "直販"}
    assert Avatar.objects.get(org=actors.org).custom_criteria == {}
