from django.shortcuts import render


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: our layout and words instead of Django's page (whose inline
    <style> the Content Security Policy would block). The reason stays in the log."""
    return render(request, "403_csrf.html", status=403)
