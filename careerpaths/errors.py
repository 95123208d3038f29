"""Error handlers: a database outage is "service unavailable", not an internal error."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error

logger = logging.getLogger("careerpaths.errors")

# How long clients (and the load balancer) should wait before retrying. PostgreSQL
# restarts and failovers usually take a few seconds.
RETRY_AFTER_SECONDS = 10


@requires_csrf_token
def handler500(request, template_name="500.html"):
    """Answer 503 with a calm page when the database is unreachable, else the usual 500.

    Django calls this for every uncaught exception (views and middleware alike), still
    inside the ``except`` block, so ``sys.exception()`` is the error being handled.
    Django has already logged it with its traceback.
    """
    exc = sys.exception()
    if isinstance(exc, OperationalError | InterfaceError):
        logger.warning("database unavailable, answered 503 for %s %s", request.method, request.path)
        # Rendered without the request: no context processors, so nothing touches the
        # database (no session or user lookup) while it is down.
        body = loader.get_template("503.html").render({"request_method": request.method})
        response = HttpResponseServerError(body)
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return server_error(request, template_name)
