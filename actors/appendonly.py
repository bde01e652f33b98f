"""Tables that are written once and never changed: the event stream, the process log, the ledger.

A row is added and stays as it was. The one change allowed is forgetting who made it when that
person's account is deleted (the ForeignKey's SET_NULL), so history outlives the people in it.
"""

from django.db import models


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a row of an append-only table."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if kwargs == {self.model.forgettable: None}:
            return super().update(**kwargs)
        raise self.model.refusal("updated")

    def delete(self):
        raise self.model.refusal("deleted")


class AppendOnly(models.Model):
    """A model whose rows are added and never updated or deleted.

    `forgettable` names the field that says who made the row; `advice` tells the caller what to
    do instead (a ledger books a reversal); `error` is the exception raised.
    """

    forgettable = "actor"
    advice = ""
    error = AppendOnlyError

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise self.refusal("updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise self.refusal("deleted")

    @classmethod
    def refusal(cls, what: str) -> AppendOnlyError:
        return cls.error(f"{cls.__name__} rows are append-only: never {what}. {cls.advice}".strip())
