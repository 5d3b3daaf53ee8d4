"""API shapes of the audit trail and the APPI records."""

import datetime as dt

from ninja import ModelSchema, Schema

from eigyo.audit.models import ProvisionRecord, SubjectRequest


class EventOut(Schema):
    id: int
    seq: int
    at: dt.datetime
    actor: int | None
    actor_label: str
    credential: str
    action: str
    object_type: str
    object_id: str
    details: dict
    redacted: bool

    @staticmethod
    def resolve_actor(obj):
        return obj.actor_id

    @staticmethod
    def resolve_details(obj):
        return obj.data


class RequestOut(ModelSchema):
    class Meta:
        model = SubjectRequest
        fields = [
            "id",
            "kind",
            "person",
            "requester",
            "received_on",
            "identity_check",
            "scope",
            "due_on",
            "status",
            "outcome",
            "sent",
            "closed_on",
        ]


class RequestIn(Schema):
    kind: str
    requester: str
    person: int | None = None
    received_on: dt.date
    identity_check: str | None = ""
    scope: str | None = ""
    due_on: dt.date | None = None
    outcome: str | None = ""
    sent: str | None = ""


class ProvisionOut(ModelSchema):
    class Meta:
        model = ProvisionRecord
        fields = [
            "id",
            "direction",
            "source",
            "occurred_at",
            "person",
            "person_label",
            "partner",
            "counterparty",
            "items",
            "basis",
            "obtained",
            "reference",
            "keep_until",
        ]


class TriagePerson(Schema):
    id: int
    name: str
    times: int
    items: list[str]
    first: dt.datetime | None
    last: dt.datetime | None


class TriageOut(Schema):
    people: int
    reads: int
    items: list[str]
    persons: list[TriagePerson]
