from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from roles import framework
from roles.framework.document import read_text
from roles.framework.history import log_import


class Command(BaseCommand):
    help = "Import a framework file: validate everything, then update by slug in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")
        parser.add_argument(
            "--user",
            help="Record the import in the admin's change history under this username.",
        )

    def handle(self, *args, file, dry_run, user=None, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f'No user "{user}": nothing was loaded.')
        try:
            text = read_text(file)
            with transaction.atomic():
                report = framework.load(framework.parse(text), dry_run=dry_run)
                if account and not dry_run:
                    log_import(user_id=account.pk, source=file, text=text, report=report)
        except framework.FrameworkError as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(f"{file} was not loaded ({len(exc.problems)} problem(s)):\n{lines}") from None
        prefix = "Dry run, nothing written — would have " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()}")
