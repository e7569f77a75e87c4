from django.urls import path

from danvan.reporting import views

app_name = "reporting"
entry = "forms/<int:form_pk>/<int:org_pk>/<str:period>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_edit, name="indicator_create"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("forms/", views.form_list, name="form_list"),
    path("forms/new/", views.form_edit, name="form_create"),
    path("forms/<int:pk>/", views.form_detail, name="form_detail"),
    path("forms/<int:pk>/edit/", views.form_edit, name="form_edit"),
    path("forms/<int:pk>/rules/new/", views.rule_create, name="rule_create"),
    path("rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path(entry, views.report_entry, name="report_entry"),
    path(entry + "excel/", views.report_template, name="report_template"),
    path(entry + "import/", views.report_import, name="report_import"),
    path("<int:pk>/step/<str:action>/", views.report_step, name="report_step"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("completeness/", views.completeness, name="completeness"),
    path("summary/", views.summary, name="summary"),
]
