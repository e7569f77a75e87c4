from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "danvan.overview"
    label = "overview"

    def ready(self) -> None:
        from danvan.overview import sources

        if sources.has_module("danvan.reporting.signals"):
            from danvan.reporting.signals import approved_figures_changed

            approved_figures_changed.connect(
                _keep_dashboards, dispatch_uid="overview.keep_dashboards"
            )


def _keep_dashboards(sender, periods, **kwargs) -> None:
    from danvan.overview.tasks import keep_dashboards

    keep_dashboards(sorted({period.start.year for period in periods}))
