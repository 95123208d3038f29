"""Workflows on a whole account."""

from django.contrib.auth.models import User
from django.db import transaction

from assessments.models import Assessment, Rating


def delete_account(*, user: User) -> None:
    """Delete ``user`` and everything they own (assessments and their ratings), atomically."""
    with transaction.atomic():
        Rating.objects.filter(assessment__user=user).delete()
        Assessment.objects.filter(user=user).delete()
        user.delete()
