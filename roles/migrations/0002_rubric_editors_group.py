"""Create the "Rubric editors" group: full control of the roles app, nothing else."""

from django.db import migrations

GROUP = "Rubric editors"
MODELS = [
    "track",
    "dimension",
    "skillcategory",
    "skill",
    "skilllevel",
    "role",
    "roledimension",
    "expectation",
]


def create_group(apps, schema_editor):
    # Permissions are normally created after migrations run; make sure they exist now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
    group.permissions.set(Permission.objects.filter(content_type__app_label="roles", codename__in=codenames))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
