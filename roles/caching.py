"""The framework's cache token: part of every cached page's key (careerpaths/pagecache.py).

Role pages change only when an editor changes the framework, so rendered pages are kept
under the framework's current ``ContentVersion`` token; any change to the framework
replaces the token (``bump``), which orphans every cached page at once, in every worker.
Orphans age out of the cache (LRU, ``MAX_ENTRIES``).

What bumps the token: every save/delete of a roles model and every change to a role's
next roles (roles/signals.py), plus explicit ``bump()`` calls after the bulk writes that
send no signals (``framework.load``, the admin's publish/unpublish actions).
"""

import secrets

from roles.models import ContentVersion

FRAMEWORK = "framework"


def bump():
    """Give the framework a new token (inside the caller's transaction, if any).

    One upsert: the row may be missing (a flushed test database), and concurrent editors
    simply queue on the row lock until the first commits.
    """
    ContentVersion.objects.bulk_create(
        [ContentVersion(name=FRAMEWORK, token=secrets.token_hex(16))],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["token"],
    )


def current_token():
    """The framework's token, or None when there is none yet (then nothing is cached)."""
    return ContentVersion.objects.filter(name=FRAMEWORK).values_list("token", flat=True).first()
