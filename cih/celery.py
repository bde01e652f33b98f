"""The Celery application, configured from Django settings under the CELERY_ namespace.

Each worker also leaves a heartbeat on its broker every few seconds (cih/health.py), so /healthz
can tell whether any worker is alive.
"""

import os

from celery import Celery, bootsteps
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cih.settings")

app = Celery("cih")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class Heartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_ref = None

    def start(self, worker):
        self.beat(worker)
        self.timer_ref = worker.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_SECONDS, self.beat, (worker,)
        )

    def stop(self, worker):
        if self.timer_ref is not None:
            self.timer_ref.cancel()

    def beat(self, worker):
        from cih.health import heartbeat_write

        heartbeat_write(worker.hostname)


app.steps["worker"].add(Heartbeat)
