# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from .common import HbriSurveyCommon


@freeze_time("2026-09-10 08:00:00")
class TestHbriSurveyMarkAttendance(HbriSurveyCommon):
    """Marking attendance e-mails each attendee the evaluation; its anonymous answers are created silently: no
    follower (whoever marked attendance does not follow the answers) and no "created" message on each."""

    def test_answers_created_without_chatter(self):
        session = self._make_session(datetime(2026, 5, 12, 2))
        # tracking on, as in the web client (the tests' common setup turns it off)
        session = session.with_context(tracking_disable=False, mail_notrack=False)
        self._hold(session, absent=self.rep_company_2)
        evaluations = self.env["hbri.session.evaluation"].search([("session_id", "=", session.id)])
        self.assertEqual(evaluations.partner_id, self.rep_company | self.rep_ngo)
        mails = self.env["mail.mail"].search(
            [("model", "=", "hbri.session.evaluation"), ("res_id", "in", evaluations.ids)]
        )
        self.assertEqual(mails.recipient_ids, self.rep_company | self.rep_ngo, "the evaluation e-mails still go")
        answers = evaluations.sudo().user_input_id
        self.assertEqual(len(answers), 2)
        self.assertFalse(answers.message_follower_ids, "nobody follows the anonymous answers")
        self.assertFalse(answers.message_ids, "no message logged on the anonymous answers")
