"""Querysets asked very often with only their values changing, turned into SQL once per thread.

A live room checks every message's sender against their session, account and suspensions as they
are now. The statements are tiny, but building and compiling each queryset costs the ORM many
times what the database takes to run it, in the database thread the rest of the room waits for.
`Compiled` keeps what the ORM worked out for one shape of a queryset (how many values each list
holds) and runs the same SQL again with new values, turning rows into instances (or tuples) as
the ORM does.

The rule stays where it is written: the queryset is built by the function its home gives
(`Suspension.objects.active()`, say). For a new shape it is built twice with two sets of stand-in
values, and each parameter of the statement is either one of the values, found at the same place
in both (then it is bound to the caller's value there), or the same in both (a constant of the
rule). Anything else (a value the ORM turned into something else, such as `startswith`'s pattern)
keeps that shape with the ORM, as does a queryset this does not know how to read (prefetching,
annotations).
"""

import threading
from datetime import UTC, datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

_ORM = object()  # a shape that goes through the ORM every time


class Compiled:
    """`build(*values)` -> QuerySet; each value a whole number, a text, an aware datetime, or a list of them.

    `all(*values)` gives what `list(build(*values))` gives: model instances with their `select_related`
    objects, or the tuples of `values_list`. Lists longer than `longest` go through the ORM.
    """

    def __init__(self, build, using=DEFAULT_DB_ALIAS, longest=8):
        self.build, self.using, self.longest = build, using, longest
        self._local = threading.local()  # a statement is kept per thread, as its connection is

    def all(self, *values):
        lengths = [len(value) for value in values if isinstance(value, list | tuple)]
        if lengths and not 0 < max(lengths) <= self.longest or 0 in lengths:
            # An empty list (the ORM knows it need not ask), or a crowd's: a shape seldom seen twice.
            return list(self.build(*values))
        plans = self._local.__dict__.setdefault("plans", {})
        shape = tuple(len(value) if isinstance(value, list | tuple) else type(value) for value in values)
        plan = plans.get(shape)
        if plan is None:
            plan = plans[shape] = _plan(self.build, values, self.using)
        if plan is _ORM:
            return list(self.build(*values))
        return plan.run(values)


class _Plan:
    def __init__(self, queryset, compiler, sql, slots):
        self.compiler, self.sql, self.slots, self.db = compiler, sql, slots, queryset.db
        # What each column's value becomes (a datetime from SQLite's text, say), worked out once.
        self.converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        self.models = queryset._iterable_class is ModelIterable
        if self.models:  # as Django's ModelIterable reads a row
            klass_info, select = compiler.klass_info, compiler.select
            fields = klass_info["select_fields"]
            self.model = klass_info["model"]
            self.span = slice(fields[0], fields[-1] + 1)
            self.init_list = [column[0].target.attname for column in select[self.span]]
            self.populators = get_related_populators(klass_info, select, self.db)

    def run(self, values):
        connection = connections[self.db]
        params = [slot(values, connection) for slot in self.slots]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.compiler.has_extra_select:
            rows = [row[: self.compiler.col_count] for row in rows]
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if not self.models:
            return [tuple(row) for row in rows]
        found = []
        for row in rows:
            obj = self.model.from_db(self.db, self.init_list, row[self.span])
            for populator in self.populators:
                populator.populate(row, obj)
            found.append(obj)
        return found


def _plan(build, values, using):
    """The statement for the shape of `values`, and where each of its parameters comes from; else `_ORM`."""
    compiled = []
    for round_ in (1, 2):
        stand_ins, places = _stand_ins(values, round_)
        queryset = build(*stand_ins).using(using)
        if queryset._iterable_class not in (ModelIterable, ValuesListIterable):
            return _ORM
        if queryset._prefetch_related_lookups or queryset._known_related_objects or queryset.query.annotation_select:
            return _ORM
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except Exception:  # noqa: BLE001 - nothing to ask (EmptyResultSet), or a shape the ORM handles its own way
            return _ORM
        if compiler.has_composite_fields([column[0] for column in compiler.select[: compiler.col_count]]):
            return _ORM
        adapted = {_key(_adapt(stand_in, connections[queryset.db])): place for stand_in, place in places}
        compiled.append((queryset, compiler, sql, params, adapted))
    (queryset, compiler, sql, params, adapted), (_, _, sql_2, params_2, adapted_2) = compiled
    if sql != sql_2 or len(params) != len(params_2):
        return _ORM
    slots = []
    try:
        for param, param_2 in zip(params, params_2, strict=True):
            place = adapted.get(_key(param))
            if place is not None and adapted_2.get(_key(param_2)) == place:
                slots.append(_value_at(place))
            elif place is None and _key(param) == _key(param_2):
                slots.append(_constant(param))
            else:
                return _ORM
    except TypeError:  # a parameter that is not a plain value (unhashable)
        return _ORM
    return _Plan(queryset, compiler, sql, slots)


def _stand_ins(values, round_):
    """Values of the same shape and kinds, none of which a rule would hold: (stand-ins, [(stand-in, place)])."""
    places, counter = [], iter(range(1, 100_000))

    def one(value, place):
        n = next(counter) + round_ * 100_000
        if isinstance(value, bool):
            raise TypeError("a true/false value has no stand-in; write it into the queryset")
        if isinstance(value, int):
            stand_in = -(1_500_000_000 + n)  # within a 32-bit column's range
        elif isinstance(value, str):
            stand_in = f"\x1fstand-in {n}\x1f"
        elif isinstance(value, datetime):
            stand_in = datetime(1901, 1, 1, tzinfo=UTC) + timedelta(seconds=n)
        else:
            raise TypeError(f"no stand-in for {type(value).__name__}")
        places.append((stand_in, place))
        return stand_in

    stand_ins = [
        [one(item, (i, j)) for j, item in enumerate(value)]
        if isinstance(value, list | tuple)
        else one(value, (i, None))
        for i, value in enumerate(values)
    ]
    return stand_ins, places


def _adapt(value, connection):
    return connection.ops.adapt_datetimefield_value(value) if isinstance(value, datetime) else value


def _key(param):
    return (type(param), param)


def _value_at(place):
    i, j = place

    def slot(values, connection):
        return _adapt(values[i] if j is None else values[i][j], connection)

    return slot


def _constant(param):
    def slot(values, connection):
        return param

    return slot
