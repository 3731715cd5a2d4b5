# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A wkhtmltopdf that hangs: the user reads a clear message before the worker's limit, nothing is left running.

The wkhtmltopdf run here is a fake one (a shell script that sleeps, with a child that sleeps too), found where
Odoo looks for the binary; the real one is left alone.
"""

import os
import stat
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.base.models import ir_actions_report as base_ir_actions_report

from ..report.hbri_pdf_time_limit import PDF_TIMEOUT_DEFAULT, PDF_TIMEOUT_PARAM, get_pdf_timeout
from .common import HbriPartnershipCommon

HANGING_WKHTMLTOPDF = """#!/bin/sh
echo $$ > "{folder}/script.pid"
sleep 300 &
echo $! > "{folder}/child.pid"
wait
"""


def _running(pid):
    """The process exists and is not a zombie waiting for its parent to read its status."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPdfTimeout(HbriPartnershipCommon):
    def setUp(self):
        super().setUp()
        folder = tempfile.TemporaryDirectory(prefix="hbri_fake_wkhtmltopdf_")
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)
        script = self.folder / "wkhtmltopdf"
        script.write_text(HANGING_WKHTMLTOPDF.format(folder=self.folder))
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        hanging = base_ir_actions_report._wkhtml()._replace(bin=str(script), state="ok")
        patcher = patch.object(base_ir_actions_report, "_wkhtml", lambda: hanging)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.env["ir.config_parameter"].sudo().set_param(PDF_TIMEOUT_PARAM, "2")
        self.rt_session = self.env["hbri.roundtable.session"].create(
            {"language": "en_US", "date_start": "2026-09-08 02:00:00", "date_end": "2026-09-08 05:00:00"}
        )

    def _pids(self):
        return [int((self.folder / name).read_text()) for name in ("script.pid", "child.pid")]

    def test_hanging_pdf_ends_with_a_message_and_leaves_nothing_running(self):
        reports = self.env["ir.actions.report"].with_user(self.user_staff).with_context(force_report_rendering=True)
        started = time.monotonic()
        with self.assertRaises(UserError) as caught:
            reports._render_qweb_pdf("hbri_partnership.action_report_hbri_session_invitation", self.rt_session.ids)
        elapsed = time.monotonic() - started
        self.assertLess(elapsed, 2 + 2, "the user waits the configured time, not the worker's limit")
        self.assertEqual(
            str(caught.exception),
            "The PDF could not be produced within 2 seconds. Try again in a moment, or print fewer documents at "
            "a time.",
        )
        script_pid, child_pid = self._pids()
        deadline = time.monotonic() + 2
        while (_running(script_pid) or _running(child_pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse(_running(script_pid), "wkhtmltopdf is killed")
        self.assertFalse(_running(child_pid), "its children are killed with it (process group)")

    def test_timeout_below_the_workers_limit(self):
        self.env["ir.config_parameter"].sudo().set_param(PDF_TIMEOUT_PARAM, "")
        with patch.dict(config.options, {"limit_time_real": 120}):
            self.assertEqual(get_pdf_timeout(self.env), PDF_TIMEOUT_DEFAULT)
        with patch.dict(config.options, {"limit_time_real": 20}):
            # the cluster's nodes: the message comes 5 s before the worker would be killed
            self.assertEqual(get_pdf_timeout(self.env), 15)
        for wrong in ("0", "-3", "soon"):
            self.env["ir.config_parameter"].sudo().set_param(PDF_TIMEOUT_PARAM, wrong)
            with patch.dict(config.options, {"limit_time_real": 120}):
                self.assertEqual(get_pdf_timeout(self.env), PDF_TIMEOUT_DEFAULT)

    def test_a_pdf_in_time_prints(self):
        """The time limit changes nothing for a wkhtmltopdf that answers (a fake one writing a tiny PDF)."""
        script = self.folder / "wkhtmltopdf"
        script.write_text('#!/bin/sh\nfor last; do :; done\nprintf "%%PDF-1.4 fake" > "$last"\n')
        self.assertEqual(self.env["ir.actions.report"]._run_wkhtmltopdf(["<html/>"]), b"%PDF-1.4 fake")
        self.assertTrue(os.access(script, os.X_OK))


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPrintDelayNotFromContext(HbriPartnershipCommon):
    def test_a_context_key_does_not_shorten_another_reports_delay(self):
        """The shorter delay of the addon's documents is decided on the server: a client's context key (as any
        RPC call can send) does not give it to Odoo's reports, whose scripts need the full delay."""
        calls = []

        def fake_wkhtmltopdf(args):
            calls.append(args)
            return SimpleNamespace(returncode=0, stderr="")

        reports = self.env["ir.actions.report"].with_context(hbri_scriptless_report=True)
        with patch.object(base_ir_actions_report, "_run_wkhtmltopdf", fake_wkhtmltopdf):
            reports._run_wkhtmltopdf(["<html><body>x</body></html>"], report_ref="base.ir_module_reference_print")
        self.assertEqual(calls[0][calls[0].index("--javascript-delay") + 1], "1000")
