# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The session's calendar file: one entry per session in the members' calendars, and no record written by it."""

import base64
import re
from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HbriPartnershipCommon


def ics_value(content, name):
    """The unfolded value of the first ``name`` property of a calendar file."""
    text = content.decode() if isinstance(content, bytes) else content
    text = re.sub(r"\r?\n[ \t]", "", text)
    match = re.search(rf"^{name}[;:](.*)$", text, re.MULTILINE)
    if not match:
        return None
    return match.group(1).strip().replace("\\,", ",").replace("\\;", ";")


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriCalendarFile(HbriPartnershipCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.venue = cls.env["res.partner"].create({"name": "Balai Pertemuan", "city": "Bogor"})
        cls.rt_session = cls.env["hbri.roundtable.session"].create(
            {
                "name": "Roundtable 2027-Q1",
                "date_start": datetime(2027, 3, 9, 2),
                "date_end": datetime(2027, 3, 9, 5),
                "venue_partner_id": cls.venue.id,
            }
        )
        cls.rep_company.email = "ayu@example.com"
        cls.attendee = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.rt_session.id, "partner_id": cls.rep_company.id, "role": "member"}
        )
        new_test_user(cls.env, login="hbri_portal_ics", groups="base.group_portal", partner_id=cls.rep_company.id)

    def _counts(self):
        self.env.flush_all()
        self.env.cr.execute("SELECT (SELECT count(*) FROM calendar_event), (SELECT count(*) FROM ir_attachment)")
        return self.env.cr.fetchone()

    def test_no_client_settable_calendar_event(self):
        self.assertNotIn("calendar_event_id", self.rt_session._fields)

    def test_download_writes_nothing_and_uid_is_stable(self):
        self.authenticate("hbri_portal_ics", "hbri_portal_ics")
        before = self._counts()
        first = self.url_open(f"/my/roundtable/ics/{self.attendee.id}")
        second = self.url_open(f"/my/roundtable/ics/{self.attendee.id}")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(self._counts(), before, "a GET of the calendar file created records")
        self.assertIn("roundtable-2027-q1.ics", first.headers["Content-Disposition"])
        uid = ics_value(first.content, "UID")
        self.assertEqual(uid, ics_value(second.content, "UID"))
        self.assertTrue(uid.startswith(f"hbri-session-{self.rt_session.id}@"))

        # the invitation e-mail carries the same file: the calendar updates one entry, not two
        self.rt_session._invite_members(send_anyway=True)
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.rep_company.ids)], limit=1)
        attachment = mail.attachment_ids.filtered(lambda a: a.mimetype == "text/calendar")
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.name, "roundtable-2027-q1.ics")
        self.assertEqual(ics_value(base64.b64decode(attachment.datas), "UID"), uid)
        self.assertEqual((attachment.res_model, attachment.res_id), (self.rt_session._name, self.rt_session.id))

    def test_sequence_location_dates(self):
        content = self.rt_session._get_ics_content()
        self.assertEqual(ics_value(content, "SEQUENCE"), "0")
        self.assertEqual(ics_value(content, "DTSTART"), "20270309T020000Z")
        location = ics_value(content, "LOCATION")
        self.assertIn("Balai Pertemuan", location)
        self.assertIn("Bogor", location)
        self.assertNotIn(", ,", location)
        self.assertFalse(location.endswith(","))
        self.rt_session.write({"name": "Roundtable 2027-Q1"})  # unchanged: same revision
        self.assertEqual(ics_value(self.rt_session._get_ics_content(), "SEQUENCE"), "0")
        self.rt_session.write({"date_start": datetime(2027, 3, 10, 2), "date_end": datetime(2027, 3, 10, 5)})
        content = self.rt_session._get_ics_content()
        self.assertEqual(ics_value(content, "SEQUENCE"), "1")
        self.assertEqual(ics_value(content, "DTSTART"), "20270310T020000Z")
        self.rt_session.write({"venue_partner_id": False, "online_url": "https://meet.example.com/rt"})
        content = self.rt_session._get_ics_content()
        self.assertEqual(ics_value(content, "SEQUENCE"), "2")
        self.assertEqual(ics_value(content, "LOCATION"), "https://meet.example.com/rt")

    def test_revision_not_client_writable(self):
        with self.assertRaises(UserError):
            self.rt_session.with_user(self.user_secretariat).write({"calendar_sequence": 99})
        self.assertEqual(self.rt_session.calendar_sequence, 0)
