#!/usr/bin/env python3
"""Run the fake HelloAsso, Brevo, Mailjet and Mailchimp servers on fixed 127.0.0.1 ports
for the demo (tools/gen/integrations.py points the demo connectors at them).

    python3 tools/fakes/serve.py [--orders 300]

Runs in the foreground until interrupted (SIGINT/SIGTERM)."""

import argparse
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fakes.brevo import BrevoFake  # noqa: E402
from fakes.helloasso import HelloAssoFake  # noqa: E402
from fakes.helloasso_data import generated_orders, sample_orders  # noqa: E402
from fakes.mailchimp import MailchimpFake  # noqa: E402
from fakes.mailjet import MailjetFake  # noqa: E402

DEMO_PORTS = {"helloasso": 8791, "brevo": 8792, "mailjet": 8793, "mailchimp": 8794}


def start_all(ports=DEMO_PORTS, orders=300):
    """Start the four fakes; return {provider: server}."""
    servers = {
        "helloasso": HelloAssoFake(ports["helloasso"], orders=sample_orders() + generated_orders(orders)),
        "brevo": BrevoFake(ports["brevo"]),
        "mailjet": MailjetFake(ports["mailjet"]),
        "mailchimp": MailchimpFake(ports["mailchimp"]),
    }
    for server in servers.values():
        server.serve_in_thread()
    return servers


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=300, help="generated HelloAsso orders on top of the samples")
    args = parser.parse_args()
    try:
        servers = start_all(orders=args.orders)
    except OSError as exc:
        sys.exit(f"fakes: cannot listen on {DEMO_PORTS} ({exc}); is serve.py already running?")
    for name, server in servers.items():
        print(f"fake {name}: {server.url}", flush=True)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    for server in servers.values():
        server.shutdown()


if __name__ == "__main__":
    main()
