import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from newsletter import bounces
from newsletter.services import deliveries, following


class Command(BaseCommand):
    help = (
        "Read bounce reports (delivery status notifications) into the deliveries of editions and "
        "of mails to followers: one message on "
        "standard input, the way a mail server pipes the bounce address to a program, or the "
        "message files named. Always exits 0, so the mail server never bounces a bounce."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="message files (.eml); none: standard input")

    def handle(self, *args, files, **options):
        messages = [Path(name).read_bytes() for name in files] or [sys.stdin.buffer.read()]
        for raw in messages:
            for bounce in bounces.read_report(raw):
                if bounce.delivery_id is None:
                    matched = following.follow_bounce_record(bounce)
                    what = f"follow mail {bounce.message_id}"
                else:
                    matched = deliveries.bounce_record(bounce)
                    what = f"delivery {bounce.delivery_id}"
                outcome = "recorded" if matched else "matched no delivery; ignored"
                kind = "permanent" if bounce.permanent else "temporary"
                self.stdout.write(f"{kind} bounce for {what}: {outcome}")
