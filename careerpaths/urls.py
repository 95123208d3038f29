from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView

from careerpaths.health import healthz
from roles.views import home

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("assessments.account_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("assessments/", include("assessments.urls")),
    path("", home, name="home"),
    path("", include("roles.urls")),
    path("paths/", include("roles.guide_urls")),
]

handler500 = "careerpaths.errors.handler500"
