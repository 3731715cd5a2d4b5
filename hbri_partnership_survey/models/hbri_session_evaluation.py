# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import api, fields, models

from odoo.addons.hbri_partnership.models.hbri_workflow_mixin import workflow_write

REMINDER_DELAY_DAYS = 5
# attendees invited per transaction of the job: each batch is committed, so that a crash loses one batch at most
# (and the next run takes it again)
EVALUATION_BATCH_SIZE = 100


class HbriSessionEvaluation(models.Model):
    """The invitation of one attendee to evaluate one session.

    It is the only link between a person and their (anonymous) answer: only system administrators read it, the
    roundtable's users see the session's totals. It exists so that the reminder goes once, and only to those
    who have not answered.
    """

    _name = "hbri.session.evaluation"
    _description = "Session Evaluation Invitation"
    _order = "session_id desc, id"
    _rec_name = "session_id"

    session_id = fields.Many2one("hbri.roundtable.session", required=True, index=True, ondelete="cascade")
    attendee_id = fields.Many2one("hbri.session.attendee", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="attendee_id.partner_id")
    user_input_id = fields.Many2one("survey.user_input", required=True, ondelete="cascade")
    is_answered = fields.Boolean(compute="_compute_is_answered", store=True)
    date_sent = fields.Datetime(readonly=True, copy=False)
    reminder_sent = fields.Boolean(readonly=True, copy=False)

    _attendee_once = models.UniqueIndex("(attendee_id)", "An attendee is invited once to evaluate a session.")

    @api.depends("user_input_id.state")
    def _compute_is_answered(self):
        for evaluation in self:
            evaluation.is_answered = evaluation.user_input_id.state == "done"

    def _get_lang(self):
        """The attendee's language: their contact's when the survey is offered in it, else the session's (the
        language of its e-mails). The invitation, its reminder and the survey's page speak it."""
        self.ensure_one()
        session_lang = self.session_id._get_mail_lang()
        # sudo: the languages the survey is offered in (a setting of the survey) and those its pages are served in
        offered = set(self.user_input_id.survey_id.sudo()._get_supported_lang_codes())
        offered &= self._get_served_lang_codes()
        for code in (self.partner_id.lang, session_lang):
            if code and code in offered:
                return code
        return session_lang

    def _get_served_lang_codes(self):
        """The languages the evaluation's pages can be opened in: with Odoo's website, those of the website that
        answers the link's host (a language it does not offer would answer 404), else every active language."""
        if "website" not in self.env:
            return set(self.env["res.lang"]._get_active_by("code"))
        Website = self.env["website"].sudo()
        host = urlsplit(self.session_id.get_base_url()).netloc
        return set(Website.browse(Website._get_current_website_id(host)).language_ids.mapped("code"))

    def _get_survey_url(self):
        """The absolute link to the evaluation: Survey's own page, opened with this invitation's answer token, in
        the attendee's language (the language prefix of the URL, as the website's language selector makes it):
        without it, the page would open in the website's default language."""
        self.ensure_one()
        lang = self._get_lang()
        # a language the website does not serve would answer 404: then the website's default language decides
        prefix = (
            f"/{self.env['res.lang']._get_data(code=lang).url_code}" if lang in self._get_served_lang_codes() else ""
        )
        return f"{self.session_id.get_base_url()}{prefix}{self.user_input_id.get_start_url()}"

    def _send(self, template_xmlid):
        """E-mail these invitations (those of attendees with an e-mail address) with the given template."""
        to_send = self.filtered("partner_id.email")
        if not to_send:
            return
        template = self.env.ref(template_xmlid).sudo()
        # author: the company, not the user who marked the session held; an author reads their messages, and
        # each message holds the link (the answer token) of one named person
        template.send_mail_batch(
            to_send.ids,
            email_values={"author_id": to_send.session_id.company_id.partner_id[:1].id or False},
            email_layout_xmlid="mail.mail_notification_light",
        )

    @api.model
    def _cron_send_evaluations(self, batch_size=EVALUATION_BATCH_SIZE):
        """Invite the attendees queued when their attendance was marked, in batches, each committed with the
        job's progress. Run twice, or again after a crash between batches, it invites nobody twice: a batch's
        invitations and the clearing of its queue markers are committed together, and an attendee already
        invited is never invited again (one invitation per attendee, a unique index)."""
        Attendee = self.env["hbri.session.attendee"].sudo()
        domain = [("evaluation_pending", "=", True)]
        remaining = Attendee.search_count(domain)
        self.env["ir.cron"]._commit_progress(remaining=remaining)
        while remaining:
            attendees = Attendee.search(domain, order="id", limit=batch_size)
            if not attendees:
                break
            self._send_queued(attendees)
            remaining = Attendee.search_count(domain) if len(attendees) == batch_size else 0
            if not self.env["ir.cron"]._commit_progress(len(attendees), remaining=remaining):
                # out of time: the job is called again soon for the rest
                break

    @api.model
    def _send_queued(self, attendees):
        """Invite those of these queued attendees still owed the evaluation (the session still held, the attendee
        still attended, not invited yet) and clear their markers: whoever is no longer owed it gets none."""
        owed = attendees.filtered(lambda a: a._is_owed_evaluation())
        evaluations = owed._send_evaluation()
        with workflow_write():
            attendees.write({"evaluation_pending": False})
        return evaluations

    @api.model
    def _cron_send_reminders(self):
        """Remind, once, the attendees who have not answered a few days after their invitation."""
        evaluations = self.search(
            [
                ("is_answered", "=", False),
                ("reminder_sent", "=", False),
                ("date_sent", "<=", fields.Datetime.now() - timedelta(days=REMINDER_DELAY_DAYS)),
                ("session_id.state", "in", ("held", "closed")),
            ]
        )
        evaluations._send_reminders()

    def _send_reminders(self):
        pending = self.filtered(lambda e: not e.is_answered and not e.reminder_sent and e.date_sent)
        pending._send("hbri_partnership_survey.mail_template_hbri_evaluation_reminder")
        pending.write({"reminder_sent": True})
        return pending

    @api.model
    def _demo_answer(self, session_id, scores, pending_partner_ids=()):
        """Demo data: the first invitations of a session answered with these usefulness scores; those of
        ``pending_partner_ids`` stay to answer (the demo's portal representative answers one herself)."""
        evaluations = self.search(
            [("session_id", "=", session_id), ("attendee_id.partner_id", "not in", list(pending_partner_ids))],
            limit=len(scores),
        )
        for evaluation, score in zip(evaluations, scores, strict=False):
            user_input = evaluation.user_input_id
            survey = user_input.survey_id
            for question in survey.question_ids:
                if question.hbri_evaluation_key == "usefulness":
                    user_input._save_lines(question, str(score))
                elif question.question_type == "multiple_choice" and score == 5:
                    keyed = question.suggested_answer_ids.filtered("hbri_evaluation_key")
                    user_input._save_lines(question, keyed[:1].ids)
            user_input._mark_done()
