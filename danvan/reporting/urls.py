from django.urls import path
from django.utils.translation import gettext_lazy as _

from danvan.core.views import section_pending

app_name = "reporting"
urlpatterns = [
    path("", section_pending, {"section_label": _("Figure reports")}, name="index"),
]
