from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dari.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed
        from django.contrib.auth.signals import user_login_failed

        from dari.accounts.auth import count_login_failure, join_by_domain

        user_login_failed.connect(count_login_failure, dispatch_uid="dari-login-failures")
        email_confirmed.connect(join_by_domain, dispatch_uid="dari-join-by-domain")
