"""What a partner user (a third party) sees of our people is recorded as read — on the
people list, a company's, a deal's and a visit's page — and leaves out anyone whose
provision to third parties is stopped or whose use has ceased. Our own staff's list
views stay unrecorded (list pages as cheap as they were)."""

import pytest

from eigyo.audit.models import AuditEvent
from eigyo.contacts.models import Person
from eigyo.deals.models import Stakeholder


def views_of(user):
    return AuditEvent.objects.filter(action="view", actor=user)


def subjects(event):
    return set(event.subjects.values_list("person_id", flat=True))


@pytest.mark.django_db
def test_a_partner_users_views_are_recorded_and_keep_to_what_may_be_shared(book, actors, login):
    seen = book.partner_person
    stopped = Person.objects.create(
        org=actors.org,
        company=book.partner_company,
        family_name="提供停止",
        provision_stopped=True,
    )
    for p in (seen, stopped):
        Stakeholder.objects.create(org=actors.org, deal=book.partner_deal, person=p, role="user")
    book.partner_activity.people.add(seen, stopped)
    web = login(actors.partner_user)
    for url in (
        "/people/",
        book.partner_company.get_absolute_url(),
        book.partner_deal.get_absolute_url(),
        book.partner_activity.get_absolute_url(),
    ):
        views_before = views_of(actors.partner_user).count()
        page = web.get(url)
        assert page.status_code == 200, url
        assert seen.family_name in page.content.decode(), url
        assert "提供停止" not in page.content.decode(), url
        assert views_of(actors.partner_user).count() == views_before + 1, url
        event = views_of(actors.partner_user).order_by("seq").last()
        assert subjects(event) == {seen.pk} and event.via == url, url
    # Our own staff's list and company page: nothing recorded (their person pages are).
    staff = login(actors.rep1)
    staff.get("/people/")
    staff.get(book.partner_company.get_absolute_url())
    assert not views_of(actors.rep1).exists()
    assert "提供停止" in staff.get(book.partner_deal.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_deal_api_shows_a_partner_user_only_who_may_be_shared(book, actors, api):
    seen = book.partner_person
    stopped = Person.objects.create(
        org=actors.org, company=book.partner_company, family_name="停止", use_ceased=True
    )
    for p in (seen, stopped):
        Stakeholder.objects.create(org=actors.org, deal=book.partner_deal, person=p, role="user")
    url = f"/api/deals/{book.partner_deal.pk}/stakeholders"
    assert [s["person"] for s in api(actors.partner_user).get(url).json()] == [seen.pk]
    assert {s["person"] for s in api(actors.rep1).get(url).json()} == {seen.pk, stopped.pk}
