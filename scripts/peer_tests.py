#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run Odoo modules' own tests on an already-installed database, with the WHOLE registry loaded.

`odoo-bin -i a,b --test-enable` runs a module's at_install tests right after that module is loaded, before
the modules that depend on it (our addon) exist in the registry: they never see our overrides. Here the
registry is loaded first (no install, no update), then the selected at_install and post_install tests run
against it, so Odoo's tests exercise the code of every installed module, ours included.

    peer_tests.py -c odoo.conf -d DB --modules base,calendar --tags /base:TestPartner,/calendar \
        --failures out.txt [--logfile log]

Writes one line per failed or erroring test (its id) to --failures; exits 0 when every selected test ran.
Hand-written: odoo-bin runs at_install tests only while installing, before the modules depending on it load.
"""

import argparse
import sys
import threading


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for option in ("-c/--config", "-d/--database", "--modules", "--tags", "--failures"):
        parser.add_argument(*option.split("/"), required=True)
    parser.add_argument("--http-port", help="port of the HTTP server of the HttpCase tests")
    parser.add_argument("--logfile")
    args = parser.parse_args()

    import odoo
    from odoo.tools import config

    # no test tags while the registry loads (they imply --test-enable): Odoo would run each module's at_install
    # tests as soon as that module is loaded, in a registry that does not hold the modules depending on it yet
    odoo_args = ["-c", args.config, "-d", args.database, "--log-level", "info", "--max-cron-threads", "0"]
    for option, value in (("--logfile", args.logfile), ("--http-port", args.http_port)):
        odoo_args += [option, value] if value else []
    config.parse_config(odoo_args, setup_logging=True)

    import odoo.http
    from odoo.modules.registry import Registry
    from odoo.service import server
    from odoo.tests import loader
    from odoo.tests.result import OdooTestResult

    server.load_server_wide_modules()
    # HttpCase tests need the HTTP server of this process
    httpd = server.server = server.ThreadedServer(odoo.http.root)
    httpd.http_spawn()
    threading.current_thread().dbname = args.database
    registry = Registry(args.database)
    config["test_tags"], config["test_enable"] = args.tags, True
    failed = set()

    class Result(OdooTestResult):
        def addError(self, test, err):
            failed.add(test.id().replace(" ", ""))
            super().addError(test, err)

        def addFailure(self, test, err):
            failed.add(test.id().replace(" ", ""))
            super().addFailure(test, err)

    total = 0
    for position in ("at_install", "post_install"):
        suite = loader.make_suite([m for m in args.modules.split(",") if m], position)
        if position == "post_install" and suite.has_http_case():
            with registry.cursor() as cr:
                odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.qweb"]._pregenerate_assets_bundles()
        odoo.modules.module.current_test = True
        suite(result := Result())
        odoo.modules.module.current_test = False
        total += result.testsRun
    with open(args.failures, "w", encoding="utf-8") as out:
        out.writelines(f"{test_id}\n" for test_id in sorted(failed))
    print(f"{total} tests, {len(failed)} failed", file=sys.stderr)
    httpd.httpd.shutdown()
    return 0 if total else 1


if __name__ == "__main__":
    sys.exit(main())
