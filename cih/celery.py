"""The Celery application, configured from Django settings under the CELERY_ namespace.

Each worker also writes a heartbeat to Redis every few seconds, with a short expiry, so /healthz
can tell a load balancer whether any worker is alive.
"""

import os
import time

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cih.settings")

app = Celery("cih")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

HEARTBEAT_SECONDS = float(os.environ.get("WORKER_HEARTBEAT_SECONDS", "10"))


class Heartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_ref = None

    def start(self, worker):
        self.beat(worker)
        self.timer_ref = worker.timer.call_repeatedly(HEARTBEAT_SECONDS, self.beat, (worker,))

    def stop(self, worker):
        if self.timer_ref is not None:
            self.timer_ref.cancel()

    def beat(self, worker):
        from cih.health import HEARTBEAT_KEY, broker

        expiry = max(int(HEARTBEAT_SECONDS * 3), 1)
        broker().set(f"{HEARTBEAT_KEY}{worker.hostname}", time.time(), ex=expiry)


# The heartbeat lives in Redis; the embedded broker of `make run` has no /healthz to tell.
if app.conf.broker_url.startswith(("redis://", "rediss://")):
    app.steps["worker"].add(Heartbeat)
