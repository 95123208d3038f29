"""Framework files kept on the server between the admin import's preview and confirmation."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class FrameworkUploadQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(expires_at__lte=timezone.now())

    def pending_for(self, user):
        return self.filter(user=user, expires_at__gt=timezone.now())


class FrameworkUpload(models.Model):
    """A framework file between its preview and the editor's confirmation (admin import).

    Kept on the server so that confirming does not send the file back: found by a random
    id and only for the editor who uploaded it, it expires after ``LIFETIME`` and is
    deleted once imported; expired ones are removed whenever a file is uploaded.
    """

    LIFETIME = timedelta(hours=1)
    KEEP_PER_USER = 3  # pending uploads per editor (several tabs), bounds the storage used

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    text = models.TextField()
    # The framework's cache token when previewed: a different one at confirmation means
    # the framework changed since, and the preview is shown again.
    framework_token = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    objects = FrameworkUploadQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="framework_upload_expires_after_created",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.user}, {self.created_at:%Y-%m-%d %H:%M})"

    @classmethod
    def stage(cls, *, user, name: str, text: str, sha256: str, framework_token: str) -> "FrameworkUpload":
        """Keep ``text`` for ``user``; drop expired uploads and this user's oldest extra ones."""
        cls.objects.expired().delete()
        keep = list(
            cls.objects.filter(user=user)
            .order_by("-created_at")
            .values_list("pk", flat=True)[: cls.KEEP_PER_USER - 1]
        )
        cls.objects.filter(user=user).exclude(pk__in=keep).delete()
        now = timezone.now()
        return cls.objects.create(
            user=user,
            name=name[:255],
            text=text,
            sha256=sha256,
            framework_token=framework_token,
            created_at=now,
            expires_at=now + cls.LIFETIME,
        )
