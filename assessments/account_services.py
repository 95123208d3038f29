"""Account workflows that span several models."""

from django.db import transaction


@transaction.atomic
def delete_account(*, user):
    """Delete the user and, through its on_delete=CASCADE foreign keys, everything they own.

    Atomic so a failure half-way leaves the account and all its data in place.
    """
    user.delete()
