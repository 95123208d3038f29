import sys

from django.core.management.base import BaseCommand

from roles import framework


class Command(BaseCommand):
    help = "Export the whole career framework as JSON (docs/framework-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        body = framework.dumps(framework.export())
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(body)
            self.stderr.write(f"Framework written to {output}")
        else:
            sys.stdout.write(body)
