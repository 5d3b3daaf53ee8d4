"""Writes of many rows at once that still tell the audit trail what changed.

Django's model signals are not sent by `bulk_create`, `bulk_update` or
`QuerySet.update`, so a service that writes that way calls these instead: each does
the write and sends `core.signals.rows_written` with the rows' ids and, for an
update, every row's old and new values, inside the caller's transaction."""

from __future__ import annotations

from django.db import connections, models, router

from eigyo.core.signals import rows_written

SQLITE_PARAMS = 8_000  # well below SQLITE_MAX_VARIABLE_NUMBER (32,766 since SQLite 3.32)
BATCH = 1_000


def insert(model, objs: list, *, by=None, report: bool = True) -> list:
    """Insert `objs` (new instances of `model`) fast, setting their primary keys, and
    report them (`created`) unless `report` is False (the audit trail's own rows).

    On PostgreSQL this is `bulk_create` in batches of 1,000 (one INSERT … RETURNING
    each). On SQLite Django splits every batch into INSERTs of at most 999 parameters
    (38 companies), and building those statements is half of an import's write time;
    SQLite 3.32+ takes 32,766 parameters, so here one INSERT … RETURNING carries up to
    that many — the same values Django would send (`Field.pre_save`,
    `get_db_prep_save`), the ids read back in order as Django's bulk_create reads them."""
    if not objs:
        return objs
    db = router.db_for_write(model)
    connection = connections[db]
    if connection.vendor != "sqlite" or connection.Database.sqlite_version_info < (3, 35):
        model.objects.bulk_create(objs, batch_size=BATCH)
    else:
        _sqlite_insert(model, objs, connection, db)
    return created(model, objs, by=by) if report else objs


def insert_values(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert plain rows of already-prepared values (ints, strings) without building
    an instance each: for narrow index tables written by the hundred thousand (the
    audit trail's subjects). Not reported: such rows are records, not data."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    qn = connection.ops.quote_name
    meta = model._meta
    names = ", ".join(qn(meta.get_field(c).column) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per = max(1, SQLITE_PARAMS // len(columns))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            cursor.execute(
                f"INSERT INTO {qn(meta.db_table)} ({names}) VALUES "
                + ", ".join([one] * len(chunk)),
                [v for row in chunk for v in row],
            )


def _sqlite_insert(model, objs: list, connection, db: str) -> None:
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


def _attname(model, name: str) -> str:
    return model._meta.get_field(name).attname


def _plain(value):
    return value.pk if isinstance(value, models.Model) else value


def created(model, objs: list, *, by=None) -> list:
    """Report rows just inserted in bulk (their primary keys set)."""
    if objs:
        pks = [o.pk for o in objs]
        rows_written.send(model, model=model, pks=pks, action="create", objs=objs, by=by)
    return objs


def created_values(model, pks: list, columns: list[str], values: list[tuple], *, by=None):
    """Report rows just inserted as plain values (no instance built): `columns` are the
    field attnames, `values` one tuple a row in the order of `pks`."""
    if pks:
        rows_written.send(
            model,
            model=model,
            pks=list(pks),
            action="create",
            columns=columns,
            values=values,
            by=by,
        )


def update(queryset: models.QuerySet, *, by=None, **values) -> int:
    """`queryset.update(**values)`, with each row's old values recorded."""
    model = queryset.model
    changes = {_attname(model, k): _plain(v) for k, v in values.items()}
    fields = list(changes)
    before = {
        row[0]: dict(zip(fields, row[1:], strict=True))
        for row in queryset.values_list("pk", *fields)
    }
    if not before:
        return 0
    done = model._base_manager.filter(pk__in=list(before)).update(**values)
    after = None
    if any(isinstance(v, models.expressions.Combinable) for v in changes.values()):
        # An expression (F("n") + 1): the new values are read back, not guessed.
        after = {
            row[0]: dict(zip(fields, row[1:], strict=True))
            for row in model._base_manager.filter(pk__in=list(before)).values_list("pk", *fields)
        }
        changes = {}
    rows_written.send(
        model,
        model=model,
        pks=list(before),
        action="update",
        changes=changes,
        before=before,
        after=after,
        by=by,
    )
    return done


def bulk_update(model, objs: list, fields: list[str], *, by=None, batch_size: int = 500) -> int:
    """`Model.objects.bulk_update(objs, fields)`, with each row's old and new values."""
    if not objs:
        return 0
    names = [_attname(model, f) for f in fields]
    pks = [o.pk for o in objs]
    before = {
        row[0]: dict(zip(names, row[1:], strict=True))
        for row in model._base_manager.filter(pk__in=pks).values_list("pk", *names)
    }
    done = model.objects.bulk_update(objs, fields, batch_size=batch_size)
    after = {o.pk: {n: getattr(o, n) for n in names} for o in objs}
    rows_written.send(
        model, model=model, pks=pks, action="update", before=before, after=after, by=by
    )
    return done
