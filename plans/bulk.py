"""Insert many new nodes and their first history rows in a few statements.

``bulk_create`` prepares each value through its field (``get_db_prep_save``: ~300,000 calls
for a 2,700-line plan and its history) and ``bulk_history_create`` builds a second model
instance per node; together they made importing a workbook take four times as long as
openpyxl reading it. Here the values of plain columns (text, numbers, booleans, foreign
keys) go to the driver as they are, the others (UUID, decimal, JSON, dates) through their
field once per value, and each history row is a tuple, not an instance. The rows are what
``bulk_create_with_history`` writes: the same columns, the same history type ``+``, user,
date and change reason. Backends that cannot return the new keys of a multi-row insert get
``bulk_create_with_history`` itself.
"""

from django.conf import settings
from django.db import connections, models, router
from simple_history.utils import bulk_create_with_history

# Fields whose Python value is what every backend's driver takes as is.
PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)
HISTORY_FIELDS = {"history_date", "history_change_reason", "history_type", "history_user"}
ROWS_PER_STATEMENT = 500


def insert_with_history(model, objs, *, user=None, reason="", when):
    """Insert ``objs`` (new, unsaved instances of ``model``), set their primary keys, and
    write each one's creation to its history with ``user``, ``reason`` and ``when``."""
    if not objs:
        return objs
    alias = router.db_for_write(model)
    connection = connections[alias]
    history = model.history.model
    extra = {f.name for f in history._meta.concrete_fields} - {
        f.name for f in history.tracked_fields
    }
    if not connection.features.can_return_rows_from_bulk_insert or extra != {
        "history_id",
        *HISTORY_FIELDS,
    }:
        return bulk_create_with_history(
            objs,
            model,
            batch_size=ROWS_PER_STATEMENT,
            default_user=user,
            default_change_reason=reason,
            default_date=when,
        )
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = _rows(fields, objs, connection)
    keys = _insert(connection, model, fields, rows, returning=model._meta.pk)
    for obj, key in zip(objs, keys, strict=True):
        obj.pk = key
        obj._state.adding, obj._state.db = False, alias
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return objs
    if user is None:
        user = history.get_default_history_user(objs[0])
    tracked = [history._meta.get_field(f.name) for f in history.tracked_fields]
    constants = {
        "history_date": when,
        "history_change_reason": reason,
        "history_type": "+",
        "history_user": getattr(user, "pk", None),
    }
    columns = tracked + [history._meta.get_field(name) for name in constants]
    fixed = tuple(
        _converter(history._meta.get_field(name), connection)(value)
        for name, value in constants.items()
    )
    # The tracked columns, read again now that the keys are set: the history leaves some
    # out (``lock_version``), so the node's own rows do not serve.
    history_rows = [row + fixed for row in _rows(tracked, objs, connection)]
    _insert(connection, history, columns, history_rows)
    return objs


def _converter(field, connection):
    if isinstance(field, PLAIN) or (field.is_relation and isinstance(field.target_field, PLAIN)):
        return _same
    if isinstance(field, models.UUIDField) and not connection.features.has_native_uuid_field:
        return _hex
    return lambda value: field.get_db_prep_save(value, connection)


def _same(value):
    return value


def _hex(value):
    return value and value.hex  # how Django stores a UUID without a native type


def _rows(fields, objs, connection):
    steps = [(field.attname, _converter(field, connection)) for field in fields]
    return [tuple(convert(getattr(obj, name)) for name, convert in steps) for obj in objs]


def _insert(connection, model, fields, rows, returning=None):
    """``INSERT`` ``rows`` in statements of at most ``ROWS_PER_STATEMENT`` rows (fewer when
    the backend limits parameters); the new keys, in order, with ``returning``."""
    quote = connection.ops.quote_name
    size = min(ROWS_PER_STATEMENT, connection.ops.bulk_batch_size(fields, rows) or len(rows))
    row_sql = f"({', '.join(['%s'] * len(fields))})"
    # Quoted names from the models; every value goes as a parameter.
    columns = ", ".join(quote(field.column) for field in fields)
    head = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(returning.column)}" if returning else ""
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(
                head + ", ".join([row_sql] * len(batch)) + tail,
                [value for row in batch for value in row],
            )
            if returning:
                keys += [row[0] for row in cursor.fetchall()]
    return keys
