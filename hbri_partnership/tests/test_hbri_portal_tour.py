# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from .test_hbri_portal_access import HbriPortalStory


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalTour(HbriPortalStory, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        (cls.u_primary | cls.user_secretariat).write({"lang": "id_ID"})
        start = datetime.now().replace(microsecond=0) + timedelta(days=40)
        cls.alpha = cls.env["hbri.roundtable.session"].create(
            {
                "name": "Alpha Roundtable",
                "date_start": start,
                "date_end": start + timedelta(hours=3),
                "venue_partner_id": cls.venue.id,
                "is_additional": True,  # ten days after the story's upcoming session: often its quarter
            }
        )
        cls.att_alpha = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.alpha.id, "partner_id": cls.rep_company.id}
        )
        # the story's other invitation was answered already: the unanswered one comes first although later
        cls.upcoming_attendees.filtered(lambda a: a.partner_id == cls.rep_company).state = "accepted"

    def test_representative_answers_signs_and_approves(self):
        self.start_tour("/my/roundtable", "hbri_portal_representative", login="hbri_p_primary")
        self.assertEqual(self.att_alpha.state, "accepted")
        consent = self.cs_awaiting.consent_ids
        self.assertEqual(consent.representative_id, self.rep_company)
        self.assertEqual(consent.decision, "approved")
        self.assertTrue(consent.scope_name)
        self.assertTrue(consent.signature)
        self.assertEqual(consent.signed_by, "Ayu Representative")
        self.start_tour(
            f"/odoo/action-hbri_partnership.hbri_case_study_action/{self.cs_awaiting.id}",
            "hbri_portal_consent_backoffice",
            login="hbri_secretariat",
        )
