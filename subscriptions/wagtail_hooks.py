from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

app_name = "subscriptions_admin"
urlpatterns = [
    path("", admin_views.ReportView.as_view(), name="report"),
    path("person/", admin_views.PersonView.as_view(), name="person"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("email-updates/", include((urlpatterns, app_name), namespace=app_name))]


class PermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        "Email updates",
        reverse("subscriptions_admin:report"),
        name="email-updates",
        icon_name="mail",
        order=950,
    )
