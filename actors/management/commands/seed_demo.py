from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actors.demo import DEMO_PASSWORD, USERS


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
        # Each app that has demo data keeps it in its own demo.py, loaded in dependency order:
        # `load` where an app defines it, then a second pass of `load_late`, for what can only
        # be finished once a higher app has loaded (an initiative moves past funding once the
        # fund has allocated its budget; a report needs a completed initiative).
        with transaction.atomic():
            modules = [
                import_module(f"{app}.demo")
                for app in settings.PORTAL_APPS
                if find_spec(f"{app}.demo") is not None
            ]
            for step in ("load", "load_late"):
                for module in modules:
                    if hasattr(module, step):
                        getattr(module, step)(scale=scale)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo logins:"))
        for email, *_rest in USERS:
            self.stdout.write(f"  {email:28} password {DEMO_PASSWORD}")
