#!/usr/bin/env python3
"""Run the fake HelloAsso, Brevo, Mailjet and Mailchimp servers on fixed 127.0.0.1 ports
for the demo (tools/gen/integrations.py points the demo connectors at them).

    python3 tools/fakes/serve.py [--orders 300] [--state FILE]

Runs in the foreground until interrupted (SIGINT/SIGTERM). With --state, what the fakes hold
(lists pushed to, orders, campaigns...) is read from FILE at start and written back at exit, so
that a demo database kept between two starts finds its providers as it left them."""

import argparse
import pickle
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


def load_states(servers, path):
    if not path.exists():
        return
    states = pickle.loads(path.read_bytes())  # noqa: S301 - the file save_states wrote
    for name, server in servers.items():
        if name in states:
            server.load_state(states[name])


def save_states(servers, path):
    partial = path.with_suffix(".tmp")
    partial.write_bytes(pickle.dumps({name: server.dump_state() for name, server in servers.items()}))
    partial.replace(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=300, help="generated HelloAsso orders on top of the samples")
    parser.add_argument("--state", type=Path, help="file keeping what the fakes hold from one start to the next")
    args = parser.parse_args()
    try:
        servers = start_all(orders=args.orders)
    except OSError as exc:
        sys.exit(f"fakes: cannot listen on {DEMO_PORTS} ({exc}); is serve.py already running?")
    if args.state:
        load_states(servers, args.state)
    for name, server in servers.items():
        print(f"fake {name}: {server.url}", flush=True)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    for server in servers.values():
        server.shutdown()
    if args.state:
        save_states(servers, args.state)


if __name__ == "__main__":
    main()
