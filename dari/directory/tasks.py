"""Background jobs of the directory (django-tasks, run by `dari db_worker`; `dari periodic`
enqueues them, see dari/events/periodic.py). A task loads, calls the domain, records."""

from __future__ import annotations

from django_tasks import task


@task()
def embed_directory_texts() -> dict[str, int]:
    """Store the sentence embedding of every directory text that has none (the recommendation
    index job: resumable, a no-op when the directory has not changed since its last run)."""
    from dari.directory.domain.recommend import embed_directory

    return embed_directory()
