# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import shutil
import subprocess
from contextlib import contextmanager
from datetime import date

from odoo.tests import TransactionCase, new_test_user


def pdf_to_text(pdf):
    """Text of a PDF in reading order (pdftotext -layout). Fails, never skips, without poppler-utils."""
    binary = shutil.which("pdftotext")
    if not binary:
        raise AssertionError("pdftotext (Debian package poppler-utils) is required to check the printed documents")
    result = subprocess.run(
        [binary, "-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True, timeout=120
    )
    return result.stdout.decode()


def call_kw(http_case, model, method, args, kwargs=None):
    """One JSON-RPC call of ``model.method`` as the web client sends it (/web/dataset/call_kw), in the session
    of ``http_case`` (an HttpCase, logged in or not): the raw HTTP response."""
    return http_case.url_open(
        "/web/dataset/call_kw",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            }
        ),
        headers={"Content-Type": "application/json"},
    )


class HbriPartnershipCommon(TransactionCase):
    """A small forum: three sectors in use, two organizations with representatives, current guidelines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tests read the addon in English unless they say otherwise (those about Bahasa Indonesia set it):
        # English is installed for them and is their users' language, also in a database whose only language
        # is Indonesian (`scripts/hbri test --lang id_ID`).
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tracking_disable=True, mail_notrack=True))
        cls.user_staff = new_test_user(
            cls.env,
            login="hbri_staff",
            lang="en_US",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_user",
        )
        cls.user_secretariat = new_test_user(
            cls.env,
            login="hbri_secretariat",
            lang="en_US",
            name="Sari Secretariat",
            groups="base.group_user,base.group_partner_manager,hbri_partnership.hbri_partnership_group_secretariat",
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="hbri_manager",
            lang="en_US",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_manager",
        )
        cls.user_internal = new_test_user(cls.env, login="hbri_internal", groups="base.group_user", lang="en_US")

        # The tests tell their own story: memberships that already exist (demo data) take no seat in it.
        existing = cls.env["hbri.membership"].search([("state", "in", ("draft", "active", "suspended"))])
        existing.filtered(lambda m: m.state == "draft").write({"state": "cancelled"})
        (existing - existing.filtered(lambda m: m.state == "cancelled")).write({"state": "ended"})

        cls.sector_business = cls.env.ref("hbri_partnership.hbri_sector_business")
        cls.sector_ngo = cls.env.ref("hbri_partnership.hbri_sector_ngo")
        cls.sector_public = cls.env.ref("hbri_partnership.hbri_sector_public")

        cls.guideline = cls.env["hbri.guideline"].create({"name": "Test Guidelines", "version": "T-1"})
        cls.guideline.action_make_current()

        cls.org_company = cls.env["res.partner"].create(
            {
                "name": "PT Uji Coba",
                "is_company": True,
                "hbri_sector_id": cls.sector_business.id,
            }
        )
        cls.rep_company = cls.env["res.partner"].create(
            {
                "name": "Ayu Representative",
                "parent_id": cls.org_company.id,
                "hbri_representative_role": "primary",
            }
        )
        cls.org_ngo = cls.env["res.partner"].create(
            {
                "name": "Yayasan Uji",
                "is_company": True,
                "hbri_sector_id": cls.sector_ngo.id,
            }
        )
        cls.rep_ngo = cls.env["res.partner"].create(
            {
                "name": "Bayu Representative",
                "parent_id": cls.org_ngo.id,
                "hbri_representative_role": "primary",
            }
        )
        cls.org_public = cls.env["res.partner"].create(
            {
                "name": "Dinas Kesehatan Uji",
                "is_company": True,
                "hbri_sector_id": cls.sector_public.id,
            }
        )

    @classmethod
    def _create_membership(cls, partner, date_start=date(2026, 1, 1), date_end=None, state="draft", **vals):
        values = {
            "partner_id": partner.id,
            "date_start": date_start,
            "date_end": date_end,
        }
        if state in ("active", "suspended"):
            values.update(
                guideline_id=cls.guideline.id,
                accepted_by_id=partner.child_ids[:1].id,
                date_accepted=date_start,
            )
        values.update(vals)
        membership = cls.env["hbri.membership"].create(values)
        if state != "draft":
            membership.state = state
        return membership

    @contextmanager
    def assertRaisesText(self, exception, text):
        """Like assertRaisesRegex, but through Odoo's assertRaises, which rolls back to a savepoint: the
        refused write leaves nothing behind, and the test can check that."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

    def render_pdf(self, report, records, user=None):
        """The PDF of ``report`` for ``records`` really printed by wkhtmltopdf, as ``user`` (default: the test's)."""
        reports = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        if user:
            reports = reports.with_user(user)
        pdf, report_type = reports._render_qweb_pdf(report, records.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "not a PDF")
        return pdf

    def pdf_text(self, pdf):
        """The text of a PDF, by poppler's pdftotext. Missing tools fail the test: a PDF test never skips."""
        self.assertTrue(pdf.startswith(b"%PDF"), "not a PDF")
        return " ".join(pdf_to_text(pdf).split())
