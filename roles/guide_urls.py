from django.urls import path

from roles import guides

app_name = "guides"

urlpatterns = [
    path("", guides.guide_list, name="list"),
    path("<slug:from_slug>/<slug:to_slug>/", guides.guide_detail, name="detail"),
]
