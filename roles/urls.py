from django.urls import path

from roles import views

app_name = "roles"

urlpatterns = [
    path("roles/", views.role_list, name="list"),
    path("roles/<slug:slug>/", views.role_detail, name="detail"),
    path("compare/", views.compare, name="compare"),
    path("compare/<slug:first>-vs-<slug:second>/", views.compare_pair, name="compare_pair"),
]
