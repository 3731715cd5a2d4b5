# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The session form's safeguards in Chromium, in Bahasa Indonesia (static/tests/tours/hbri_session_safeguards_tours.js):
a second session in a quarter, e-mails the mail server did not take, a PDF that takes too long.

Like the other tours, these run in Chromium; without it Odoo skips them, and `scripts/hbri test` counts a skipped
test as a failure.
"""

import stat
import tempfile
import time
from datetime import datetime
from pathlib import Path
from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models import ir_actions_report as base_ir_actions_report

from ..report.hbri_pdf_time_limit import PDF_TIMEOUT_PARAM
from .common import HbriPartnershipCommon
from .test_hbri_pdf_timeout import HANGING_WKHTMLTOPDF, _running

SESSIONS_URL = "/odoo/action-hbri_partnership.hbri_roundtable_session_action"


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriSessionSafeguardsTours(HbriPartnershipCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        cls.user_tour = new_test_user(
            cls.env,
            login="hbri_safeguards",
            name="Sari Pengaman",
            lang="id_ID",
            tz="Asia/Jakarta",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_secretariat",
        )
        Session = cls.env["hbri.roundtable.session"]
        # the tours see their own sessions only
        Session.search([]).active = False
        cls.first_session = Session.create(
            {
                "name": "Sesi Kuartal Pertama",
                "language": "id_ID",
                "date_start": datetime(2030, 2, 12, 2),
                "date_end": datetime(2030, 2, 12, 5),
            }
        )

    def test_additional_session_in_its_quarter(self):
        with mute_logger("odoo.http"):  # the refused save, logged by the server as the user's error it is
            self.start_tour(SESSIONS_URL, "hbri_session_additional", login="hbri_safeguards")
        sessions = self.env["hbri.roundtable.session"].search([("quarter", "=", "2030-Q1")])
        # the refused save wrote nothing; the confirmed one did, once
        self.assertEqual(len(sessions), 2)
        additional = sessions - self.first_session
        self.assertEqual(additional.name, "Sesi Tambahan Tur")
        self.assertTrue(additional.is_additional)
        self.assertFalse(self.first_session.is_additional)

    def test_mail_retry_banner(self):
        session = self.env["hbri.roundtable.session"].create(
            {
                "name": "Sesi Surat Tertahan",
                "language": "id_ID",
                "date_start": datetime(2030, 5, 12, 2),
                "date_end": datetime(2030, 5, 12, 5),
            }
        )
        # two invitations the mail server never took: every automatic attempt failed
        mails = (
            self.env["mail.mail"]
            .sudo()
            .create(
                [
                    {
                        "subject": f"Undangan {index}",
                        "body_html": "<p>Undangan</p>",
                        "email_to": f"anggota{index}@uji.example",
                        "state": "exception",
                        "failure_type": "mail_smtp",
                        "hbri_retry_state": "given_up",
                        "hbri_retry_count": 2,
                        "hbri_session_id": session.id,
                    }
                    for index in (1, 2)
                ]
            )
        )
        other = mails[0].copy({"hbri_session_id": False, "state": "exception"})  # another app's failed e-mail
        self.assertEqual(session.mail_given_up_count, 2)
        self.start_tour(SESSIONS_URL, "hbri_session_mail_retry", login="hbri_safeguards")
        mails.invalidate_recordset()
        self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "back in the queue")
        self.assertEqual(set(mails.mapped("hbri_retry_state")), {"waiting"})
        self.assertEqual(set(mails.mapped("hbri_retry_count")), {0})
        self.assertEqual(other.state, "exception", "only the session's own e-mails are sent again")

    def test_pdf_time_limit_message(self):
        folder = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="hbri_fake_wkhtmltopdf_")))
        script = folder / "wkhtmltopdf"
        script.write_text(HANGING_WKHTMLTOPDF.format(folder=folder))
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        hanging = base_ir_actions_report._wkhtml()._replace(bin=str(script), state="ok")
        self.enterContext(patch.object(base_ir_actions_report, "_wkhtml", lambda: hanging))
        # the browser's print really runs wkhtmltopdf, as in production (tests otherwise get HTML back)
        Reports = type(self.env["ir.actions.report"])
        render_pdf = Reports._render_qweb_pdf

        def render_real_pdf(reports, *args, **kwargs):
            return render_pdf(reports.with_context(force_report_rendering=True), *args, **kwargs)

        self.enterContext(patch.object(Reports, "_render_qweb_pdf", render_real_pdf))
        self.env["ir.config_parameter"].sudo().set_param(PDF_TIMEOUT_PARAM, "2")
        session = self.env["hbri.roundtable.session"].create(
            {
                "name": "Sesi Cetak Lambat",
                "language": "id_ID",
                "date_start": datetime(2030, 8, 12, 2),
                "date_end": datetime(2030, 8, 12, 5),
            }
        )
        with mute_logger(
            "odoo.http", "odoo.addons.web.controllers.report"
        ):  # the message, logged by the server as the user's error it is
            self.start_tour(SESSIONS_URL, "hbri_session_pdf_time_limit", login="hbri_safeguards")
        # the form went on working after the message
        self.assertEqual(session.name, "Sesi Cetak Lambat Diganti")
        # and nothing was left running
        pids = [int((folder / name).read_text()) for name in ("script.pid", "child.pid")]
        deadline = time.monotonic() + 2
        while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse([pid for pid in pids if _running(pid)], "the fake wkhtmltopdf and its child are killed")
