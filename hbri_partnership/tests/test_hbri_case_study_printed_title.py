# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .test_hbri_consent import HbriConsentCommon

RAW_TITLE = "PT Uji Coba mobile clinics"


class TestHbriCaseStudyPrintedTitle(HbriConsentCommon):
    """E-mails and chatter messages about a case study name it as it prints: an anonymized case study's raw
    title (which names the organizations) never goes out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.rep_company | cls.rep_ngo).write({"email": "rep@example.com"})

    def _anonymized_draft(self):
        case_study = self._draft()
        case_study.name = RAW_TITLE
        self.assertEqual(case_study.attribution_mode, "anonymized")
        printed = case_study._get_printed_title()
        self.assertNotIn("Uji Coba", printed)
        return case_study, printed

    def test_approval_request_quotes_the_printed_title(self):
        case_study, printed = self._anonymized_draft()
        case_study.action_submit_review()
        case_study.with_user(self.user_secretariat).action_request_approval()
        messages = case_study.message_ids.filtered(lambda m: m.message_type == "comment" and m.partner_ids)
        self.assertEqual(messages.partner_ids, self.rep_company | self.rep_ngo)
        mails = self.env["mail.mail"].search([("mail_message_id", "in", messages.ids)])
        self.assertTrue(mails)
        for message in messages:
            self.assertIn(printed, message.subject)
            self.assertNotIn(RAW_TITLE, message.subject)
            self.assertIn(printed, message.body)
            self.assertNotIn(RAW_TITLE, message.body)
        for mail in mails:
            self.assertIn(printed, mail.subject)
            self.assertNotIn(RAW_TITLE, mail.subject)
            self.assertNotIn(RAW_TITLE, mail.body_html, "nor in the e-mail's heading")

    def test_other_messages_are_named_as_printed(self):
        """A message posted without a subject (a note to a follower, a tracking e-mail) is e-mailed under the
        printed title, and its heading names the case study as it prints."""
        case_study, printed = self._anonymized_draft()
        message = case_study.message_post(
            body="Please check the figures.",
            partner_ids=self.rep_company.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.subject, printed)
        self.assertNotIn(RAW_TITLE, mail.body_html)
        # once every organization agreed to be named, the printed title is the title itself
        case_study.action_submit_review()
        case_study.action_request_approval()
        self._consent(case_study, self.org_company, self.rep_company)
        self._consent(case_study, self.org_ngo, self.rep_ngo)
        self.assertEqual(case_study.attribution_mode, "named")
        message = case_study.message_post(
            body="Named now.", partner_ids=self.rep_company.ids, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.subject, RAW_TITLE)
