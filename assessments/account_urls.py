"""Account pages of our own; Django's auth views follow them under the same prefix."""

from django.urls import path

from assessments import account_views

urlpatterns = [
    path("signup/", account_views.signup, name="signup"),
    path("profile/", account_views.profile, name="profile"),
    path("delete/", account_views.account_delete, name="account_delete"),
]
