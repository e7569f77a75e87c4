from django.contrib import admin
from django.urls import include, path

from danvan.accounts.urls import auth_urlpatterns
from danvan.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include(auth_urlpatterns)),
    path("accounts/", include("danvan.accounts.urls")),
    path("accounts/tokens/", include("danvan.api.token_urls")),
    path("catalog/", include("danvan.orgs.urls")),
    path("catalog/units/", include("danvan.geo.urls")),
    path("catalog/areas/", include("danvan.areas.urls")),
    path("tasks/", include("danvan.tasks.urls")),
    path("programs/", include("danvan.planning.urls")),
    path("reports/", include("danvan.reporting.urls")),
    path("directions/", include("danvan.directions.urls")),
    path("meetings/", include("danvan.meetings.urls")),
    path("practices/", include("danvan.practices.urls")),
    path("situations/", include("danvan.situations.urls")),
    path("training/", include("danvan.training.urls")),
    path("documents/", include("danvan.documents.urls")),
    path("api/", include("danvan.api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("danvan.core.urls")),
    path("", include("danvan.overview.urls")),
]
