"""Inserting many rows of one model fast, for the imports.

On PostgreSQL this is `bulk_create` in batches of 1,000 (one INSERT … RETURNING each).
On SQLite Django splits every batch into INSERTs of at most 999 parameters (38
companies), and building those statements is half of an import's write time; SQLite
3.32+ takes 32,766 parameters, so here one INSERT … RETURNING carries up to that many —
the same values Django would send (`Field.pre_save`, `get_db_prep_save`), the ids read
back in order as Django's own bulk_create on SQLite reads them."""

from __future__ import annotations

from django.db import connections, router

SQLITE_PARAMS = 8_000  # well below SQLITE_MAX_VARIABLE_NUMBER (32,766 since SQLite 3.32)
BATCH = 1_000


def insert(model, objs: list) -> list:
    """Insert `objs` (new instances of `model`), setting their primary keys."""
    if not objs:
        return objs
    db = router.db_for_write(model)
    connection = connections[db]
    if connection.vendor != "sqlite" or connection.Database.sqlite_version_info < (3, 35):
        return model.objects.bulk_create(objs, batch_size=BATCH)
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per = max(1, SQLITE_PARAMS // len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per):
            chunk = objs[start : start + per]
            params = [
                f.get_db_prep_save(f.pre_save(obj, True), connection)
                for obj in chunk
                for f in fields
            ]
            cursor.execute(
                f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES "
                + ", ".join([one] * len(chunk))
                + f" RETURNING {qn(meta.pk.column)}",
                params,
            )
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding, obj._state.db = False, db
    return objs
