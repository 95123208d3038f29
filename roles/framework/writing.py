"""Write a load plan with a few statements per table (PostgreSQL ``COPY``), no model instances.

Why not ``bulk_create``/``bulk_update``: for a 5 MB file they spend most of their time
building ~60,000 model instances and quoting every value into the SQL text (about 10 s of
a 2-core machine for the inserts alone, more for ``bulk_update``'s ``CASE`` per row). Here
new rows are streamed with ``COPY``, changed rows are streamed into a temporary table and
applied with one ``UPDATE … FROM``, and removed rows go in one ``DELETE``: under a second.

Like every bulk write, none of this sends model signals (so ``load`` bumps the cache
token itself) or runs ``save()``; the timestamps ``save()`` would set are set here.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models

Ids = dict[str, dict[Any, int]]
# Value names that are foreign keys, given by the slug of the record they point at.
FOREIGN_KEYS = {
    "category": "categories",
    "track": "tracks",
    "role": "roles",
    "skill": "skills",
    "alternative_role": "roles",  # may be None
}
BY_SLUG = ("tracks", "dimensions", "categories", "skills", "roles")


def key_columns(kind: str, key: Any, ids: Ids) -> dict[str, Any]:
    """The columns a record's key stands for, once its parents have ids."""
    if kind in BY_SLUG:
        return {"slug": key}
    owner, other = key
    if kind == "skill levels":
        return {"skill_id": ids["skills"][owner], "level": other}
    if kind == "dimension texts":
        return {"role_id": ids["roles"][owner], "dimension_id": ids["dimensions"][other]}
    if kind == "expectations":
        return {"role_id": ids["roles"][owner], "skill_id": ids["skills"][other]}
    if kind == "guide readings":
        return {"guide_id": ids["guides"][owner], "title": other}
    if kind == "resources":
        return {"skill_id": ids["skills"][owner], "title": other}
    # next-role links and guides: a pair of roles
    return {"from_role_id": ids["roles"][owner], "to_role_id": ids["roles"][other]}


def value_columns(values: dict[str, Any], ids: Ids) -> dict[str, Any]:
    return {
        (f"{name}_id" if name in FOREIGN_KEYS else name): (
            ids[FOREIGN_KEYS[name]][value] if name in FOREIGN_KEYS and value is not None else value
        )
        for name, value in values.items()
    }


def _stamps(model: type[models.Model], now: datetime, *, created: bool) -> dict[str, datetime]:
    """What ``save()`` would fill in: auto_now always, auto_now_add on creation."""
    return {
        str(field.column): now
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or (created and getattr(field, "auto_now_add", False))
    }


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    # wrap_database_errors: psycopg's errors become Django's (IntegrityError…), as execute() does.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:  # logged in connection.queries like execute()
            copy.write_row(row)


def _defaults(model: type[models.Model], given: dict[str, Any]) -> dict[str, Any]:
    """What ``save()`` would store for the columns a row leaves out (COPY would store NULL):
    fields newer than a file's format version, such as a role's alternative titles."""
    return {
        str(field.column): field.get_default()
        for field in model._meta.concrete_fields
        if field.has_default() and not field.primary_key and field.column not in given
    }


def insert(model: type[models.Model], rows: list[dict[str, Any]], now: datetime) -> None:
    if not rows:
        return
    stamps = _stamps(model, now, created=True)
    defaults = _defaults(model, {**rows[0], **stamps})
    columns = [*rows[0], *stamps, *defaults]
    _copy(
        model._meta.db_table,
        columns,
        ([*row.values(), *stamps.values(), *defaults.values()] for row in rows),
    )


def update(model: type[models.Model], rows: list[tuple[int, dict[str, Any]]], now: datetime) -> None:
    """Set the given columns of rows ``(pk, {column: value})`` (all rows name the same columns)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table, scratch = quote(model._meta.db_table), quote(f"import_{model._meta.db_table}")
    stamps = _stamps(model, now, created=False)
    columns = [*rows[0][1], *stamps]
    listed = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        # CREATE … AS copies the column types but no NOT NULL: the scratch table holds
        # only the columns that change.
        cursor.execute(f"CREATE TEMPORARY TABLE {scratch} AS SELECT id, {listed} FROM {table} WITH NO DATA")
        _copy(
            f"import_{model._meta.db_table}",
            ["id", *columns],
            ([pk, *v.values(), *stamps.values()] for pk, v in rows),
        )
        assignments = ", ".join(f"{quote(c)} = new.{quote(c)}" for c in columns)
        cursor.execute(f"UPDATE {table} AS old SET {assignments} FROM {scratch} AS new WHERE old.id = new.id")
        cursor.execute(f"DROP TABLE {scratch}")


def delete(model: type[models.Model], pks: list[int]) -> None:
    if pks:
        with connection.cursor() as cursor:
            # Not QuerySet.delete(): with the cache-token receivers connected it fetches and
            # signals row by row. Nothing references these rows (texts, expectations, links).
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE id = ANY(%s)", [pks])


def slug_ids(model: type[models.Model]) -> dict[Any, int]:
    return dict(model._default_manager.order_by().values_list("slug", "pk"))
