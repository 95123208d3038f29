from django.core.management.base import BaseCommand, CommandError

from plans.reminders import due_reminders, send_due


class Command(BaseCommand):
    help = (
        "Email a reminder to everyone whose check-in is due: one per due date, so it is safe "
        "to run every hour from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", required=True, help="The site's address for links, e.g. https://careers.example.com"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List who is due; send and record nothing."
        )

    def handle(self, *args, base_url, dry_run, **options):
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("--base-url must start with http:// or https://")
        if dry_run:
            due = due_reminders()
            for item in due:
                self.stdout.write(f"would remind {item.plan.user.get_username()} (due {item.due:%Y-%m-%d})")
            self.stdout.write(f"{len(due)} reminder(s) due; dry run, nothing sent.")
            return
        sent, failed = send_due(base_url=base_url)
        self.stdout.write(f"{sent} reminder(s) sent, {failed} failed.")
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent; the next run tries again.")
