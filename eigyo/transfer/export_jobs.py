"""Building an organisation's archive in the background: the database is the queue.

`request_archive` inserts a queued OrganisationExport; a worker (`eigyo export --jobs`,
once from cron or `--loop`) takes the oldest with `claim_next` — an UPDATE guarded by
`status='queued'`, so of two workers only the one whose update touched the row builds
it — and `build` writes the archive (to a temporary name, renamed when complete),
recording progress after each table. A claim older than `STALE_AFTER` (its worker
died) is released to the queue again.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction

from eigyo.accounts import access
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.core.signals import personal_data_read
from eigyo.prospecting.models import Lead
from eigyo.transfer import archive
from eigyo.transfer.models import OrganisationExport

log = logging.getLogger(__name__)
STALE_AFTER = dt.timedelta(minutes=30)
KEEP = 3  # archives kept per organisation: each holds everything, so not forever
Status = OrganisationExport.Status


def export_dir() -> Path:
    """Where archives are kept: EIGYO_EXPORT_DIR, default var/exports/."""
    path = Path(os.environ.get("EIGYO_EXPORT_DIR") or Path(settings.VAR_DIR) / "exports")
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_of(job: OrganisationExport) -> Path:
    return export_dir() / job.filename


def request_archive(*, by) -> OrganisationExport:
    """Queue an archive of the admin's organisation (one waiting or running at a time:
    asking again returns it)."""
    org = access.membership(by).org
    with transaction.atomic():
        pending = OrganisationExport.objects.filter(
            org=org, status__in=[Status.QUEUED, Status.RUNNING]
        ).first()
        job = pending or OrganisationExport.objects.create(
            org=org, requested_by=by, tables_total=len(archive.plan())
        )
        access.ensure_visible(by, job)
    return job


def claim_next(now: dt.datetime | None = None) -> OrganisationExport | None:
    """The oldest queued job, claimed for this worker; None when there is none."""
    now = now or clock.now()
    OrganisationExport.objects.filter(
        status=Status.RUNNING, claimed_at__lt=now - STALE_AFTER
    ).update(status=Status.QUEUED, claimed_at=None)
    queued = OrganisationExport.objects.filter(status=Status.QUEUED).order_by("created_at", "pk")
    for pk in queued.values_list("pk", flat=True)[:20]:
        claimed = OrganisationExport.objects.filter(pk=pk, status=Status.QUEUED).update(
            status=Status.RUNNING, claimed_at=now, tables_done=0, error=""
        )
        if claimed:
            return OrganisationExport.objects.select_related("org").get(pk=pk)
    return None


def build(job: OrganisationExport) -> OrganisationExport:
    """Write the claimed job's archive; the job ends done (with its file) or failed."""
    filename = f"{job.org.slug}-{job.pk}-{clock.now():%Y%m%d-%H%M%S}.zip"
    final = export_dir() / filename
    partial = final.with_suffix(".part")

    def progress(done, total, _label):
        OrganisationExport.objects.filter(pk=job.pk).update(tables_done=done, tables_total=total)

    try:
        with partial.open("wb") as out:
            manifest = archive.write_archive(job.org, out, progress)
        partial.replace(final)
    except Exception as exc:  # the job records any failure; the worker goes on
        log.exception("organisation export %s failed", job.pk)
        partial.unlink(missing_ok=True)
        OrganisationExport.objects.filter(pk=job.pk).update(
            status=Status.FAILED, error=str(exc)[:2000], finished_at=clock.now()
        )
    else:
        _tell_the_audit_trail(job)
        OrganisationExport.objects.filter(pk=job.pk).update(
            status=Status.DONE,
            filename=filename,
            rows=sum(t["rows"] for t in manifest["tables"]),
            size=final.stat().st_size,
            tables_done=len(manifest["tables"]),
            finished_at=clock.now(),
        )
        _prune(job.org)
    job.refresh_from_db()
    return job


def _prune(org) -> None:
    """Delete the files of all but the newest KEEP archives of the organisation (the
    rows stay, as the record of who took the organisation out and when)."""
    old = list(
        OrganisationExport.objects.filter(org=org, status=Status.DONE)
        .exclude(filename="")
        .order_by("-created_at", "-pk")[KEEP:]
    )
    for job in old:
        file_of(job).unlink(missing_ok=True)
    OrganisationExport.objects.filter(pk__in=[j.pk for j in old]).update(filename="")


def _tell_the_audit_trail(job: OrganisationExport) -> None:
    """The archive holds every person and lead of the organisation: personal data
    exported by the admin who asked for it."""
    for model in (Person, Lead):
        personal_data_read.send(
            sender=OrganisationExport,
            user=job.requested_by,
            model=model,
            pks=list(model.objects.filter(org=job.org).values_list("pk", flat=True)),
            action="export",
            via=f"organisation archive {job.pk}",
        )


def run_pending(limit: int = 0) -> int:
    """Build queued archives until none is left (or `limit` built); returns how many."""
    built = 0
    while not limit or built < limit:
        job = claim_next()
        if job is None:
            return built
        build(job)
        built += 1
    return built
