"""The signed-in home page (roles.views.home hands signed-in requests here)."""

from django.shortcuts import render

from plans.pages import home_context


def personal_home(request):
    """Never page-cached (roles/caching.py skips signed-in requests). Queries: session,
    user, and plans.pages.home_context's five."""
    return render(request, "plans/home.html", {"nav": "home", **home_context(request.user)})
