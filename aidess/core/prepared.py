"""Querysets the ORM compiles once, then runs again with other values.

Django builds and compiles a queryset on every call. For the catalog search that costs about a
millisecond, a third of the whole search on PostgreSQL, although its SQL only changes with *which*
filters are set, never with their values. A queryset written with `Param` placeholders where the
values go is compiled once (`PreparedQuery`); each call then binds its own values. The SQL is the
ORM's and rows still become model instances (`Manager.raw`): only the rebuilding is skipped.

A value written into the queryset instead of a `Param` would be compiled into the statement and
reused for every later call: everything that varies must be a `Param` or part of the cache key.
"""

from django.db import connections
from django.db.models import Expression


class Param(Expression):
    """A named value of a prepared queryset: one placeholder in the compiled SQL."""

    def __init__(self, name, output_field=None):
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self):
        return f"Param({self.name!r})"

    def as_sql(self, compiler, connection):
        return "%s", [self]


class PreparedQuery:
    """The SQL of a queryset built with `Param`s, ready to run with a mapping of their values."""

    def __init__(self, queryset):
        self.model, self.using = queryset.model, queryset.db
        self.sql, self.template = queryset.query.get_compiler(using=self.using).as_sql()
        self.names = frozenset(param.name for param in self.template if isinstance(param, Param))

    def params(self, values):
        missing = self.names - set(values)
        if missing:
            raise KeyError(f"Valeurs manquantes : {', '.join(sorted(missing))}")
        return [values[p.name] if isinstance(p, Param) else p for p in self.template]

    def instances(self, values):
        """The rows as model instances; extra columns (annotations) become attributes."""
        manager = self.model._default_manager
        return list(manager.raw(self.sql, self.params(values), using=self.using))

    def scalar(self, values):
        """The first column of the first row, or None without rows."""
        connection = connections[self.using]
        params = [connection.ops.adapt_unknown_value(value) for value in self.params(values)]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        return row[0] if row else None
