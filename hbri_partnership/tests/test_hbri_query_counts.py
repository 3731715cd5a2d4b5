# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query counts that do not grow with the data, for the operations of the benchmark (``scripts/hbri bench``)
not covered elsewhere: members list, read_group, case-study print, marking attendance. (Invitations, the daily
membership job, the sign-in sheet and the XLSX exports have theirs next to their other tests.)

Each test runs the operation once to fill Odoo's caches, then on a small and a larger batch, and compares."""

from datetime import date, datetime
from types import SimpleNamespace
from unittest.mock import patch

from lxml import etree

from odoo.tests import new_test_user

from odoo.addons.base.models import ir_actions_report

from ..models.hbri_workflow_mixin import workflow_write
from .common import HbriPartnershipCommon

CASE_STUDY_REPORT = "hbri_partnership.action_report_hbri_case_study"
MEMBERS_DOMAIN = [("is_company", "=", True), ("hbri_membership_state", "=", "member")]


class TestHbriQueryCounts(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin = cls.env.ref("base.user_admin")
        cls.user_facilitator = new_test_user(
            cls.env,
            login="hbri_qc_facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )

    def _members(self, count, prefix):
        """``count`` member organizations (an active membership, a primary representative each)."""
        orgs = self.env["res.partner"].create(
            [
                {
                    "name": f"{prefix} {i:03d}",
                    "is_company": True,
                    "hbri_sector_id": (self.sector_business if i % 2 else self.sector_ngo).id,
                    "country_id": self.env.ref("base.id").id,
                }
                for i in range(count)
            ]
        )
        reps = self.env["res.partner"].create(
            [
                {"name": f"Wakil {prefix} {i:03d}", "parent_id": org.id, "hbri_representative_role": "primary"}
                for i, org in enumerate(orgs)
            ]
        )
        self.env["hbri.membership"].create(
            [
                {
                    "partner_id": org.id,
                    "date_start": date(2024, 1, 1),
                    "state": "active",
                    "guideline_id": self.guideline.id,
                    "accepted_by_id": rep.id,
                    "date_accepted": date(2024, 1, 1),
                }
                for org, rep in zip(orgs, reps, strict=True)
            ]
        )
        self.env.flush_all()
        return orgs

    def _count(self, operation):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = operation()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, result

    def _list_specification(self, env, view_xmlid):
        """The fields of a list view as the web client asks web_search_read for them."""
        model = env["res.partner"]
        arch = model.get_views([(self.env.ref(view_xmlid).id, "list")])["views"]["list"]["arch"]
        spec = {}
        for node in etree.fromstring(arch).iterchildren("field"):
            field = model._fields[node.get("name")]
            relational = field.type in ("many2one", "many2many", "one2many")
            spec[field.name] = {"fields": {"display_name": {}}} if relational else {}
        return spec

    def test_members_list_constant_and_restricted_users(self):
        """The members list reads 8 and 80 rows in as many queries; staff and facilitators cost at most one
        query more than the administrator."""
        self._members(80, "Anggota")
        counts = {}
        for user in (self.user_admin, self.user_staff, self.user_facilitator):
            env = self.env(user=user)
            spec = self._list_specification(env, "hbri_partnership.hbri_member_view_list")
            Partner = env["res.partner"].with_context(bin_size=True)
            counts[user] = []
            for limit in (8, 8, 80):
                count, result = self._count(
                    lambda limit=limit, Partner=Partner, spec=spec: Partner.web_search_read(
                        MEMBERS_DOMAIN, spec, limit=limit
                    )
                )
                self.assertEqual(len(result["records"]), limit)
                counts[user].append(count)
            self.assertEqual(counts[user][1], counts[user][2], f"8 / 80 rows as {user.login}: {counts[user]}")
        for user in (self.user_staff, self.user_facilitator):
            self.assertLessEqual(counts[user][2], counts[self.user_admin][2] + 1, f"{user.login}: {counts}")

    def test_read_group_constant(self):
        counts = []
        for size, prefix in ((2, "Hangat"), (10, "Kecil"), (100, "Besar")):
            self._members(size, prefix)
            count, groups = self._count(
                lambda: self.env(user=self.user_staff)["res.partner"].formatted_read_group(
                    [("is_company", "=", True)], ["hbri_sector_id", "hbri_membership_state"], ["__count"]
                )
            )
            self.assertTrue(groups)
            counts.append(count)
        self.assertEqual(counts[1], counts[2], f"read_group over 12 / 112 more organizations: {counts}")

    def test_case_study_print_constant(self):
        """Twenty case studies, named and anonymized, print in the queries of one."""
        orgs = self._members(40, "Mitra")
        session = self.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2), "date_end": datetime(2026, 9, 8, 5)}
        )
        case_studies = self.env["hbri.case.study"]
        for i, org in enumerate(orgs[:20]):
            presentation = self.env["hbri.presentation"].create(
                {
                    "name": f"Klinik {org.name}",
                    "session_id": session.id,
                    "presenting_partner_ids": [(6, 0, org.ids)],
                    "presenter_ids": [(6, 0, org.child_ids.ids)],
                }
            )
            with workflow_write():  # test setup: twenty approved case studies, half of them named
                case_study = self.env["hbri.case.study"].create(
                    {
                        "name": f"Studi kasus {org.name}",
                        "state": "approved",
                        "print_language": "en_US",
                        "presentation_ids": [(6, 0, presentation.ids)],
                        "partner_ids": [(6, 0, (org | orgs[20 + i]).ids)],
                        "background": f"<p>{org.name} and {orgs[20 + i].name} met at the roundtable.</p>",
                        "results": "<p>240 women screened.</p>",
                    }
                )
                if i % 2:
                    self.env["hbri.consent"].create(
                        {
                            "case_study_id": case_study.id,
                            "partner_id": org.id,
                            "representative_id": org.child_ids[:1].id,
                            "version": case_study.content_version,
                            "fingerprint": case_study._get_consent_fingerprint(),
                            "scope_name": True,
                        }
                    )
            case_studies |= case_study
        Report = self.env(user=self.user_secretariat)["ir.actions.report"]
        counts = []
        # a named and an anonymized one, twice (the first warms the caches up), then all twenty: the dictionary
        # of anonymization is built once per print, whatever the number of case studies
        for records in (case_studies[:2], case_studies[2:4], case_studies):
            count, (html, _type) = self._count(
                lambda records=records: Report._render_qweb_html(CASE_STUDY_REPORT, records.ids)
            )
            self.assertEqual(html.decode().count("Key Facts"), len(records))
            counts.append(count)
        self.assertEqual(counts[1], counts[2], f"queries to print 2 / 2 / 20 case studies: {counts}")

    def test_mark_attendance_constant_without_chatter(self):
        people = self.env["res.partner"].create([{"name": f"Peserta {i:03d}"} for i in range(112)])
        counts = []
        for size, day in ((2, 3), (10, 4), (100, 5)):
            session = self.env["hbri.roundtable.session"].create(
                {
                    "kind": "special",
                    "date_start": datetime(2026, 11, day, 2),
                    "date_end": datetime(2026, 11, day, 5),
                    "is_additional": True,  # three sessions in one quarter, confirmed
                }
            )
            attendees = self.env["hbri.session.attendee"].create(
                [{"session_id": session.id, "partner_id": person.id, "role": "guest"} for person in people[:size]]
            )
            attendees.write({"state": "accepted"})
            session.state = "held"
            messages_before = self.env["mail.message"].search_count([])
            secretariat = session.with_user(self.user_secretariat).with_context(tracking_disable=False)
            count, _result = self._count(secretariat.action_mark_accepted_attended)
            self.assertEqual(set(attendees.mapped("state")), {"attended"})
            self.assertEqual(self.env["mail.message"].search_count([]), messages_before, "no chatter message")
            counts.append(count)
        self.assertEqual(counts[1], counts[2], f"queries to mark 2 / 10 / 100 attendees: {counts}")


class TestHbriPrintDelay(HbriPartnershipCommon):
    """wkhtmltopdf waits report.print_delay (1 s) for the scripts of a report: the addon's documents have none."""

    def _delay(self, report_ref):
        """The --javascript-delay wkhtmltopdf would be given for this report (wkhtmltopdf itself not run)."""
        calls = []

        def fake_wkhtmltopdf(args):
            calls.append(args)
            return SimpleNamespace(returncode=0, stderr="")

        with patch.object(ir_actions_report, "_run_wkhtmltopdf", fake_wkhtmltopdf):
            self.env["ir.actions.report"]._run_wkhtmltopdf(["<html><body>x</body></html>"], report_ref=report_ref)
        return calls[0][calls[0].index("--javascript-delay") + 1]

    def test_addon_documents_wait_less(self):
        self.assertEqual(self._delay(CASE_STUDY_REPORT), "100")
        self.assertEqual(self._delay("hbri_partnership.action_report_hbri_session_sign_in"), "100")
        self.assertEqual(self._delay("base.ir_module_reference_print"), "1000", "Odoo's own reports unchanged")
        self.env["ir.config_parameter"].sudo().set_param("report.print_delay", "700")
        self.assertEqual(self._delay(CASE_STUDY_REPORT), "700", "the administrator's delay applies")
