"""Account emails go out after the response (docs/security.md, "Password reset").

Sending mail inside the request made a password reset for a registered address measurably
slower than one for an unknown address, which told anyone which addresses have accounts.
Views hand the whole job (looking the account up, rendering, sending) to ``after_response``;
it runs when the WSGI server closes the response (``request_finished``), once the client
has everything, so both answers do the same work. Outside a request (shell, commands) the
job runs at once.
"""

import logging
import threading

log = logging.getLogger(__name__)
_state = threading.local()


def after_response(job):
    """Run ``job()`` once the current response has been sent (now, outside a request)."""
    jobs = getattr(_state, "jobs", None)
    if jobs is None:
        _run(job)
    else:
        jobs.append(job)


def on_request_started(**kwargs):
    _state.jobs = []


def on_request_finished(**kwargs):
    jobs, _state.jobs = getattr(_state, "jobs", None) or [], None
    for job in jobs:
        _run(job)


def _run(job):
    # The response is gone: a mail server that is down must not turn into an error page
    # (or, here, an exception in the server's close()), only into a log line.
    try:
        job()
    except Exception:
        log.exception("An account email could not be sent")
