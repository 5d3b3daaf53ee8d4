"""People as vCard 3.0 (one person, or any list): what an iPhone or Android phone
imports with the kana reading and the company."""

from __future__ import annotations

from collections.abc import Iterable

from eigyo.contacts.models import Person
from eigyo.transfer.domain import vcard


def people_vcard(people: Iterable[Person]) -> str:
    """The cards of `people` (a queryset the viewer may see; its companies are loaded
    with it)."""
    if hasattr(people, "select_related"):
        people = people.select_related("company").order_by("family_kana", "pk")
    return vcard.write(
        vcard.Contact(
            family=p.family_name,
            given=p.given_name,
            family_kana=p.family_kana,
            given_kana=p.given_kana,
            company=p.company.legal_name if p.company else "",
            company_kana=p.company.kana if p.company else "",
            department=p.department,
            title=p.title,
            email=p.email,
            phone=p.phone,
            mobile=p.mobile,
            note=p.notes,
        )
        for p in people
    )


def exportable(people):
    """People a list of vCards may hold: a person whose use was stopped (APPI 利用停止)
    is never exported; in reading order."""
    return people.in_use().order_by("family_kana", "pk")


def response(request, people, filename: str, *, action: str):
    """The cards as a download, the read told to the audit trail (who took whom)."""
    from django.http import HttpResponse

    from eigyo.core.signals import personal_data_read

    people = list(people.select_related("company"))
    personal_data_read.send(
        sender=Person,
        user=request.user,
        model=Person,
        pks=[p.pk for p in people],
        action=action,
        via=request.path,
    )
    answer = HttpResponse(people_vcard(people), content_type="text/vcard; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer
