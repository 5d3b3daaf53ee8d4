"""Data in and out: the record of each uploaded list."""

import zlib

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped


class CompanyImport(OrgScoped):
    """An uploaded list: kept between the preview and the import, and afterwards as
    the record of what was imported, into what (`target`: companies, people, leads),
    by whom. The file's content is kept only until the import is committed or
    abandoned, and then for TRANSFER_KEEP_UPLOAD_DAYS more (`eigyo forget_uploads`);
    the record stays. (It kept its first name and table from when only companies
    came in.)"""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("checked, not imported")
        DONE = "done", _("imported")
        ABANDONED = "abandoned", _("abandoned")

    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    target = models.CharField(_("imported into"), max_length=20, default="companies")
    filename = models.CharField(_("file"), max_length=200)
    # The list as CSV text, compressed (see `content`).
    upload = models.BinaryField(default=b"", editable=False)
    mapping = models.JSONField(_("columns"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    created = models.PositiveIntegerField(_("companies created"), default=0)
    skipped = models.PositiveIntegerField(_("duplicates skipped"), default=0)
    merged = models.PositiveIntegerField(_("duplicates merged"), default=0)
    # What the target was asked besides the mapping (people: skip or merge duplicates).
    options = models.JSONField(_("options"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    forgotten_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)

    class Meta:
        db_table = "companies_companyimport"  # the table kept its name when the app split
        verbose_name = _("company import")
        verbose_name_plural = _("company imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("transfer:import_detail", args=[self.pk])

    @property
    def content(self) -> str:
        """The uploaded list as CSV text ("" once forgotten). Kept compressed: the
        30 MB of text of a 100,000-row list is 6 MB stored, and saving or loading the
        record no longer copies the whole text through the database driver."""
        return unpacked(self.upload)

    @content.setter
    def content(self, text: str) -> None:
        self.upload = packed(text)


def packed(text: str) -> bytes:
    """Text compressed as CompanyImport keeps it (zlib of the UTF-8), a megabyte of
    text at a time so that the whole text is never held encoded as well."""
    if not text:
        return b""
    packer, out = zlib.compressobj(1), []
    for start in range(0, len(text), 1 << 20):
        out.append(
            packer.compress(text[start : start + (1 << 20)].encode("utf-8", "surrogatepass"))
        )
    out.append(packer.flush())
    return b"".join(out)


def unpacked(data) -> str:
    """The text `packed` kept."""
    return zlib.decompress(data).decode("utf-8", "surrogatepass") if data else ""


class ImportCheck(models.Model):
    """The checked outcome of an uploaded list's preview (pipeline.keep: each row's
    checked values and whether it is created, merged or skipped, compressed), so that
    the import starts from it and checks again only against what changed since,
    instead of checking every row a second time. Working data: deleted when the list
    is imported, abandoned or forgotten, and never exported."""

    batch = models.OneToOneField(
        CompanyImport, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    outcome = models.BinaryField()

    def __str__(self) -> str:
        return str(self.batch)


class OrganisationExport(OrgScoped):
    """A request for the whole organisation's archive (transfer.archive), built in the
    background: the database is the queue. The page inserts a queued row; a worker
    (`eigyo export --jobs`, once or --loop) claims it with a guarded UPDATE, writes the
    archive under var/exports/ reporting progress per table, and marks it done (or
    failed, with the reason). Only admins ask for, see and download them."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being built")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    tables_done = models.PositiveIntegerField(default=0)
    tables_total = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation export")
        verbose_name_plural = _("organisation exports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.org} {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("orgexport:detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.tables_done / self.tables_total) if self.tables_total else 0
