"""Who is signed in, read in two plain queries: the session's row and the member's.

Every signed-in request reads its session and then its member. Django's own session store and
authentication backends build each of those queries through the ORM on every request, which cost
more CPU than running them (about 0.4 ms of a signed-in page). Here each is written once per
database connection's vendor and then run as it is: the same rows, the same conditions, the same
rules after it (Django's `get_user` still checks the backend, the session's password hash and
`is_active`), so signing out, a changed password and deactivation end access on the next request
exactly as before. Nothing is kept between requests.

The settings name `SessionStore` as SESSION_ENGINE ("accounts.sessions") and the two backends in
AUTHENTICATION_BACKENDS.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends, get_user_model
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    """Django's database session store, its row read by one query written once."""

    def load(self):
        data = self._session_data()
        if data is None:
            self._session_key = None  # as Django's store does for a missing or expired session
            return {}
        return self.decode(data)

    def _session_data(self):
        key = self.session_key
        if key is None:
            return None
        model = self.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        expire_date = model._meta.get_field("expire_date").get_db_prep_value(timezone.now(), connection)
        with connection.cursor() as cursor:
            cursor.execute(_session_sql(model, connection), [key, expire_date])
            row = cursor.fetchone()
        return None if row is None else row[0]


_SQL = {}


def _session_sql(model, connection):
    key = ("session", model._meta.label, connection.vendor)
    if key not in _SQL:
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        columns = quote("session_data"), quote("session_key"), quote("expire_date")
        _SQL[key] = "SELECT {} FROM {} WHERE {} = %s AND {} > %s".format(columns[0], table, *columns[1:])  # noqa: S608
    return _SQL[key]


class _UserQuery:
    """The member's row by primary key: every concrete field, converted as the ORM converts it."""

    def __init__(self, model, connection):
        quote = connection.ops.quote_name
        table = model._meta.db_table
        fields = model._meta.concrete_fields
        self.attnames = [field.attname for field in fields]
        self.sql = "SELECT {} FROM {} WHERE {} = %s".format(  # noqa: S608 (names from the model, values as parameters)
            ", ".join(f"{quote(table)}.{quote(field.column)}" for field in fields),
            quote(table),
            quote(model._meta.pk.column),
        )
        self.converters = []
        for index, field in enumerate(fields):
            column = field.get_col(table)
            found = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
            if found:
                self.converters.append((index, found, column))

    def row(self, connection, pk):
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for index, converters, column in self.converters:
            for convert in converters:
                row[index] = convert(row[index], column, connection)
        return row


_USER_QUERIES = {}


def member(user_id):
    """The user with this primary key as the ORM would load it, or None."""
    model = get_user_model()
    try:
        pk = model._meta.pk.to_python(user_id)
    except ValidationError:  # a session naming no such key names nobody
        return None
    alias = router.db_for_read(model)
    connection = connections[alias]
    key = (model._meta.label, alias, connection.vendor)
    query = _USER_QUERIES.get(key)
    if query is None:
        query = _USER_QUERIES[key] = _UserQuery(model, connection)
    row = query.row(connection, pk)
    return None if row is None else model.from_db(alias, query.attnames, row)


class ModelBackend(backends.ModelBackend):
    """Django's ModelBackend, loading the signed-in member with `member`."""

    def get_user(self, user_id):
        user = member(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class AuthenticationBackend(AllauthBackend):
    """allauth's backend (signing in by username or email), loading the signed-in member with `member`."""

    def get_user(self, user_id):
        user = member(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
