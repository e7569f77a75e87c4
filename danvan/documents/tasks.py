"""Background jobs of the documents app (huey)."""

from huey.contrib.djhuey import db_task


@db_task()
def build_review_files(pk: int) -> None:
    from danvan.documents.services import run_generation

    run_generation(pk)
