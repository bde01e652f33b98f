from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actors.demo import DEMO_PASSWORD, USERS
from actors.models import SiteSettings
from portal.demos import DEFAULT, DEMOS


class Command(BaseCommand):
    help = (
        "Load a demo collaboration: Husby's unless --collaboration names another. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--collaboration",
            default=DEFAULT,
            help=f"Whose demo to load: {', '.join(DEMOS)} (default {DEFAULT}).",
        )
        parser.add_argument(
            "--scale", type=int, default=1, help="Years of activity to make (default 1)."
        )

    def handle(self, *args, collaboration, scale, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo creates accounts with published passwords: not in production."
            )
        demo = DEMOS.get(collaboration)
        if demo is None:
            raise CommandError(
                f"There is no demo of the collaboration {collaboration!r}: "
                f"choose one of {', '.join(DEMOS)}."
            )
        if not 1 <= scale <= 50:
            raise CommandError("--scale must be between 1 and 50.")
        if scale != 1 and collaboration != DEFAULT:
            raise CommandError(f"--scale is for Husby's demo; {collaboration}'s tells one season.")
        # One deployment per collaboration: a database holds one collaboration's data. Settings
        # never set up are the defaults the first event saved, nobody's.
        held = (
            SiteSettings.objects.filter(pk=1, set_up=True)
            .exclude(name_sv=demo.name)
            .values_list("name_sv", flat=True)
            .first()
        )
        if held is not None:
            raise CommandError(
                f"This database holds the collaboration {held!r}, not {demo.name!r}: load "
                f"{collaboration}'s demo into a database of its own (`make run "
                f"COLLABORATION={collaboration}` gives it one)."
            )
        with transaction.atomic():
            demo.load(scale=scale)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo logins:"))
        for email, *_rest in USERS:
            self.stdout.write(f"  {email:28} password {DEMO_PASSWORD}")
