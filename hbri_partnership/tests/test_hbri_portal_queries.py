# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalQueries(HbriPartnershipCommon, HttpCase):
    """/my/roundtable and /my read in a constant number of queries, whatever the number of case studies, sessions
    and attendees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for org in (cls.org_company, cls.org_ngo):
            cls._create_membership(org, date(2020, 1, 1), state="active")
        new_test_user(cls.env, login="hbri_q_rep", groups="base.group_portal", partner_id=cls.rep_company.id)
        cls.colleagues = cls.env["res.partner"].create(
            [{"name": f"Colleague {i}", "parent_id": cls.org_ngo.id} for i in range(5)]
        )
        cls.count = 0

    def _add(self, count):
        """``count`` case studies of each kind (awaiting, published, the other organization's), and a tenth as
        many sessions, past and coming, with the representative and others invited."""
        CaseStudy = self.env["hbri.case.study"].with_context(tracking_disable=True)
        values, states = [], []
        for i in range(self.count, self.count + count):
            for org, tag in ((self.org_company, "own"), (self.org_ngo, "other")):
                values.append(
                    {
                        "name": f"Case {tag} {i}",
                        "partner_ids": [(6, 0, org.ids)],
                        "key_figures": f"{i} clinics",
                        "background": f"<p>{org.name} and {self.rep_company.name} worked together.</p>",
                    }
                )
                states.append("awaiting" if i % 2 else "published")
        case_studies = CaseStudy.create(values)
        awaiting = case_studies.browse(
            c.id for c, state in zip(case_studies, states, strict=True) if state == "awaiting"
        )
        self.env.cr.execute(
            "UPDATE hbri_case_study SET state = CASE WHEN id = ANY(%s) THEN 'awaiting' ELSE 'published' END "
            "WHERE id = ANY(%s)",
            (awaiting.ids, case_studies.ids),
        )
        sessions = []
        for i in range(max(count // 10, 1)):
            # weekly and daily sessions: many in a quarter, each confirmed as an additional one
            start = datetime(2024, 1, 1) + timedelta(days=7 * (self.count + i))
            sessions.append({"date_start": start, "date_end": start + timedelta(hours=2), "is_additional": True})
            start = datetime.now() + timedelta(days=30 + self.count + i)
            sessions.append({"date_start": start, "date_end": start + timedelta(hours=2), "is_additional": True})
        sessions = self.env["hbri.roundtable.session"].create(sessions)
        self.env["hbri.session.attendee"].create(
            [
                {"session_id": session.id, "partner_id": partner.id}
                for session in sessions
                for partner in self.rep_company | self.rep_ngo | self.colleagues
            ]
        )
        past = sessions.filtered(lambda s: s.date_start < datetime.now())
        self.env.cr.execute("UPDATE hbri_roundtable_session SET state = 'held' WHERE id = ANY(%s)", (past.ids,))
        summaries = self.env["hbri.session.summary"].create([{"session_id": s.id, "body": "<p>S</p>"} for s in past])
        summaries.action_release()
        self.env.invalidate_all()
        self.count += count

    def _queries(self, url):
        self.url_open(url)  # caches (views, assets, translations) warm
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before, response.text

    def test_roundtable_page_constant_queries(self):
        self._add(5)
        self.authenticate("hbri_q_rep", "hbri_q_rep")
        small, page = self._queries("/my/roundtable")
        self.assertEqual(page.count("o_hbri_case_study_open"), 2)
        self._add(495)
        large, page = self._queries("/my/roundtable")
        self.assertEqual(page.count("o_hbri_case_study_open"), 250)
        self.assertIn("Case own 499", page)
        self.assertNotIn("Case other", page)
        self.assertEqual(large, small, f"{small} queries with 5 case studies, {large} with 500")

    def test_home_counters_constant_queries(self):
        self._add(5)
        self.authenticate("hbri_q_rep", "hbri_q_rep")

        def counters():
            self.make_jsonrpc_request("/my/counters", {"counters": ["hbri_roundtable_count"]})
            before = self.cr.sql_log_count
            result = self.make_jsonrpc_request("/my/counters", {"counters": ["hbri_roundtable_count"]})
            self.assertEqual(result["hbri_roundtable_count"], 1)
            return self.cr.sql_log_count - before

        small = counters()
        self._add(200)
        self.assertEqual(counters(), small)
