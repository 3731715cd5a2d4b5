# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
import logging
from pathlib import Path

from odoo.tests import tagged

from .common import HbriSurveyCommon

POST_MIGRATE = Path(__file__).parent.parent / "migrations" / "19.0.1.1.0" / "post-migrate.py"
LOGGER = "odoo.addons.hbri_partnership_survey.migrations.post_migrate_19_0_1_1_0"
# the templates' language as the earlier releases shipped it (v19.0.1.2.0, data/mail_template_data.xml)
PREVIOUS_LANG = "{{ object.session_id._get_mail_lang() }}"
BUTTON = {"en_US": "Evaluate the session", "id_ID": "Evaluasi sesi ini"}


def load_post_migrate():
    spec = importlib.util.spec_from_file_location(LOGGER, POST_MIGRATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install", "hbri_partnership_survey")
class TestHbriSurveyMigration(HbriSurveyCommon):
    """19.0.1.1.0's post-migrate, run on a database as an earlier release installed it: the evaluation survey
    offered in one language, its e-mails written in the session's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lang_en, cls.lang_id = cls._offer_languages("en_US", "id_ID")
        cls.env["ir.module.module"]._load_module_terms(
            ["survey", "hbri_partnership", "hbri_partnership_survey"], ["id_ID"], overwrite=True
        )
        # Ayu reads Indonesian; the session is held in English
        cls.rep_company.lang = "id_ID"
        cls.invitation = cls.env.ref("hbri_partnership_survey.mail_template_hbri_evaluation_invitation")
        cls.reminder = cls.env.ref("hbri_partnership_survey.mail_template_hbri_evaluation_reminder")
        cls.templates = cls.invitation | cls.reminder
        # what a fresh install of this release sets (this test database is one)
        cls.fresh_lang = cls.invitation.lang
        cls.fresh_body = cls.reminder.body_html

    def _previous_release(self):
        """The survey and the templates as the earlier release installed them: Survey's default language (the one
        the module was installed in) and the session's language for the e-mails."""
        self.survey.lang_ids = self.lang_en
        self.templates.lang = PREVIOUS_LANG

    def _migrate(self, version="19.0.1.0.0"):
        # logging.INFO, not "INFO": Odoo gives that name to its level 25 too, which would hide INFO lines
        with self.assertLogs(LOGGER, logging.INFO) as logs:
            load_post_migrate().migrate(self.env.cr, version)
        self.env.invalidate_all()
        return [record.getMessage() for record in logs.records]

    def _mail_of(self, evaluation, template):
        mails = self.env["mail.mail"].search(
            [("model", "=", "hbri.session.evaluation"), ("res_id", "=", evaluation.id)], order="id"
        )
        self.assertEqual(len(mails), 2 if template == self.reminder else 1)
        return mails[-1]

    def test_previous_release_brought_to_fresh_install(self):
        self.assertFalse(self.survey.lang_ids, "a fresh install offers the evaluation in every installed language")
        self.assertEqual(self.fresh_lang, "{{ object._get_lang() }}")
        self._previous_release()
        self._hold(self.rt_session, absent=self.rep_company_2)
        ayu = self.env["hbri.session.evaluation"].search(
            [("session_id", "=", self.rt_session.id), ("partner_id", "=", self.rep_company.id)]
        )
        # before: Ayu is written to in the session's English, and the survey is not offered in Indonesian
        self.assertIn(BUTTON["en_US"], self._mail_of(ayu, self.invitation).body_html)
        self.assertEqual(ayu._get_lang(), "en_US")

        messages = self._migrate()

        self.assertFalse(self.survey.lang_ids)
        self.assertEqual(self.invitation.lang, self.fresh_lang)
        self.assertEqual(self.reminder.lang, self.fresh_lang)
        self.assertEqual(self.reminder.body_html, self.fresh_body)
        self.assertEqual(len(messages), 3, messages)
        self.assertIn("offered in every installed language (was en_US only)", messages[0])
        # after: the evaluation and its reminder speak Ayu's language
        self.assertEqual(ayu._get_lang(), "id_ID")
        self.assertEqual(self.reminder._render_lang(ayu.ids), {ayu.id: "id_ID"})
        ayu._send_reminders()
        body = self._mail_of(ayu, self.reminder).body_html
        self.assertIn(BUTTON["id_ID"], body)
        self.assertIn("/id/survey/start/", body)

        # a second run finds nothing to do
        with self.assertNoLogs(LOGGER, logging.INFO):
            load_post_migrate().migrate(self.env.cr, "19.0.1.0.0")

    def test_edited_template_left_alone(self):
        self._previous_release()
        # the secretariat set the invitation's language by hand, and reworded the reminder (not its language)
        own_lang = "{{ object.attendee_id.partner_id.lang }}"
        self.invitation.lang = own_lang
        own_body = "<p>Mohon isi evaluasi sesi: <t t-out='object._get_survey_url()'/></p>"
        self.reminder.with_context(lang="en_US").body_html = own_body
        # and chose the survey's languages
        self.survey.lang_ids = self.lang_en | self.lang_id

        messages = self._migrate()

        self.assertEqual(self.invitation.lang, own_lang)
        self.assertEqual(self.survey.lang_ids, self.lang_en | self.lang_id)
        # the reminder's wording is kept; only its language, still as shipped, follows the attendee
        self.assertEqual(self.reminder.lang, self.fresh_lang)
        self.assertIn("Mohon isi evaluasi sesi", self.reminder.with_context(lang="en_US").body_html)
        self.assertEqual(len(messages), 3, messages)
        left = [message for message in messages if "left as edited" in message]
        self.assertEqual(len(left), 2, messages)
        self.assertIn("mail_template_hbri_evaluation_invitation", left[1])
        self.assertIn("lang changed by hand", left[1])
        self.assertIn("en_US, id_ID", left[0])

    def test_fresh_install_untouched(self):
        """On a fresh install (no earlier version) and on a database already up to date, nothing changes."""
        with self.assertNoLogs(LOGGER, logging.INFO):
            load_post_migrate().migrate(self.env.cr, None)
            self.survey.lang_ids = self.lang_en
            load_post_migrate().migrate(self.env.cr, None)
        self.assertEqual(self.survey.lang_ids, self.lang_en)
        self.survey.lang_ids = False
        with self.assertNoLogs(LOGGER, logging.INFO):
            load_post_migrate().migrate(self.env.cr, "19.0.1.0.0")
        self.assertFalse(self.survey.lang_ids)
        self.assertEqual(self.templates.mapped("lang"), [self.fresh_lang] * 2)
