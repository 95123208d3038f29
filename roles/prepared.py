"""Querysets compiled to SQL once per process, then run with new values.

Django compiles a queryset to SQL on every evaluation. For the role pages' small, joined
``values()`` queries that costs more CPU than PostgreSQL spends answering them
(docs/performance.md), so the hot ones are decorated with ``@prepared``: the first call
of each shape (which arguments are lists, and how long) builds the queryset with marker
values, compiles it and remembers where the markers landed among the SQL parameters;
every call then substitutes its own values and runs the SQL. Rows come back as dicts
keyed like ``values()``.

Only for ``values()`` querysets whose arguments reach the SQL unchanged (equality and
``__in`` lookups): a marker that is transformed or dropped on the way fails loudly.
"""

import functools
import itertools

from django.db import connection

_FIRST_MARKER = -1_000_000_000  # ids are positive: no real parameter equals a marker


class _Compiled:
    def __init__(self, build, args):
        counter = itertools.count(_FIRST_MARKER, -1)
        markers = []

        def mark(value):
            if isinstance(value, (list, tuple)):
                return [mark(item) for item in value]
            if value is None:
                return None
            marker = next(counter) if isinstance(value, int) else f"\x01marker{next(counter)}\x01"
            markers.append(marker)
            return marker

        sql, params = build(*[mark(arg) for arg in args]).query.sql_with_params()
        self.sql, self.params = sql, list(params)
        # (position among the SQL parameters, index of the argument value)
        self.slots = [
            (position, markers.index(param))
            for position, param in enumerate(self.params)
            if type(param) in (int, str) and param in markers
        ]
        if sorted(index for _, index in self.slots) != list(range(len(markers))):
            raise ValueError(f"{build.__name__}: an argument does not reach the SQL unchanged")

    def rows(self, args):
        values = []
        for arg in args:
            if isinstance(arg, (list, tuple)):
                values.extend(arg)
            elif arg is not None:
                values.append(arg)
        params = list(self.params)
        for position, index in self.slots:
            params[position] = values[index]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def prepared(build):
    """Decorate ``build(*args)`` returning a ``values()`` queryset; the decorated function
    returns its rows as a list of dicts."""
    compiled = {}

    @functools.wraps(build)
    def run(*args):
        shape = tuple(len(a) if isinstance(a, (list, tuple)) else a is None for a in args)
        if shape not in compiled:
            compiled[shape] = _Compiled(build, args)
        return compiled[shape].rows(args)

    return run
