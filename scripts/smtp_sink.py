#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A local SMTP sink for `scripts/hbri cluster` (standard library only): it keeps nothing but a line per message.

    smtp_sink.py --port 8295 --messages messages.jsonl --refuse-flag refuse

While the file named by --refuse-flag exists, every connection is greeted with "421 try again later" and
closed, as a relay that refuses mail; otherwise messages are accepted and one JSON line per message (its
recipients, Subject and Message-Id) is appended to --messages. Listens on 127.0.0.1 only.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import sys


async def session(args, reader, writer):
    def send(*lines):
        writer.write(b"".join(line.encode() + b"\r\n" for line in lines))

    try:
        if os.path.exists(args.refuse_flag):
            send("421 hbri-sink try again later")
            await writer.drain()
            return
        send("220 hbri-sink ESMTP")
        recipients = []
        while line := await asyncio.wait_for(reader.readline(), 60):
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                send("250-hbri-sink", "250 SIZE 104857600")
            elif verb == "MAIL":
                recipients = []
                send("250 OK")
            elif verb == "RCPT":
                recipients.append(line.decode(errors="replace").split(":", 1)[-1].strip().strip("<>"))
                send("250 OK")
            elif verb == "DATA":
                send("354 end with <CRLF>.<CRLF>")
                await writer.drain()
                body = bytearray()
                while (chunk := await asyncio.wait_for(reader.readline(), 60)) not in (b"", b".\r\n", b".\n"):
                    body += chunk[1:] if chunk.startswith(b"..") else chunk
                message = email.message_from_bytes(bytes(body), policy=email.policy.default)
                seen = {"to": recipients, "subject": str(message.get("Subject", ""))}
                seen["message_id"] = str(message.get("Message-Id", ""))
                with open(args.messages, "a", encoding="utf-8") as out:  # noqa: ASYNC230 - one short line
                    out.write(json.dumps(seen) + "\n")
                send("250 OK queued")
            elif verb == "QUIT":
                send("221 bye")
                await writer.drain()
                return
            else:  # RSET, NOOP and anything else
                send("250 OK")
            await writer.drain()
    except (TimeoutError, ConnectionError):
        return
    finally:
        writer.close()


async def serve(args):
    server = await asyncio.start_server(lambda reader, writer: session(args, reader, writer), "127.0.0.1", args.port)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--messages", required=True)
    parser.add_argument("--refuse-flag", required=True)
    args = parser.parse_args()
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
