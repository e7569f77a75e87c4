from django.urls import path

from danvan.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("committee/", views.committee_current, name="committee_current"),
    path("committee/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("committee/<int:pk>/edit/", views.committee_edit, name="committee_edit"),
    path("committee/<int:pk>/terms/new/", views.term_create, name="term_create"),
    path("terms/<int:term_pk>/positions/new/", views.position_create, name="position_create"),
    path("positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/rename/", views.organization_rename, name="organization_rename"),
]
