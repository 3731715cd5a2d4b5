# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import HbriPartnershipCommon

REFUSAL = "Eligibility Issue Kind cannot be set directly: it is recorded by the system"


@freeze_time("2026-06-15")
class TestHbriEligibilityCodeProtected(HbriPartnershipCommon):
    """An attendee's eligibility code follows the organization's sector and memberships: no role sets it by
    create, write, copy, import or a default in the context (it colours the list, fills the "Ineligible" filter
    and the session's counts). Only the module's own code (the compute, the superuser's system jobs) records it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_facilitator = new_test_user(
            cls.env,
            login="hbri_facilitator_code",
            lang="en_US",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls.user_portal = new_test_user(
            cls.env, login="hbri_portal_code", lang="en_US", groups="base.group_portal", partner_id=cls.rep_company.id
        )
        cls.membership = cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.session = cls.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2, 0), "date_end": datetime(2026, 9, 8, 5, 0)}
        )
        cls.attendee = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.session.id, "partner_id": cls.rep_company.id, "role": "member"}
        )
        cls.guest = cls.env["res.partner"].create({"name": "Gita Guest", "parent_id": cls.org_company.id})
        cls.roles = {
            "staff": cls.user_staff,
            "secretariat": cls.user_secretariat,
            "facilitator": cls.user_facilitator,
            "manager": cls.user_manager,
            "internal": cls.user_internal,
            "portal": cls.user_portal,
        }

    def _attendees(self, user):
        return self.env(user=user)["hbri.session.attendee"]

    def _assert_refused(self, call):
        """The call is refused with a message telling what to do, whatever the user's access rights (the check
        comes first), and nothing is written."""
        count = self.env["hbri.session.attendee"].search_count([])
        with self.assertRaisesText(UserError, REFUSAL):
            call()
        self.assertEqual(self.env["hbri.session.attendee"].search_count([]), count)
        self.assertFalse(self.attendee.eligibility_code)

    def test_create_refused_for_every_role(self):
        values = {"session_id": self.session.id, "partner_id": self.guest.id, "role": "guest"}
        for name, user in self.roles.items():
            with self.subTest(role=name):
                attendees = self._attendees(user)
                self._assert_refused(lambda a=attendees: a.create({**values, "eligibility_code": "sector"}))
        # the secretariat's own way of registering a guest works, the code computed
        guest = self._attendees(self.user_secretariat).create(values)
        self.assertFalse(guest.eligibility_code)

    def test_default_in_the_context_refused(self):
        values = {"session_id": self.session.id, "partner_id": self.guest.id, "role": "guest"}
        attendees = self._attendees(self.user_secretariat).with_context(default_eligibility_code="sector")
        self._assert_refused(lambda: attendees.create(values))

    def test_write_refused_for_every_role(self):
        for name, user in self.roles.items():
            with self.subTest(role=name):
                attendee = self._attendees(user).browse(self.attendee.id)
                self._assert_refused(lambda a=attendee: a.write({"eligibility_code": "no_membership"}))
        # other fields are written as before
        self.attendee.with_user(self.user_secretariat).write({"state": "accepted"})
        self.assertEqual(self.attendee.state, "accepted")

    def test_clearing_a_code_refused(self):
        """A registration made ineligible by a withdrawal stays flagged until the organization is in order."""
        self.membership.with_user(self.user_secretariat)._withdraw("Left the forum", date(2026, 7, 1))
        self.env.flush_all()
        self.assertEqual(self.attendee.eligibility_code, "no_membership")
        with self.assertRaisesText(UserError, REFUSAL):
            self.attendee.with_user(self.user_secretariat).write({"eligibility_code": False})
        self.assertEqual(self.attendee.eligibility_code, "no_membership")
        self.assertEqual(self.session.ineligible_count, 1)

    def test_copy_refused(self):
        for name, user in self.roles.items():
            with self.subTest(role=name):
                attendee = self._attendees(user).browse(self.attendee.id)
                self._assert_refused(
                    lambda a=attendee: a.copy({"partner_id": self.guest.id, "eligibility_code": "sector"})
                )
        # a plain copy computes the code of the copy
        copy = self.attendee.with_user(self.user_secretariat).copy({"partner_id": self.guest.id, "role": "guest"})
        self.assertFalse(copy.eligibility_code)

    def test_import_refused(self):
        fields_ = ["session_id/.id", "partner_id/.id", "role", "eligibility_code"]
        row = [str(self.session.id), str(self.guest.id), "guest", "sector"]
        count = self.env["hbri.session.attendee"].search_count([])
        result = self._attendees(self.user_secretariat).load(fields_, [row])
        self.assertFalse(result["ids"])
        self.assertIn(REFUSAL, " ".join(message["message"] for message in result["messages"]))
        self.assertEqual(self.env["hbri.session.attendee"].search_count([]), count)
