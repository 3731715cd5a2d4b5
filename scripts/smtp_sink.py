#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A local SMTP sink for `scripts/hbri cluster` (aiosmtpd): it keeps nothing but a line per message.

    smtp_sink.py --port 8295 --messages messages.jsonl --refuse-flag refuse

While the file named by --refuse-flag exists, every connection is greeted with "421 try again later" and
closed, as a relay that refuses mail; otherwise aiosmtpd accepts the messages and one JSON line per message (its
recipients, Subject and Message-Id) is appended to --messages. Listens on 127.0.0.1 only.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    """aiosmtpd's handler: one JSON line per message accepted."""

    def __init__(self, path):
        self.path = path

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        seen = {"to": envelope.rcpt_tos, "subject": str(message.get("Subject", ""))}
        seen["message_id"] = str(message.get("Message-Id", ""))
        with open(self.path, "a", encoding="utf-8") as out:  # noqa: ASYNC230 - one short line
            out.write(json.dumps(seen) + "\n")
        return "250 OK queued"


class Refusing(asyncio.Protocol):
    """A relay that refuses mail: greets with 421 and closes (aiosmtpd has no hook before its greeting)."""

    def connection_made(self, transport):
        transport.write(b"421 hbri-sink try again later\r\n")
        transport.close()


async def serve(args):
    sink = Sink(args.messages)

    def protocol():
        return Refusing() if os.path.exists(args.refuse_flag) else SMTP(sink, hostname="hbri-sink")

    server = await asyncio.get_running_loop().create_server(protocol, "127.0.0.1", args.port)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--messages", required=True)
    parser.add_argument("--refuse-flag", required=True)
    asyncio.run(serve(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
