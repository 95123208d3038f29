from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request):
    """/favicon.ico for clients that ask for it. The hashed name is looked up per request,
    not when the URLconf loads: before collectstatic there is no manifest to look it up in,
    and `manage.py check --deploy` must run then too."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: our layout and words instead of Django's page (whose inline
    <style> the Content Security Policy would block). The reason stays in the log."""
    return render(request, "403_csrf.html", status=403)
