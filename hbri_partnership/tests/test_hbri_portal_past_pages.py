# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalPastPages(HbriPartnershipCommon, HttpCase):
    """/my/roundtable lists the past sessions a page at a time, newest first: a founding member's representative
    invited to every session for years gets a readable page, read and rendered in the same time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        new_test_user(cls.env, login="hbri_past_rep", groups="base.group_portal", partner_id=cls.rep_company.id)

    def _past_sessions(self, count, first=0):
        sessions = self.env["hbri.roundtable.session"].create(
            [
                {
                    "name": f"Past Session No {index:03d}",
                    "date_start": datetime(2022, 1, 3) + timedelta(days=7 * index),
                    "date_end": datetime(2022, 1, 3, 2) + timedelta(days=7 * index),
                    "is_additional": True,  # weekly sessions: many in a quarter, each confirmed
                }
                for index in range(first, first + count)
            ]
        )
        self.env["hbri.session.attendee"].create(
            [{"session_id": session.id, "partner_id": self.rep_company.id} for session in sessions]
        )
        self.env.cr.execute(SQL("UPDATE hbri_roundtable_session SET state = 'held' WHERE id = ANY(%s)", sessions.ids))
        self.env.invalidate_all()
        return sessions

    def _get(self, url):
        self.url_open(url)  # caches (views, translations) warm
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before, response.text

    def test_past_sessions_paged_newest_first(self):
        self._past_sessions(30)
        self.authenticate("hbri_past_rep", "hbri_past_rep")
        _queries, html = self._get("/my/roundtable")
        shown = [f"Past Session No {index:03d}" for index in range(29, 17, -1)]
        self.assertEqual([name for name in shown if name in html], shown, "the twelve newest are on page 1")
        positions = [html.index(name) for name in shown]
        self.assertEqual(positions, sorted(positions), "newest first")
        self.assertNotIn("Past Session No 017", html)
        self.assertIn("/my/roundtable/page/2", html)
        _queries, html = self._get("/my/roundtable/page/3")
        self.assertIn("Past Session No 000", html)
        self.assertIn("Past Session No 005", html)
        self.assertNotIn("Past Session No 006", html)

    def test_page_queries_do_not_grow_with_past_sessions(self):
        self._past_sessions(3)
        self.authenticate("hbri_past_rep", "hbri_past_rep")
        few, html = self._get("/my/roundtable")
        self.assertEqual(html.count("o_hbri_invitation"), 3)
        self._past_sessions(40, first=3)
        many, html = self._get("/my/roundtable")
        self.assertEqual(html.count("o_hbri_invitation"), 12)
        self.assertEqual(many, few, "the page's queries grow with the number of past sessions")
