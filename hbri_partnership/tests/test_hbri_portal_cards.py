# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date, datetime
from unittest.mock import patch

from odoo.sql_db import Cursor
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, format_date

from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalCards(HbriPartnershipCommon, HttpCase):
    """/my/roundtable prints each of the representative's own invitations (its date and answer in their language)
    and nobody else's, and reads them without planning the sessions' record rule again in every query."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        cls.colleague = cls.env["res.partner"].create(
            {"name": "Dewi Colleague", "parent_id": cls.org_company.id, "hbri_representative_role": "alternate"}
        )
        new_test_user(
            cls.env, login="hbri_cards_rep", groups="base.group_portal", partner_id=cls.rep_company.id, lang="id_ID"
        )
        Session = cls.env["hbri.roundtable.session"]
        cls.past = Session.create(
            [
                {
                    "name": f"Card Session {index}",
                    "date_start": datetime(2025, 3, 4 + index, 2),
                    "date_end": datetime(2025, 3, 4 + index, 5),
                    "is_additional": True,
                }
                for index in range(3)
            ]
        )
        cls.colleague_only = Session.create(
            {
                "name": "Colleague Only Session",
                "date_start": datetime(2025, 3, 10, 2),
                "date_end": datetime(2025, 3, 10, 5),
                "is_additional": True,
            }
        )
        Attendee = cls.env["hbri.session.attendee"]
        cls.attended, cls.declined, cls.accepted = Attendee.create(
            [{"session_id": session.id, "partner_id": cls.rep_company.id} for session in cls.past]
        )
        Attendee.create({"session_id": cls.colleague_only.id, "partner_id": cls.colleague.id})
        cls.env.cr.execute(
            SQL(
                "UPDATE hbri_roundtable_session SET state = 'held' WHERE id = ANY(%s)",
                (cls.past | cls.colleague_only).ids,
            )
        )
        for attendee, state in ((cls.attended, "attended"), (cls.declined, "declined"), (cls.accepted, "accepted")):
            cls.env.cr.execute(SQL("UPDATE hbri_session_attendee SET state = %s WHERE id = %s", state, attendee.id))
        cls.env.invalidate_all()

    def _page(self):
        """The page's HTML and the SELECT queries that read invitations (hbri_session_attendee as main table)."""
        self.authenticate("hbri_cards_rep", "hbri_cards_rep")
        self.url_open("/my/roundtable")  # caches (views, translations) warm
        reads, execute = [], Cursor.execute

        def logged(cr, query, params=None, log_exceptions=True):
            text = query.code if isinstance(query, SQL) else str(query)
            if text.lstrip().upper().startswith("SELECT") and re.match(
                r'"hbri_session_attendee"(?:\s|$)', text.split(" FROM ", 1)[-1]
            ):
                reads.append(text)
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", logged):
            response = self.url_open("/my/roundtable")
        self.assertEqual(response.status_code, 200)
        return response.text, reads

    def test_cards_print_own_invitations_in_member_language(self):
        html, _reads = self._page()
        id_env = self.env(context=dict(self.env.context, lang="id_ID"))
        for attendee, label in ((self.attended, "Hadir"), (self.declined, "Menolak"), (self.accepted, "Diterima")):
            session = attendee.session_id.with_env(id_env)
            self.assertIn(f"o_hbri_attendee_{attendee.id} ", html)
            day = format_date(
                id_env, session._local_date(session.date_start), lang_code="id_ID", date_format="d MMMM y"
            )
            self.assertRegex(
                html, rf"(?s)o_hbri_attendee_{attendee.id}\b(?:(?!o_hbri_invitation).)*?o_hbri_when[^>]*>{day}<"
            )
            self.assertRegex(
                html, rf"(?s)o_hbri_attendee_{attendee.id}\b(?:(?!o_hbri_invitation).)*?o_hbri_answer[^>]*>{label}<"
            )
        self.assertIn("4 Maret 2025", html)  # a past session's day, in Indonesian
        self.assertNotIn("4 March 2025", html)
        self.assertNotIn("Colleague Only Session", html)
        self.assertEqual(html.count("o_hbri_invitation"), 3)

    def test_invitations_read_without_the_session_rule_again(self):
        """The attendee rule selects the user's own invitations; the session's state filters them without the
        sessions' own rule (another scan of the attendees) and the upcoming ones are read without the joins of
        the attendees' list order (they are sorted by answer and date in Python)."""
        _html, reads = self._page()
        self.assertEqual(len(reads), 3, reads)  # upcoming, past counted, the past page
        for text in reads:
            self.assertEqual(text.count('FROM "hbri_session_attendee"'), 1, f"the session rule planned again: {text}")
            self.assertNotIn('LEFT JOIN "res_partner"', text)
