from django.apps import AppConfig


class RollupConfig(AppConfig):
    """National and provincial roll-ups of plans, capaian and RPD deviation (read only)."""

    name = "rollup"
    verbose_name = "Rekap nasional dan provinsi"
