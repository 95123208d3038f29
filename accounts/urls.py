"""Account pages of our own; Django's auth views follow them under the same prefix."""

from django.urls import path

from accounts import email_views, views

urlpatterns = [
    # Before django.contrib.auth.urls, which has a view of the same name and path.
    path("login/", views.LoginView.as_view(), name="login"),
    path("signup/", views.signup, name="signup"),
    path("profile/", views.profile, name="profile"),
    path("delete/", views.account_delete, name="account_delete"),
    path("email/confirm/<str:token>/", email_views.email_confirm, name="email_confirm"),
    path("email/cancel/", email_views.email_cancel, name="email_cancel"),
    # Before django.contrib.auth.urls, which has a view of the same name and path.
    path("password_reset/", views.password_reset, name="password_reset"),
]
