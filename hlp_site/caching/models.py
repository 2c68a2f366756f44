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
    """

    value = models.CharField(max_length=32, default=new_version)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return self.value

    @classmethod
    def current(cls):
        # Raw SQL: this runs on every anonymous request, and the ORM's query building
        # would cost more than the query itself.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {cls._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        if row is None:  # a flushed database (transactional tests)
            return cls.replace()
        return row[0]

    @classmethod
    def replace(cls):
        value = new_version()
        if not cls.objects.filter(pk=1).update(value=value):
            cls.objects.update_or_create(pk=1, defaults={"value": value})
        return value
