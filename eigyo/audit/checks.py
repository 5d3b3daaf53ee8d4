"""`eigyo check`: the keeping of the audit trail and of provision records follows the
law (TRUST.md): a record of third-party provision is kept 3 years (APPI rules, Art. 30),
1 year only where the contract document stands in for the record."""

from django.conf import settings
from django.core.checks import Warning

THREE_YEARS = 3 * 365
ONE_YEAR = 365


def retention(app_configs=None, **kwargs):
    found = []
    provision = settings.EIGYO_PROVISION_RETENTION_DAYS
    if provision < ONE_YEAR:
        found.append(
            Warning(
                f"EIGYO_PROVISION_RETENTION_DAYS is {provision}: provision records must be "
                "kept at least 1 year (3 years unless a contract stands in for them).",
                id="eigyo.W101",
            )
        )
    elif provision < THREE_YEARS:
        found.append(
            Warning(
                f"EIGYO_PROVISION_RETENTION_DAYS is {provision}: under 3 years is lawful "
                "only where the contract with the recipient stands in for the record.",
                hint="Set it to 1096 or more unless that is so.",
                id="eigyo.W102",
            )
        )
    if settings.EIGYO_AUDIT_RETENTION_DAYS < 1:
        found.append(Warning("EIGYO_AUDIT_RETENTION_DAYS must be at least 1 day.", id="eigyo.W103"))
    return found
