"""Review-link and review workflows (keyword-only; views call these)."""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.mail import after_response
from reviews.models import LinkVisit, Review, ReviewLink, ReviewRating, display_name

# Session key: the ids of the links this browser has opened (their grants).
GRANTS = "review_link_grants"
# A session holds at most this many grants (oldest dropped): a session is not a store.
MAX_GRANTS = 50


def create_link(*, assessment, days, message="", email="", base_url=""):
    """A new link to ``assessment``; returns (link, token). The token exists only here:
    the database keeps its hash. With ``email``, the invitation goes after the response."""
    token, token_hash = ReviewLink.new_token()
    now = timezone.now()
    link = ReviewLink.objects.create(
        assessment=assessment,
        token_hash=token_hash,
        message=message,
        invited_email=email,
        created_at=now,
        expires_at=now + ReviewLink.lifetime(days),
    )
    if email:
        context = {
            "owner": display_name(assessment.user),
            "role": assessment.role_name,
            "message": message,
            "link": base_url + reverse("reviews:open", args=[token]),
            "expires_at": link.expires_at,
        }
        subject = f"{context['owner']} asks for your view of their {assessment.role_name} self-assessment"

        def send():
            send_mail(subject, render_to_string("reviews/email/invitation.txt", context), None, [email])

        after_response(send)
    return link, token


def revoke_link(*, link):
    """Revoke at once (idempotent); every grant to it stops working on the next request."""
    ReviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def exchange(*, session, user, token):
    """The active link ``token`` opens, granted to this session (and recorded for a signed-in
    ``user``), or None for an unknown, expired or revoked token: they all look the same."""
    candidate = (
        ReviewLink.objects.active()
        .for_token(token)
        .annotate(owner_id=F("assessment__user_id"))
        .only("pk", "token_hash", "public_id")
        .first()
    )
    if candidate is None or not candidate.matches(token):
        return None
    grants = [g for g in session.get(GRANTS, []) if isinstance(g, int) and g != candidate.pk]
    session[GRANTS] = [*grants[-(MAX_GRANTS - 1) :], candidate.pk]
    ReviewLink.objects.filter(pk=candidate.pk).update(last_opened_at=timezone.now())
    record_visit(user=user, link=candidate, owner_id=candidate.owner_id)
    return candidate


def grants_of(session):
    return [g for g in session.get(GRANTS, []) if isinstance(g, int)]


def record_visit(*, user, link, owner_id):
    """Remember that signed-in ``user`` (not the owner) opened ``link``."""
    if user.is_authenticated and user.pk != owner_id:
        # One statement whether or not it is new (no SELECT, no savepoint).
        LinkVisit.objects.bulk_create([LinkVisit(link=link, user=user)], ignore_conflicts=True)


def save_review(*, link, reviewer, levels, comments, overall):
    """Create or replace ``reviewer``'s review of the link's assessment."""
    with transaction.atomic():
        review, _ = Review.objects.update_or_create(
            assessment_id=link.assessment_id,
            reviewer=reviewer,
            defaults={"link": link, "comment": overall},
        )
        review.ratings.all().delete()
        ReviewRating.objects.bulk_create(
            [
                ReviewRating(review=review, skill_slug=slug, level=level, comment=comments.get(slug, ""))
                for slug, level in levels.items()
            ]
        )
    return review


def delete_review(*, review):
    review.delete()
