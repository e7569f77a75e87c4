from danvan.core.testing import Row, everyone, only

EDITORS = {"quantri": 200, "thuongtruc": 200}

ROWS = [
    Row("orgs:catalog", everyone(200)),
    Row("orgs:committee_current", everyone(302)),
    Row("orgs:committee_detail", everyone(200), kwargs=lambda w: {"pk": w.committee.pk}),
    Row("orgs:committee_edit", only(EDITORS), kwargs=lambda w: {"pk": w.committee.pk}),
    Row("orgs:term_create", only(EDITORS), kwargs=lambda w: {"pk": w.committee.pk}),
    Row("orgs:position_create", only(EDITORS), kwargs=lambda w: {"term_pk": w.term.pk}),
    Row("orgs:position_edit", only(EDITORS), kwargs=lambda w: {"pk": w.term.positions.first().pk}),
    Row("orgs:organization_list", everyone(200)),
    Row("orgs:organization_create", only(EDITORS)),
    Row("orgs:organization_detail", everyone(200), kwargs=lambda w: {"pk": w.mttq.pk}),
    Row("orgs:organization_edit", only(EDITORS), kwargs=lambda w: {"pk": w.mttq.pk}),
    Row("orgs:organization_rename", only(EDITORS), kwargs=lambda w: {"pk": w.bdv.pk}),
]
