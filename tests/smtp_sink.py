"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, for tests and bench/.

`reject` answers RCPT for an address with a fixed code ("550 ..." permanent, "451 ..." transient);
`reject_once` does so only for the first attempt. `connections()` counts the connections that
brought messages. With `hold_after` set, the messages after that many are held unanswered (the
server has not said 250) until it is cleared; a client that goes away meanwhile has sent nothing,
as with a real server.
"""

import asyncio
import email
import socket
import threading
from collections import Counter
from email import policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SinkHandler:
    def __init__(self, *, parse: bool = True):
        self.parse = parse
        self.lock = threading.Lock()
        self.messages = []  # parsed messages (or raw bytes when parse is False)
        self.recipients = []  # one entry per accepted message and recipient
        self.peers = []  # the client's address and port, one entry per accepted message
        self.reject: dict[str, str] = {}
        self.reject_once: dict[str, str] = {}
        self.hold_after: int | None = None
        self.waiting = 0  # messages held unanswered now

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            answer = self.reject.get(address) or self.reject_once.pop(address, None)
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def _held(self) -> bool:
        with self.lock:
            return self.hold_after is not None and len(self.messages) >= self.hold_after

    async def handle_DATA(self, server, session, envelope):
        if self._held():
            self.waiting += 1
            try:
                while self._held():
                    await asyncio.sleep(0.05)  # cancelled if the client goes away
            finally:
                self.waiting -= 1
            if server.transport is None or server.transport.is_closing():
                raise asyncio.CancelledError  # the client went away before the answer
        message = (
            email.message_from_bytes(envelope.content, policy=policy.default)
            if self.parse
            else envelope.content
        )
        with self.lock:
            self.messages.append(message)
            self.recipients.extend(envelope.rcpt_tos)
            self.peers.append(session.peer)
        return "250 Message accepted for delivery"

    def counts(self) -> Counter:
        with self.lock:
            return Counter(self.recipients)

    def connections(self) -> int:
        with self.lock:
            return len(set(self.peers))

    def to(self, address: str) -> list:
        with self.lock:
            return [message for message in self.messages if address in str(message["To"])]


class SmtpSink:
    def __init__(self, *, parse: bool = True, port: int | None = None):
        self.handler = SinkHandler(parse=parse)
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def use_in(self, settings) -> None:
        """Point Django's mail at this server for the rest of the test."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 10

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def __getattr__(self, name):
        return getattr(self.handler, name)
