from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _waiting(user) -> int:
    """Reports to approve (standing office) or to correct (the organisation's officers)."""
    from danvan.accounts.access import can_write, is_coordinator
    from danvan.reporting.models import Report

    if is_coordinator(user):
        return Report.objects.filter(status=Report.SUBMITTED).count()
    if can_write(user) and user.organization_id:
        return Report.objects.filter(
            organization_id=user.organization_id, status=Report.RETURNED
        ).count()
    return 0


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = _("Figure reports")

    def ready(self):
        from danvan.core import search
        from danvan.core.sections import register_catalog, register_inbox
        from danvan.reporting import tasks  # noqa: F401 - registers the periodic reminders
        from danvan.reporting.models import Indicator, ReportForm

        search.register(Indicator, _("Indicators"), order=60)
        search.register(ReportForm, _("Report forms"), order=61)
        register_catalog(
            "indicators",
            _("Indicators"),
            "reporting:indicator_list",
            _("The figures reported: unit, whole or decimal, how they add up, content area."),
            50,
        )
        register_catalog(
            "report_forms",
            _("Report forms"),
            "reporting:form_list",
            _("Which indicators, who reports, how often and by when; validation rules."),
            55,
        )
        register_inbox("reporting", _waiting)
