from danvan.core.testing import Row, everyone, only

COORDINATORS = {"quantri": 200, "thuongtruc": 200}
# The entry page of Hội Nông dân's report: the committee-wide roles and the organisation itself.
HND_REPORT = {"quantri": 200, "truongban": 200, "thuongtruc": 200, "hoinongdan": 200, "*": 404}
HND_IMPORT = {**HND_REPORT, "truongban": 403}


def _form(w):
    from danvan.reporting.tests.helpers import make_form, make_indicators

    return make_form(w, make_indicators(w))


def _entry(w):
    return {"form_pk": _form(w).pk, "org_pk": w.hnd.pk, "period": "2022M01"}


def _job(w):
    from danvan.core.periods import Period
    from danvan.reporting.models import ImportJob
    from danvan.reporting.services import open_report

    report = open_report(
        _form(w), w.hnd, Period.parse("2022M01"), acting_user=w.users["hoinongdan"]
    )
    job = ImportJob.objects.create(
        report=report, file="imports/x.xlsx", file_name="x.xlsx", created_by=w.users["hoinongdan"]
    )
    return {"pk": job.pk}


def _indicator(w):
    from danvan.reporting.tests.helpers import make_indicators

    return {"pk": make_indicators(w)["LUOT"].pk}


ROWS = [
    Row("reporting:index", everyone(200)),
    Row("reporting:indicator_list", everyone(200)),
    Row("reporting:indicator_create", only(COORDINATORS)),
    Row("reporting:indicator_edit", only(COORDINATORS), kwargs=_indicator),
    Row("reporting:form_list", everyone(200)),
    Row("reporting:form_create", only(COORDINATORS)),
    Row("reporting:form_detail", everyone(200), kwargs=lambda w: {"pk": _form(w).pk}),
    Row("reporting:form_edit", only(COORDINATORS), kwargs=lambda w: {"pk": _form(w).pk}),
    Row("reporting:rule_create", everyone(405), kwargs=lambda w: {"pk": 999999}),
    Row("reporting:rule_delete", everyone(405), kwargs=lambda w: {"pk": 999999}),
    Row("reporting:report_entry", HND_REPORT, kwargs=_entry),
    Row("reporting:report_template", HND_REPORT, kwargs=_entry),
    Row("reporting:report_import", HND_IMPORT, kwargs=_entry),
    Row("reporting:report_step", everyone(405), kwargs=lambda w: {"pk": 1, "action": "submit"}),
    Row("reporting:import_detail", HND_REPORT, kwargs=_job),
    Row("reporting:import_progress", HND_REPORT, kwargs=_job),
    Row("reporting:completeness", everyone(200)),
    Row("reporting:summary", everyone(200)),
]
