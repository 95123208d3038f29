from django.core.management.base import BaseCommand, CommandError

from roles import framework, starter


class Command(BaseCommand):
    help = (
        "Update this site to a newer starter framework file: list every field it would change, "
        "keep fields edited here since the last load (conflicts) unless --force, apply all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(framework.STARTER_FILE))
        parser.add_argument("--dry-run", action="store_true", help="Show the changes; write nothing.")
        parser.add_argument(
            "--force", action="store_true", help="Take the file's value even where an editor changed it."
        )

    def handle(self, *args, file, dry_run, force, **options):
        try:
            new = framework.read_file(file)
            problems = framework.validate(new)
            if problems:
                raise framework.FrameworkError(problems)
            base = starter.baseline()
            plan = starter.plan_update(base=base, current=framework.export(), new=new, force=force)
            if not dry_run and (plan.changes or base is None):
                starter.apply_update(plan, source=file)
            elif dry_run:
                framework.load(plan.merged, dry_run=True)  # the merged result must be valid too
        except framework.FrameworkError as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(f"{file} was not applied ({len(exc.problems)} problem(s)):\n{lines}") from None
        for line in plan.changes:
            self.stdout.write(f"  change: {line}")
        for line in plan.conflicts:
            self.stdout.write(f"  conflict: {line}")
        for line in plan.notes:
            self.stdout.write(f"  note: {line}")
        counts = f"{len(plan.changes)} change(s), {len(plan.conflicts)} conflict(s) kept as edited"
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {counts}.")
        elif plan.changes:
            self.stdout.write(f"Applied: {counts}.")
        else:
            self.stdout.write(f"Nothing to apply: {counts}.")
