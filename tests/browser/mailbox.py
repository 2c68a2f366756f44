"""A real SMTP server (aiosmtpd) on loopback for the browser tests' site server: the
email updates journey reads its confirmation email here."""

import email
import socket
import time
from email import policy

from aiosmtpd.controller import Controller


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def wait_for(self, address, timeout=15):
        """The latest message to `address`, waiting for it to arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in reversed(self.messages):
                if address in message["To"]:
                    return message
            time.sleep(0.2)
        raise AssertionError(f"no email to {address} within {timeout} s")


def start():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    mailbox.port = port
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    return mailbox, controller
