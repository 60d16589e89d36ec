from django.apps import AppConfig


class RenaksiConfig(AppConfig):
    """The project package as an app, so that its system checks are registered."""

    name = "renaksi"
    verbose_name = "Renaksi"

    def ready(self):
        from renaksi import checks  # noqa: F401 (registers the checks)
