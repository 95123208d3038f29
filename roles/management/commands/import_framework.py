from roles.management.commands.load_framework import Command as LoadCommand


class Command(LoadCommand):
    help = "Import a framework file: validate everything, then update by slug in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")
