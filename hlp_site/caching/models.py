import uuid

from django.db import connection, models


def new_version():
    # Never a number that could come round again: a rolled-back change may have stored
    # pages under the version it wrote, and nobody must ever read them.
    return uuid.uuid4().hex


class ContentVersion(models.Model):
    """The version of everything public pages show: one row, replaced by every change.

    Kept in the database, written in the same transaction as the change it follows, so the
    change and the end of every page stored before it commit together or not at all; a
    cache that is unreachable at that moment cannot make the site forget it.

    `value` changes with every change; `removals` only with those that take something off
    the public web (unpublish, delete, move, view restrictions, sites). A page stored
    before a removal is never served again; one stored before any other change is served
    only while a single request renders its successor (middleware.py).
    """

    value = models.CharField(max_length=32, default=new_version)
    removals = models.CharField(max_length=32, default=new_version)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return self.value

    @classmethod
    def current(cls):
        """(value, removals)."""
        # Raw SQL: this runs on every anonymous request, and the ORM's query building
        # would cost more than the query itself.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value, removals FROM {cls._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        if row is None:  # a flushed database (transactional tests)
            cls.replace(removal=True)
            return cls.current()
        return row[0], row[1]

    @classmethod
    def replace(cls, removal=False):
        """A new version after a change; a new removals version too if `removal`."""
        fields = {"value": new_version()}
        if removal:
            fields["removals"] = new_version()
        if not cls.objects.filter(pk=1).update(**fields):
            cls.objects.update_or_create(pk=1, defaults=fields)
