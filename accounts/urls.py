"""Account pages of our own; Django's auth views follow them under the same prefix."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("profile/", views.profile, name="profile"),
    path("delete/", views.account_delete, name="account_delete"),
]
