from django.urls import path

from roles import views

urlpatterns = [
    path("", views.home, name="home"),
]
