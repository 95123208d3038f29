from django.contrib import admin
from django.urls import include, path

from careerpaths.health import healthz
from careerpaths.views import favicon
from roles.views import home

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("assessments/", include("assessments.urls")),
    path("", include("reviews.urls")),
    path("plan/", include("plans.urls")),
    path("", home, name="home"),
    path("", include("roles.urls")),
    path("paths/", include("roles.guide_urls")),
]

handler500 = "careerpaths.errors.handler500"
