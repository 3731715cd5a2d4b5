# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HbriSurveyCommon

STAFF_FIELDS = (
    "evaluation_survey_id",
    "evaluation_invited_count",
    "evaluation_answered_count",
    "evaluation_usefulness_avg",
    "evaluation_present_count",
    "evaluation_host_count",
)


@tagged("post_install", "-at_install", "hbri_partnership_survey")
class TestHbriSurveyPortalFields(HbriSurveyCommon):
    def test_evaluation_totals_are_not_read_by_representatives(self):
        """A representative reads the session they are invited to, never its evaluation's survey nor totals (read
        after each answer, the totals of a small session would tell how another member answered)."""
        Session = self.env["hbri.roundtable.session"].with_user(self.user_portal)
        rows = Session.search_read([("id", "=", self.rt_session.id)], [])
        self.assertEqual([row["id"] for row in rows], self.rt_session.ids, "the representative is invited")
        self.assertFalse(set(rows[0]) & set(STAFF_FIELDS))
        for name in STAFF_FIELDS:
            with self.subTest(field=name), self.assertRaises(AccessError):
                Session.browse(self.rt_session.id).read([name])
        # the secretariat still reads them
        staff = self.rt_session.with_user(self.user_secretariat).read(list(STAFF_FIELDS))
        self.assertEqual(staff[0]["evaluation_survey_id"][0], self.survey.id)
