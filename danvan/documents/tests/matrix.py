from danvan.core.testing import Row, everyone


def _review(world) -> dict:
    from danvan.documents.services import create_review

    report = create_review(
        kind="year", year=2022, issuer=world.committee, acting_user=world.thuongtruc
    )
    return {"pk": report.pk}


def _download(world) -> dict:
    return {**_review(world), "fmt": "docx"}


# Officers of member organisations do not see the committee's drafts; viewers read them.
COMMITTEE_DRAFT = {"mttq": 404, "hoinongdan": 404, "vinhtuong": 404, "*": 200}

ROWS = [
    Row("documents:review_list", everyone(200)),
    Row("documents:review_create", everyone(405)),
    Row("documents:review_detail", COMMITTEE_DRAFT, kwargs=_review),
    Row("documents:review_generate", everyone(405), kwargs=_review),
    Row("documents:review_progress", COMMITTEE_DRAFT, kwargs=_review),
    # Nothing generated yet: there is no file to download (downloads: test_review_views).
    Row("documents:review_download", everyone(404), kwargs=_download),
]
