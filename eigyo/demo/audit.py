"""Demo KK's privacy records: a few data-subject requests (one due in days, one done,
one cessation of use), a list received from a third party with how it was obtained,
an export for a seminar organiser, and the admin's and a rep's reads of people — so
the audit pages, the inbox deadline and leak triage have something to show."""

from __future__ import annotations

import datetime as dt
import random

from eigyo.audit import requests as appi
from eigyo.audit.models import SubjectRequest
from eigyo.contacts.models import Person
from eigyo.core import actor
from eigyo.core.signals import personal_data_read, personal_data_received


def privacy(rng: random.Random, org, users: dict, today: dt.date) -> None:
    admin, rep = users["admin@demo.example"], users["rep1@demo.example"]
    people = list(Person.objects.filter(org=org).order_by("pk")[:400])
    rng.shuffle(people)
    asked, done, ceased, bought, exported, read = (
        people[0],
        people[1],
        people[2],
        people[3:15],
        people[15:20],
        people[20:60],
    )
    with actor.acting(admin, via="demo"):
        SubjectRequest.objects.bulk_create(
            [
                SubjectRequest(
                    org=org,
                    kind=SubjectRequest.Kind.DISCLOSURE,
                    person=asked,
                    requester=asked.display_name,
                    received_on=today - dt.timedelta(days=12),
                    identity_check=SubjectRequest.Identity.REGISTERED_EMAIL,
                    scope="保有個人データの全部と第三者提供記録",
                    due_on=appi.deadline(today - dt.timedelta(days=12)),
                    handled_by=admin,
                ),
                SubjectRequest(
                    org=org,
                    kind=SubjectRequest.Kind.DISCLOSURE,
                    person=done,
                    requester=done.display_name,
                    received_on=today - dt.timedelta(days=40),
                    identity_check=SubjectRequest.Identity.KNOWN_CONTACT,
                    scope="保有個人データの全部",
                    due_on=appi.deadline(today - dt.timedelta(days=40)),
                    status=SubjectRequest.Status.DONE,
                    outcome="開示した(電子メール、JSON と CSV)",
                    sent="開示書類一式(JSON・CSV・印刷用 PDF)",
                    closed_on=today - dt.timedelta(days=33),
                    handled_by=admin,
                ),
                SubjectRequest(
                    org=org,
                    kind=SubjectRequest.Kind.CESSATION,
                    person=ceased,
                    requester=ceased.display_name,
                    received_on=today - dt.timedelta(days=5),
                    identity_check=SubjectRequest.Identity.ID_DOCUMENT,
                    scope="ダイレクトメールへの利用",
                    due_on=appi.deadline(today - dt.timedelta(days=5)),
                    status=SubjectRequest.Status.DONE,
                    outcome="利用停止とした(記録は保持)",
                    closed_on=today - dt.timedelta(days=4),
                    handled_by=admin,
                ),
            ]
        )
        appi.set_use(ceased, ceased=True, by=admin)
        personal_data_received.send(
            Person,
            user=admin,
            model=Person,
            pks=[p.pk for p in bought],
            provider="株式会社展示会リスト",
            obtained="展示会の来場者登録(第三者提供への本人同意あり)",
            source="demo",
        )
        personal_data_read.send(
            Person,
            user=admin,
            model=Person,
            pks=[p.pk for p in exported],
            action="export",
            via="seminar.csv",
            items=["name", "company", "title", "email"],
            recipient={"name": "一般社団法人品質セミナー協会", "address": "東京都千代田区"},
            basis="本人の同意",
        )
    with actor.acting(rep, via="demo"):
        for p in read:
            personal_data_read.send(
                Person,
                user=rep,
                model=Person,
                pks=[p.pk],
                action="view",
                via=p.get_absolute_url(),
                items=["name", "email", "phone"],
            )
