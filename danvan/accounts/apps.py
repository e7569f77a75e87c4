from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from danvan.core.sections import register_catalog

        register_catalog(
            "users",
            _("Users"),
            "accounts:user_list",
            _("Accounts, their organisations and roles."),
            90,
        )
