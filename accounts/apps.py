from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import request_finished, request_started

        from accounts import mail, sessions

        # Session bookkeeping, not domain logic: every sign-in (the login page, sign-up,
        # the admin, the test client) starts the idle and absolute session clocks.
        user_logged_in.connect(sessions.on_sign_in, dispatch_uid="accounts.sessions.on_sign_in")
        # Account emails are sent once the response has gone out (accounts/mail.py).
        request_started.connect(mail.on_request_started, dispatch_uid="accounts.mail.started")
        request_finished.connect(mail.on_request_finished, dispatch_uid="accounts.mail.finished")
