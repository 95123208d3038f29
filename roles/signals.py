"""Receivers that only replace the framework's cache token (roles/caching.py).

No other logic lives here: what a change means is decided in models and services.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from roles import caching, models

FRAMEWORK_MODELS = [
    models.Track,
    models.Dimension,
    models.SkillCategory,
    models.Skill,
    models.SkillLevel,
    models.Role,
    models.RoleDimension,
    models.Expectation,
    models.TransitionGuide,
    models.GuideReading,
    models.LearningResource,
]


def framework_changed(sender, **kwargs):
    caching.bump()


def connect():
    for model in FRAMEWORK_MODELS:
        post_save.connect(framework_changed, sender=model, dispatch_uid=f"bump-{model.__name__}-save")
        post_delete.connect(framework_changed, sender=model, dispatch_uid=f"bump-{model.__name__}-delete")
    m2m_changed.connect(
        framework_changed, sender=models.Role.next_roles.through, dispatch_uid="bump-next-roles"
    )
