from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Pemantauan"
    default_auto_field = "django.db.models.BigAutoField"
