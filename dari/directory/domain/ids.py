"""Readable ids for new records (`stem`, `stem-2`, `stem-3`, ...), free at the moment of the
insert: the unique key decides, not a look-up made before it, so two people adding records of
the same name at the same moment (two curators approving the same deal from two sources, two
organisers naming a call alike) both succeed, the second under the next free id."""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, models, transaction

TRIES = 5


def free_id(model: type[models.Model], stem: str) -> str:
    """The first of `stem`, `stem-2`, ... that no `model` record holds now."""
    candidate, n = stem, 1
    while model._default_manager.filter(pk=candidate).exists():
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def insert_under_free_id(
    record: models.Model, stem: str, insert: Callable[[], object] | None = None
) -> None:
    """Give the new `record` the first free id from `stem` and insert it (`insert`, else a
    plain insert), in a savepoint: when another transaction has just taken that id, the next
    free one is tried. Any other integrity error is raised as it is."""
    model = type(record)
    for _attempt in range(TRIES):
        record.pk = free_id(model, stem)
        try:
            with transaction.atomic():
                if insert is None:
                    record.save(force_insert=True)
                else:
                    insert()
            return
        except IntegrityError:
            if not model._default_manager.filter(pk=record.pk).exists():
                raise
    raise IntegrityError(f"no free id from {stem!r} after {TRIES} tries")
