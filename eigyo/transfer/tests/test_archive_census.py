"""Census: every installed table is either in the organisation archive or excluded
with a reason — a new table that is neither fails here until someone decides."""

from django.apps import apps

from eigyo.transfer import archive


def test_every_table_is_exported_or_excluded_with_a_reason():
    unknown = [
        m._meta.label
        for m in apps.get_models(include_auto_created=True)
        if archive.classify(m) == "unknown"
    ]
    assert unknown == [], "decide: export (org column, ALSO) or EXCLUDED with a reason"


def test_every_eigyo_model_and_the_users_are_exported():
    exported = {m._meta.label for m in archive.plan()}
    eigyo_models = {
        m._meta.label
        for m in apps.get_models(include_auto_created=True)
        if m.__module__.startswith("eigyo.") and m._meta.label not in archive.EXCLUDED
    }
    assert eigyo_models <= exported
    assert {"accounts.Organisation", "accounts.User", "accounts.Membership"} <= exported
    assert {"activities.Activity_people", "deals.Deal_team_members"} <= exported


def test_exclusions_name_real_tables_with_reasons():
    labels = {m._meta.label for m in apps.get_models(include_auto_created=True)}
    for label, reason in archive.EXCLUDED.items():
        assert label in labels, f"{label} is excluded but no longer exists"
        assert len(reason) > 20
    assert not set(archive.EXCLUDED) & {m._meta.label for m in archive.plan()}


def test_a_new_table_without_org_would_be_unknown():
    from eigyo.registry.models import RegistryEntry

    # RegistryEntry is declared as reference data; without that it would fail the census.
    assert archive.classify(RegistryEntry) == "reference"
    saved = archive.REFERENCE
    try:
        archive.REFERENCE = set()
        assert archive.classify(RegistryEntry) == "unknown"
    finally:
        archive.REFERENCE = saved
