from django.apps import AppConfig


class OpenWebConfig(AppConfig):
    name = "hlp_site.openweb"
    label = "openweb"
    verbose_name = "Open web"
