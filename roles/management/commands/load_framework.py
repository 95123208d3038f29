from django.core.management.base import BaseCommand, CommandError

from roles import framework, starter


class Command(BaseCommand):
    help = (
        "Load the starter framework (or FILE) into an EMPTY framework. Against a framework that "
        "has content it writes nothing: editors' work is never overwritten (see update_framework)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(framework.STARTER_FILE))

    def handle(self, *args, file, **options):
        try:
            report = starter.load_if_empty(framework.read_file(file), source=file)
        except framework.FrameworkError as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(f"{file} was not loaded ({len(exc.problems)} problem(s)):\n{lines}") from None
        if report is None:
            self.stdout.write(
                "The framework already has content: nothing loaded "
                "(to apply a newer starter file: manage.py update_framework --dry-run)."
            )
        else:
            self.stdout.write(f"Starter framework loaded: {report.summary()}")
