# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo.sql_db import Cursor
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from ..controllers.portal import PAST_PAGE_SIZE
from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalReads(HbriPartnershipCommon, HttpCase):
    """/my/roundtable reads what it shows, once: a page of past sessions reads that page's invitations only (not
    every invitation of years of sessions), and the sessions of its cards in one read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        new_test_user(cls.env, login="hbri_reads_rep", groups="base.group_portal", partner_id=cls.rep_company.id)
        sessions = cls.env["hbri.roundtable.session"].create(
            [
                {
                    "name": f"Weekly Session No {index:03d}",
                    "date_start": datetime(2022, 1, 3) + timedelta(days=7 * index),
                    "date_end": datetime(2022, 1, 3, 2) + timedelta(days=7 * index),
                    "is_additional": True,  # weekly sessions: many in a quarter, each confirmed
                }
                for index in range(40)
            ]
        )
        cls.env["hbri.session.attendee"].create(
            [{"session_id": session.id, "partner_id": cls.rep_company.id} for session in sessions]
        )
        cls.env.cr.execute(SQL("UPDATE hbri_roundtable_session SET state = 'held' WHERE id = ANY(%s)", sessions.ids))
        cls.env.invalidate_all()

    def _page_reads(self, url):
        """The page's HTML and its SELECT queries, each with the number of rows it returned."""
        self.url_open(url)  # caches (views, translations) warm
        reads, execute = [], Cursor.execute

        def logged(cr, query, params=None, log_exceptions=True):
            result = execute(cr, query, params, log_exceptions)
            text = query.code if isinstance(query, SQL) else str(query)
            if text.lstrip().upper().startswith("SELECT"):
                reads.append((text, cr.rowcount))
            return result

        with patch.object(Cursor, "execute", logged):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return response.text, reads

    @staticmethod
    def _from(reads, table):
        """The reads of ``table`` itself (its name after the query's first FROM, not in a subquery)."""
        return [(text, rows) for text, rows in reads if re.match(rf'"{table}"(?:\s|$)', text.split(" FROM ", 1)[-1])]

    def test_past_page_reads_only_its_invitations(self):
        self.authenticate("hbri_reads_rep", "hbri_reads_rep")
        html, reads = self._page_reads("/my/roundtable/page/2")
        shown = [f"Weekly Session No {index:03d}" for index in range(27, 15, -1)]
        self.assertEqual([name for name in shown if name in html], shown)
        attendee_reads = self._from(reads, "hbri_session_attendee")
        self.assertTrue(attendee_reads)
        self.assertLessEqual(
            max(rows for _text, rows in attendee_reads),
            PAST_PAGE_SIZE,
            f"the page read more invitations than it shows: {attendee_reads}",
        )

    def test_sessions_read_once(self):
        self.authenticate("hbri_reads_rep", "hbri_reads_rep")
        html, reads = self._page_reads("/my/roundtable")
        self.assertEqual(html.count("o_hbri_invitation"), PAST_PAGE_SIZE)
        session_reads = self._from(reads, "hbri_roundtable_session")
        self.assertEqual(len(session_reads), 1, f"the cards' sessions are read more than once: {session_reads}")
        self.assertEqual(session_reads[0][1], PAST_PAGE_SIZE)
