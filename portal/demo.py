"""The demo collaboration in Husby, loaded app by app in the order its story happens.

Each app keeps its own demo data in its `demo.py`; this is the one place that knows them all and
the order they need: who we are, what residents said, what was prioritised, the workshops, the
initiatives (as far as the funding step), the fund's books (which allocate their budgets), the
initiatives that move on once funded, a completed one's evaluation report, the newsletter, and
the notifications all that leaves waiting for the demo's people. The story happened in the past:
the mails its actions ask for are recorded as sent, and none leaves, so loading it mails no one.
"""

from actors import demo as actors_demo
from actors.mail import mail_sent_long_ago
from focusgroups import demo as focusgroups_demo
from funding import demo as funding_demo
from initiatives import demo as initiatives_demo
from newsletter import demo as newsletter_demo
from notifications import demo as notifications_demo
from prioritization import demo as prioritization_demo
from reports import demo as reports_demo
from workshops import demo as workshops_demo

STORY = (
    actors_demo.load,
    focusgroups_demo.load,
    prioritization_demo.load,
    workshops_demo.load,
    initiatives_demo.load,
    funding_demo.load,
    initiatives_demo.move_on_funded,
    reports_demo.load,
    newsletter_demo.load,
    notifications_demo.load,
)


def load(*, scale: int = 1) -> None:
    """Every step of the story, at `scale` years of activity. Running it again changes nothing."""
    with mail_sent_long_ago():
        for step in STORY:
            step(scale=scale)
