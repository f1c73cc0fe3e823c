"""Fake provider servers on 127.0.0.1 (HelloAsso, Brevo, Mailjet, Mailchimp).

Each module defines a FakeServer subclass replaying the payloads documented in
/work/shared/providers.md; `start(cls, port=0, **kw)` runs one in a thread (port 0 picks a
free port, for tests) and `serve.py` starts all of them on fixed ports for the demo."""

from .base import FakeServer, start, stop

__all__ = ["FakeServer", "start", "stop"]
