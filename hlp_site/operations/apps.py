from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "hlp_site.operations"
    label = "operations"
    verbose_name = "Operations"
