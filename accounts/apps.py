from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.core.signals import request_finished, request_started

        from accounts import backends, mail, sessions

        # Session bookkeeping, not domain logic: every sign-in (the login page, sign-up,
        # the admin, the test client) starts the idle and absolute session clocks.
        user_logged_in.connect(sessions.on_sign_in, dispatch_uid="accounts.sessions.on_sign_in")
        # Account emails are sent once the response has gone out (accounts/mail.py).
        request_started.connect(mail.on_request_started, dispatch_uid="accounts.mail.started")
        request_finished.connect(mail.on_request_finished, dispatch_uid="accounts.mail.finished")
        # Failed sign-ins per client address, on top of axes' per-username count.
        user_login_failed.connect(backends.count_failure, dispatch_uid="accounts.backends.count_failure")
