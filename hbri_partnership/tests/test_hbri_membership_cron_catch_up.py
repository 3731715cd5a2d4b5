# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from .common import HbriPartnershipCommon


class TestHbriMembershipCronCatchUp(HbriPartnershipCommon):
    """The daily job works from its last successful run (ir.cron's lastcall), and its renewal reminders are
    automated activities as activity_schedule() makes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("hbri_partnership.ir_cron_hbri_membership_update")
        cls.activity_type = cls.env.ref("hbri_partnership.mail_activity_type_hbri_membership_renewal")

    def _run_cron(self, day):
        with freeze_time(day):
            self.env["hbri.membership"]._cron_update_memberships()

    def test_a_job_that_did_not_run_for_ten_days_catches_up(self):
        with freeze_time("2026-03-01"):
            # activated ahead of its start: a seat from March 3rd
            self._create_membership(self.org_company, date(2026, 3, 3), date(2026, 12, 31), state="active")
            self.env.flush_all()
            self.assertEqual(self.org_company.hbri_membership_state, "prospect")
        # the job last ran on March 1st (07:30 in Jakarta), then the server was down until March 13th
        self.cron.lastcall = datetime(2026, 3, 1, 0, 30)
        self._run_cron("2026-03-13 01:00:00")
        self.assertEqual(self.org_company.hbri_membership_state, "member")
        self.assertTrue(self.org_company.hbri_is_member)

    def test_last_day_of_the_job(self):
        Membership = self.env["hbri.membership"]
        today = date(2026, 3, 13)
        self.cron.lastcall = datetime(2026, 3, 1, 0, 30)
        self.assertEqual(Membership._get_cron_last_day(today), date(2026, 3, 1))
        self.cron.lastcall = datetime(2026, 3, 12, 23, 30)  # already March 13th in Jakarta
        self.assertEqual(Membership.with_context(tz="Asia/Jakarta")._get_cron_last_day(today), today)
        self.cron.lastcall = False
        self.assertEqual(Membership._get_cron_last_day(today), date(2026, 3, 6), "never ran: the last week")

    def test_renewal_reminder_is_an_automated_activity(self):
        with freeze_time("2026-01-01"):
            membership = self._create_membership(
                self.org_company, date(2025, 7, 1), date(2026, 6, 30), state="active", user_id=self.user_secretariat.id
            )
        self.user_secretariat.lang = "en_US"
        self._run_cron("2026-06-01")
        activity = membership.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.automated)
        self.assertEqual(activity.activity_type_id, self.activity_type)
        self.assertEqual((activity.user_id, activity.date_deadline), (self.user_secretariat, date(2026, 6, 30)))
        self.assertEqual(activity.summary, "Renew the membership of PT Uji Coba")
        # Odoo's own helpers find it as they find activity_schedule()'s: the default activity_feedback() closes it
        membership.activity_feedback(["hbri_partnership.mail_activity_type_hbri_membership_renewal"])
        self.assertFalse(membership.activity_ids)

    def test_no_reminder_when_automation_is_skipped(self):
        with freeze_time("2026-01-01"):
            membership = self._create_membership(self.org_company, date(2025, 7, 1), date(2026, 6, 30), state="active")
        with freeze_time("2026-06-01"):
            self.env["hbri.membership"].with_context(mail_activity_automation_skip=True)._cron_update_memberships()
        self.assertFalse(membership.activity_ids)
        self.assertFalse(membership.renewal_activity_date, "reminded on a later run")
