"""Writing, checking and pruning the hash chain of audit events.

Each organisation's events form one chain: event n stores the hash of event n-1
and its own hash over its fields (the payload by its digest, so erasing a person can
blank a payload and the chain still verifies). The chain's head row is locked while
an event is appended (SELECT … FOR UPDATE on PostgreSQL; SQLite's writers are
serialised already), so two writers never take the same number. Pruning deletes the
oldest events and moves the anchor (number and hash of the last pruned event), from
which the kept events still verify."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from eigyo.audit.models import AuditChain, AuditEvent, AuditSubject
from eigyo.core import clock, writes


def canonical(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def event_hash(e: AuditEvent, prev_hash: str) -> str:
    at = e.at.astimezone(dt.UTC).isoformat()
    parts = [
        prev_hash,
        str(e.org_id or ""),
        str(e.seq),
        at,
        str(e.actor_id or ""),
        e.actor_label,
        e.credential,
        e.via,
        e.ip or "",
        e.action,
        e.object_type,
        e.object_id,
        e.payload_digest,
    ]
    return digest("\x1f".join(parts))


def _head(org_id: int | None) -> AuditChain:
    chain = AuditChain.objects.select_for_update().filter(org_id=org_id).first()
    if chain is None:
        # Two first events of a new organisation at once: one creates the head, the
        # other waits on the unique index, fails here and takes the head after it.
        try:
            with transaction.atomic():
                AuditChain.objects.create(org_id=org_id)
        except IntegrityError:
            pass
        chain = AuditChain.objects.select_for_update().filter(org_id=org_id).first()
    return chain


def append(
    *,
    org_id: int | None,
    action: str,
    actor=None,
    actor_label: str = "",
    credential: str = "",
    via: str = "",
    ip: str | None = None,
    object_type: str = "",
    object_id: str = "",
    payload: dict | None = None,
    subjects=(),
) -> AuditEvent:
    """Append one event to its organisation's chain (in the caller's transaction)."""
    subjects = sorted({int(s) for s in subjects if s is not None})
    body = dict(payload or {})
    if subjects:
        body["subjects"] = subjects
    text = canonical(body)
    with transaction.atomic(savepoint=False):
        chain = _head(org_id)
        event = AuditEvent(
            org_id=org_id,
            seq=chain.seq + 1,
            at=clock.now(),
            actor=actor,
            actor_label=(actor_label or (actor.email if actor else ""))[:254],
            credential=credential[:40],
            via=via[:200],
            ip=ip,
            action=action,
            object_type=object_type[:60],
            object_id=str(object_id)[:40],
            payload=text,
            payload_digest=digest(text),
            prev_hash=chain.head,
        )
        event.hash = event_hash(event, chain.head)
        event.save()
        AuditChain.objects.filter(pk=chain.pk).update(seq=event.seq, head=event.hash)
        writes.insert_values(
            AuditSubject,
            ["org", "event", "person_id"],
            [(org_id, event.pk, p) for p in subjects],
            report=False,
        )
    return event


def append_many(*, org_id: int | None, events: list[dict], **context) -> list[AuditEvent]:
    """Append several events at once (a bulk write's batches): the head is taken
    once, the hashes chained in memory and the rows inserted in bulk. Each item of
    `events` holds action, object_type, payload and optionally subjects, first_id,
    last_id; `context` (actor, actor_label, credential, via, ip) is shared."""
    if not events:
        return []
    actor = context.get("actor")
    label = (context.get("actor_label") or (actor.email if actor else ""))[:254]
    at = clock.now()
    made, subject_rows = [], []
    with transaction.atomic(savepoint=False):
        chain = _head(org_id)
        seq, prev = chain.seq, chain.head
        for item in events:
            subjects = sorted({int(s) for s in item.get("subjects", ()) if s is not None})
            body = dict(item.get("payload") or {})
            if subjects:
                body["subjects"] = subjects
            text = canonical(body)
            seq += 1
            event = AuditEvent(
                org_id=org_id,
                seq=seq,
                at=at,
                actor=actor,
                actor_label=label,
                credential=context.get("credential", "")[:40],
                via=context.get("via", "")[:200],
                ip=context.get("ip"),
                action=item["action"],
                object_type=item.get("object_type", "")[:60],
                object_id=str(item.get("object_id", ""))[:40],
                payload=text,
                payload_digest=digest(text),
                prev_hash=prev,
                first_id=item.get("first_id"),
                last_id=item.get("last_id"),
            )
            event.hash = prev = event_hash(event, prev)
            made.append((event, subjects))
        events_made = writes.insert(AuditEvent, [e for e, _s in made], report=False)
        AuditChain.objects.filter(pk=chain.pk).update(seq=seq, head=prev)
        for event, subjects in made:
            subject_rows.extend((org_id, event.pk, p) for p in subjects)
        writes.insert_values(
            AuditSubject, ["org", "event", "person_id"], subject_rows, report=False
        )
    return events_made


@dataclass
class Verdict:
    """What `verify` found for one chain."""

    org_id: int | None
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(org_id: int | None, *, batch: int = 2000) -> Verdict:
    """Walk the chain from its anchor: numbers without gaps, each event's stored
    previous hash equal to the one before, each hash and payload digest recomputed;
    the head must be the last event (a removed tail shows here). A redacted payload
    is accepted only when an erasure event names it."""
    verdict = Verdict(org_id)
    chain = AuditChain.objects.filter(org_id=org_id).first()
    if chain is None:
        if AuditEvent.objects.filter(org_id=org_id).exists():
            verdict.problems.append("events without a chain head")
        return verdict
    erased = _erased_event_ids(org_id)
    expected_seq, prev = chain.anchor_seq + 1, chain.anchor_hash
    last = chain.anchor_seq
    qs = AuditEvent.objects.filter(org_id=org_id).order_by("seq")
    start = 0
    while True:
        rows = list(qs.filter(seq__gt=start)[:batch])
        if not rows:
            break
        for e in rows:
            if e.seq < expected_seq:
                verdict.problems.append(f"#{e.seq}: before the anchor (#{chain.anchor_seq})")
                continue
            if e.seq != expected_seq:
                verdict.problems.append(f"#{expected_seq}–#{e.seq - 1}: missing")
            if e.prev_hash != prev:
                verdict.problems.append(f"#{e.seq}: does not follow the event before it")
            if event_hash(e, e.prev_hash) != e.hash:
                verdict.problems.append(f"#{e.seq}: changed after it was written")
            if e.redacted:
                if e.pk not in erased:
                    verdict.problems.append(f"#{e.seq}: blanked without an erasure")
            elif digest(e.payload) != e.payload_digest:
                verdict.problems.append(f"#{e.seq}: details changed after they were written")
            elif e.first_id is not None and _id_range(e) != (e.first_id, e.last_id):
                verdict.problems.append(f"#{e.seq}: its range of rows was changed")
            prev, expected_seq, last = e.hash, e.seq + 1, e.seq
            verdict.checked += 1
        start = rows[-1].seq
    if last != chain.seq or prev != chain.head:
        verdict.problems.append(f"#{last + 1}–#{chain.seq}: missing at the end")
    return verdict


def _id_range(e: AuditEvent) -> tuple[int, int] | None:
    ids = [row[0] for row in e.data.get("rows", [])] or e.data.get("ids", [])
    return (min(ids), max(ids)) if ids else None


def _erased_event_ids(org_id) -> set[int]:
    ids: set[int] = set()
    for e in AuditEvent.objects.filter(org_id=org_id, action=AuditEvent.Action.ERASURE):
        ids.update(e.data.get("redacted_events", []))
    return ids


def chains() -> list[int | None]:
    return list(AuditChain.objects.order_by("org_id").values_list("org_id", flat=True))


@transaction.atomic
def prune(org_id: int | None, before: dt.datetime) -> int:
    """Delete the chain's events older than `before`, moving the anchor to the last
    one deleted so the kept events still verify; records the pruning as an event.
    Erasure events are kept (they vouch for redacted payloads)."""
    chain = _head(org_id)
    old = AuditEvent.objects.filter(org_id=org_id, at__lt=before).order_by("-seq")
    # Only a prefix of the chain can go: up to the last old event before any kept one.
    first_kept = AuditEvent.objects.filter(org_id=org_id, at__gte=before).order_by("seq").first()
    if first_kept is not None:
        old = old.filter(seq__lt=first_kept.seq)
    last = old.first()
    if last is None:
        return 0
    doomed = AuditEvent.objects.filter(org_id=org_id, seq__lte=last.seq).exclude(
        action=AuditEvent.Action.ERASURE
    )
    erasures = list(
        AuditEvent.objects.filter(
            org_id=org_id, seq__lte=last.seq, action=AuditEvent.Action.ERASURE
        ).values_list("seq", flat=True)
    )
    if erasures:
        # An erasure must stay; the anchor can move only up to the event before it.
        cut = min(erasures) - 1
        doomed = doomed.filter(seq__lte=cut)
        last = AuditEvent.objects.filter(org_id=org_id, seq=cut).first()
        if last is None:
            return 0
    count = doomed.count()
    AuditSubject.objects.filter(event__in=doomed.values("pk")).delete()
    doomed._raw_delete(doomed.db)  # bypasses the model's refusal: pruning is the one exception
    AuditChain.objects.filter(pk=chain.pk).update(anchor_seq=last.seq, anchor_hash=last.hash)
    append(
        org_id=org_id,
        action=AuditEvent.Action.PRUNE,
        payload={"deleted": count, "anchor": last.seq, "before": before.isoformat()},
    )
    return count
