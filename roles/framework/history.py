"""Imports in the admin's change history (``LogEntry``): who, when, which file, what changed."""

import hashlib

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from roles.framework.loading import LoadReport


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def log_import(*, user_id: int, source: str, text: str, report: LoadReport) -> LogEntry:
    """One history entry for a whole import (the bulk writes log nothing per record)."""
    from roles.models import FrameworkUpload  # the history lists imports under this type

    size = len(text.encode("utf-8", "surrogatepass"))
    return LogEntry.objects.create(
        user_id=user_id,
        content_type=ContentType.objects.get_for_model(FrameworkUpload),
        object_id=None,
        object_repr=f"Framework import: {source}"[:200],
        action_flag=CHANGE,
        change_message=(
            f"Imported {source} ({size:,} bytes, SHA-256 {digest(text)[:16]}): {report.summary()}."
        ),
    )
