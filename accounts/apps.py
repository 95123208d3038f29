from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts import sessions

        # Session bookkeeping, not domain logic: every sign-in (the login page, sign-up,
        # the admin, the test client) starts the idle and absolute session clocks.
        user_logged_in.connect(sessions.on_sign_in, dispatch_uid="accounts.sessions.on_sign_in")
