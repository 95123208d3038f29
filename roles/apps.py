from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Roles & rubrics"

    def ready(self):
        from roles import signals

        signals.connect()
