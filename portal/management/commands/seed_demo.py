from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actors.demo import DEMO_PASSWORD, USERS
from portal import demo


class Command(BaseCommand):
    help = "Load the demo collaboration in Husby. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="Years of activity to make (default 1)."
        )

    def handle(self, *args, scale, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo creates accounts with published passwords: not in production."
            )
        if not 1 <= scale <= 50:
            raise CommandError("--scale must be between 1 and 50.")
        with transaction.atomic():
            demo.load(scale=scale)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo logins:"))
        for email, *_rest in USERS:
            self.stdout.write(f"  {email:28} password {DEMO_PASSWORD}")
