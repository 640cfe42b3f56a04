"""URL configuration: the shell here, each part's URLs under its own prefix."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from jiceng.api.router import api
from jiceng.parts import parts_with
from jiceng.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", RedirectView.as_view(url=static("jiceng/favicon.svg"), permanent=True)),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", views.audit_log, name="audit"),
    path("audit/export.xlsx", views.audit_export, name="audit_export"),
    path("organisations/", views.organisations, name="organisations"),
    path("help/", include("jiceng.web.help")),
    path("api/", api.urls),
    *[path(f"{part}/", include(f"jiceng.{part}.urls")) for part in parts_with("urls")],
]

handler403 = "jiceng.web.views.error_403"
handler404 = "jiceng.web.views.error_404"
handler500 = "jiceng.web.views.error_500"
