from django.core.management.base import BaseCommand, CommandError

from roles import framework


class Command(BaseCommand):
    help = "Import a framework file: validate everything, then update by slug in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            report = framework.load(framework.read_file(file), dry_run=dry_run)
        except framework.FrameworkError as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(f"{file} was not loaded ({len(exc.problems)} problem(s)):\n{lines}") from None
        prefix = "Dry run, nothing written — would have " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()}")
