# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from .common import HbriPartnershipCommon


class TestHbriMembershipCron(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-01-01"):
            cls.expiring = cls._create_membership(
                cls.org_company,
                date(2025, 7, 1),
                date(2026, 6, 30),
                state="active",
                user_id=cls.user_secretariat.id,
            )
            cls.open_ended = cls._create_membership(cls.org_ngo, date(2025, 1, 1), state="active")
            cls.env.flush_all()  # stored states are computed on the day the memberships are recorded
        cls.cron = cls.env.ref("hbri_partnership.ir_cron_hbri_membership_update")
        cls.activity_type = cls.env.ref("hbri_partnership.mail_activity_type_hbri_membership_renewal")

    def _renewal_activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hbri.membership"),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def _run_cron(self, day):
        with freeze_time(day):
            self.env["hbri.membership"]._cron_update_memberships()

    def test_cron_is_daily(self):
        self.assertEqual((self.cron.interval_number, self.cron.interval_type), (1, "days"))
        self.assertTrue(self.cron.active)
        self.assertEqual(self.cron.code.strip(), "model._cron_update_memberships()")
        self.assertEqual(self.cron.model_id.model, "hbri.membership")

    def test_no_reminder_before_30_days(self):
        self._run_cron("2026-05-30")
        self.assertFalse(self._renewal_activities())
        self.assertEqual(self.expiring.state, "active")

    def test_reminder_once_30_days_before_end(self):
        self._run_cron("2026-05-31")
        activity = self._renewal_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.res_id, self.expiring.id)
        self.assertEqual(activity.user_id, self.user_secretariat)
        self.assertEqual(activity.date_deadline, date(2026, 6, 30))
        self.assertIn("PT Uji Coba", activity.summary)
        # the next days remind nobody again, even once the activity is done
        self._run_cron("2026-06-01")
        activity.action_feedback(feedback="Called them")
        self._run_cron("2026-06-02")
        self.assertFalse(self._renewal_activities())
        self.assertEqual(self.expiring.renewal_activity_date, date(2026, 5, 31))

    def test_renewed_membership_not_reminded(self):
        with freeze_time("2026-05-01"):
            self.expiring.action_renew()
        self._run_cron("2026-06-10")
        self.assertFalse(self._renewal_activities())

    def test_ends_past_memberships(self):
        self._run_cron("2026-06-30")
        self.assertEqual(self.expiring.state, "active", "the last day is still a day of membership")
        self.assertEqual(self.org_company.hbri_membership_state, "member")
        self._run_cron("2026-07-01")
        self.assertEqual(self.expiring.state, "ended")
        self.assertEqual(self.org_company.hbri_membership_state, "lapsed")
        self.assertFalse(self.org_company.hbri_is_member)
        self.assertEqual(self.open_ended.state, "active")
        self.assertEqual(self.org_ngo.hbri_membership_state, "member")

    def test_future_membership_becomes_member_on_start(self):
        future_org = self.env["res.partner"].create(
            {
                "name": "PT Masa Depan",
                "is_company": True,
                "hbri_sector_id": self.sector_business.id,
            }
        )
        self.env["res.partner"].create(
            {
                "name": "Future Rep",
                "parent_id": future_org.id,
                "hbri_representative_role": "primary",
            }
        )
        with freeze_time("2026-06-01"):
            membership = self._create_membership(future_org, date(2026, 7, 1))
            membership.action_accept_current_guidelines()
            membership.action_activate()
            self.assertEqual(future_org.hbri_membership_state, "prospect")
        self._run_cron("2026-07-01")
        self.assertEqual(future_org.hbri_membership_state, "member")


class TestHbriMembershipCronBatch(HbriPartnershipCommon):
    def _expiring_memberships(self, count, prefix):
        partners = self.env["res.partner"].create(
            [{"name": f"{prefix} {i}", "is_company": True, "hbri_sector_id": self.sector_ngo.id} for i in range(count)]
        )
        reps = self.env["res.partner"].create([{"name": f"Rep {p.name}", "parent_id": p.id} for p in partners])
        memberships = self.env["hbri.membership"].create(
            [
                {
                    "partner_id": p.id,
                    "date_start": date(2025, 7, 1),
                    "date_end": date(2026, 6, 20),
                    "guideline_id": self.guideline.id,
                    "accepted_by_id": r.id,
                    "date_accepted": date(2025, 7, 1),
                }
                for p, r in zip(partners, reps, strict=True)
            ]
        )
        memberships.write({"state": "active"})
        return memberships

    def test_cron_query_count_independent_of_size(self):
        """Ending memberships and reminding renewals costs the same queries for 10 and 60 memberships."""
        counts = []
        for count, prefix in ((3, "Warm"), (10, "Small"), (60, "Large")):
            memberships = self._expiring_memberships(count, prefix)
            self.env.flush_all()
            self.env.invalidate_all()
            with freeze_time("2026-06-01"):
                before = self.cr.sql_log_count
                self.env["hbri.membership"]._cron_update_memberships()
                self.env.flush_all()
                counts.append(self.cr.sql_log_count - before)
            self.assertEqual(len(memberships.activity_ids), count)
            memberships.write({"state": "ended"})
        self.assertEqual(counts[1], counts[2], f"queries for 3 / 10 / 60 memberships: {counts}")
