"""Writes of many rows at once that still tell the audit trail what changed.

Django's model signals are not sent by `bulk_create`, `bulk_update` or
`QuerySet.update`, so a service that writes that way calls these instead: each does
the write and sends `core.signals.rows_written` with the rows' ids and, for an
update, every row's old and new values, inside the caller's transaction.

`insert` takes model instances (as bulk_create), `insert_values` plain tuples of the
named fields' values — for rows that need no instance (an import's card exchanges,
ties, people): building 400,000 model instances was a third of a 100,000-person
import. On SQLite both write one INSERT … VALUES (…), (…) … RETURNING per chunk
(Django's bulk_create stops at 999 parameters, 38 companies a statement, and building
those statements was half of an import's write time), with the values Django would
send (`Field.pre_save`, `get_db_prep_save`); on PostgreSQL with COPY (see `_copy`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, models, router
from django.db.backends.base.operations import BaseDatabaseOperations

from eigyo.core.signals import rows_written

SQLITE_PARAMS = 8_000  # well below SQLITE_MAX_VARIABLE_NUMBER (32,766 since SQLite 3.32)
POSTGRES_PARAMS = 30_000  # below PostgreSQL's 65,535 parameters a statement
BATCH = 1_000

# Fields whose Python value is already what the database driver takes (no conversion).
_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.FloatField,
)


def _connection(model):
    return router.db_for_write(model), connections[router.db_for_write(model)]


def _fast(connection) -> bool:
    if connection.vendor == "sqlite":
        return connection.Database.sqlite_version_info >= (3, 35)
    return connection.vendor == "postgresql"


def _per_statement(connection, width: int) -> int:
    limit = SQLITE_PARAMS if connection.vendor == "sqlite" else POSTGRES_PARAMS
    return max(1, min(BATCH * 4, limit // max(width, 1)))


def _copy(connection, model, fields, rows: Sequence[Sequence]) -> list:
    """PostgreSQL: the ids drawn from the table's sequence in one query, then every row
    sent with COPY. (A multi-row INSERT binds its parameters on the client with
    psycopg: each statement of 30,000 placeholders was split and quoted in Python,
    50 s of a 100,000-person import.)"""
    meta = model._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in [meta.pk.column, *(f.column for f in fields)])
    with connection.cursor() as cursor:
        # The sequence's name looked up once, not once per id drawn (six times slower).
        cursor.execute(
            "SELECT nextval(s) FROM"
            " (SELECT pg_get_serial_sequence(%s, %s)::regclass AS s OFFSET 0) AS q,"
            " generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {qn(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row((pk, *row))
    return ids


def _execute(connection, model, fields, rows: Sequence[Sequence]) -> list:
    """INSERT the rows (DB-ready values of `fields`) a chunk at a time; their ids."""
    if connection.vendor == "postgresql":
        return _copy(connection, model, fields, rows)
    meta = model._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    # sqlite3's own placeholder: Django turns each "%s" into "?" with a regular
    # expression, a second for an import's 2,000 statements of 8,000 placeholders.
    # A logging cursor (DEBUG, a test counting queries) formats the query with its
    # parameters, which needs Django's style.
    mark = "%s" if connection.queries_logged else "?"
    one = "(" + ", ".join([mark] * len(fields)) + ")"
    per = _per_statement(connection, len(fields))
    ids: list = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            params = [value for row in chunk for value in row]
            cursor.execute(
                f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES "
                + ", ".join([one] * len(chunk))
                + f" RETURNING {qn(meta.pk.column)}",
                params,
            )
            got = cursor.fetchall()
            if len(got) != len(chunk):  # pragma: no cover - a driver would have to misbehave
                raise RuntimeError("INSERT … RETURNING answered a different number of rows")
            ids.extend(pk for (pk,) in got)
    return ids


def _ready_as_is(connection, f) -> bool:
    """Whether the field's Python value is what the driver takes: no conversion."""
    if f.is_relation:
        return isinstance(f.target_field, models.AutoField | models.IntegerField)
    if isinstance(f, models.IntegerField):
        # IntegerField converts through the backend, which SQLite and PostgreSQL
        # leave as it is.
        return (
            type(connection.ops).adapt_integerfield_value
            is BaseDatabaseOperations.adapt_integerfield_value
            and type(f).get_db_prep_value is models.IntegerField.get_db_prep_value
        )
    return isinstance(f, _PLAIN) and type(f).get_db_prep_value is models.Field.get_db_prep_value


class _Converted:
    """A field's values made ready for the database, each distinct value once (an
    import's card exchanges share a few hundred dates among 100,000 rows)."""

    __slots__ = ("field", "connection", "seen")

    def __init__(self, field, connection) -> None:
        self.field, self.connection, self.seen = field, connection, {}

    def __call__(self, value):
        try:
            return self.seen[value]
        except KeyError:
            ready = self.seen[value] = self.field.get_db_prep_save(value, self.connection)
        except TypeError:  # not hashable (a JSON value)
            return self.field.get_db_prep_save(value, self.connection)
        if len(self.seen) > 10_000:  # values that do not repeat: stop keeping them
            self.seen = {}
        return ready


def insert(model, objs: list, *, by=None, report: bool = True) -> list:
    """Insert `objs` (new instances of `model`), setting their primary keys, and
    report them to the audit trail (`created`) unless `report` is False (the trail's
    own rows)."""
    if not objs:
        return objs
    db, connection = _connection(model)
    if not _fast(connection):
        model.objects.bulk_create(objs, batch_size=BATCH)
        return created(model, objs, by=by) if report else objs
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    # A plain field whose pre_save only reads the attribute is read directly.
    direct = [
        _ready_as_is(connection, f) and type(f).pre_save is models.Field.pre_save for f in fields
    ]
    rows = [
        [
            getattr(obj, f.attname) if d else f.get_db_prep_save(f.pre_save(obj, True), connection)
            for f, d in zip(fields, direct, strict=True)
        ]
        for obj in objs
    ]
    for obj, pk in zip(objs, _execute(connection, model, fields, rows), strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, db
    return created(model, objs, by=by) if report else objs


def insert_values(
    model, names: Sequence[str], rows: Sequence[Sequence], *, by=None, report: bool = True
) -> list:
    """Insert rows given as tuples of the values of the fields `names` (attnames:
    `company_id`, not `company`); every other field takes its default, computed once
    for the call (the created/updated stamps: one moment for the batch). The new ids,
    in order."""
    if not rows:
        return []
    _db, connection = _connection(model)
    meta = model._meta
    given = [meta.get_field(name) for name in names]
    index = {f.attname: i for i, f in enumerate(given)}
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    if not _fast(connection):
        objs = [model(**dict(zip(names, row, strict=True))) for row in rows]
        ids = [o.pk for o in model.objects.bulk_create(objs, batch_size=BATCH)]
        if report:
            created_values(model, ids, list(names), list(rows), by=by)
        return ids
    # The given columns first, as they come (converted where the field needs it), then
    # every other column's default: a row is its tuple and the defaults joined.
    convert = [
        (i, _Converted(f, connection))
        for i, f in enumerate(given)
        if not _ready_as_is(connection, f)
    ]
    rest = [f for f in fields if f.attname not in index]
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
    fields = [*given, *rest]
    if convert:
        ready = []
        for row in rows:
            out = list(row)
            for i, how in convert:
                out[i] = how(out[i])
            ready.append((*out, *defaults))
    else:
        ready = [(*row, *defaults) for row in rows]
    ids = _execute(connection, model, fields, ready)
    if report:
        created_values(model, ids, list(names), list(rows), by=by)
    return ids


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


def _by_pk(queryset, fields: list[str]) -> dict:
    """{pk: {field: value}} of the rows, for the record of what a write changed."""
    return {
        row[0]: dict(zip(fields, row[1:], strict=True))
        for row in queryset.values_list("pk", *fields)
    }


def update(queryset: models.QuerySet, *, by=None, **values) -> int:
    """`queryset.update(**values)`, with each row's old values recorded."""
    model = queryset.model
    changes = {_attname(model, k): _plain(v) for k, v in values.items()}
    fields = list(changes)
    before = _by_pk(queryset, fields)
    if not before:
        return 0
    done = model._base_manager.filter(pk__in=list(before)).update(**values)
    after = None
    if any(isinstance(v, models.expressions.Combinable) for v in changes.values()):
        # An expression (F("n") + 1): the new values are read back, not guessed.
        after = _by_pk(model._base_manager.filter(pk__in=list(before)), fields)
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
    before = _by_pk(model._base_manager.filter(pk__in=pks), names)
    done = model.objects.bulk_update(objs, fields, batch_size=batch_size)
    after = {o.pk: {n: getattr(o, n) for n in names} for o in objs}
    rows_written.send(
        model, model=model, pks=pks, action="update", before=before, after=after, by=by
    )
    return done
