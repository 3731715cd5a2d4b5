# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The summary of a session: written by its facilitators, read by staff and members once released.

A draft is readable by the session's facilitators and the administrators only; releasing it shows it to staff
and on the portal of the members who attended. Who released it and when is recorded by the actions only:
``state``, ``released_by_id`` and ``date_released`` are refused on create, write, copy and import
(hbri.workflow.mixin).
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import LazyTranslate

from .hbri_session_note import _refuse_changes

_lt = LazyTranslate(__name__)
RELEASE = _lt("use Release to Members or Withdraw, which record who released the summary and when")
ACTION_FIELDS = {"state": RELEASE, "released_by_id": RELEASE, "date_released": RELEASE}


class HbriSessionSummary(models.Model):
    _name = "hbri.session.summary"
    _description = "Session Summary"
    _inherit = ["hbri.workflow.mixin"]
    _order = "session_id desc, id desc"
    _rec_names_search = ["session_id"]
    _check_company_auto = True
    _hbri_action_fields = ACTION_FIELDS

    session_id = fields.Many2one(
        "hbri.roundtable.session", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    body = fields.Html(
        string="Summary",
        sanitize=True,
        sanitize_overridable=False,
        help="A non-attributed summary of the session for the members: nobody is named.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("released", "Released")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        copy=False,
    )
    released_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_released = fields.Datetime(readonly=True, copy=False)

    # the database's own guarantee behind _check_one_draft (which explains it first): two requests saving a
    # draft for the same session at once cannot both succeed
    _one_draft_per_session = models.UniqueIndex(
        "(session_id) WHERE state = 'draft'",
        "A session has one draft summary at most: edit its draft instead of starting another.",
    )

    @api.depends("session_id", "state")
    def _compute_display_name(self):
        for summary in self:
            summary.display_name = self.env._("Summary of %(session)s", session=summary.session_id.name or "")

    @api.constrains("session_id", "state")
    def _check_one_draft(self):
        drafts = self.filtered(lambda s: s.state == "draft")
        if not drafts:
            return
        # sudo: the other drafts of the session may belong to another facilitator's view; only counted
        counts = dict(
            self.env["hbri.session.summary"]
            .sudo()
            ._read_group(
                [("session_id", "in", drafts.session_id.ids), ("state", "=", "draft")], ["session_id"], ["__count"]
            )
        )
        for summary in drafts:
            if counts.get(summary.session_id.sudo(), 0) > 1:
                raise UserError(
                    self.env._(
                        "%(session)s already has a draft summary: edit that one instead of starting another.",
                        session=summary.session_id.name,
                    )
                )

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")  # who may not create a summary learns nothing of the session's drafts
        self._check_create_rules([vals["session_id"] for vals in vals_list if vals.get("session_id")])
        # the fields only actions move are refused by hbri.workflow.mixin's create, reached through super()
        self._refuse_second_draft(
            [
                vals["session_id"]
                for vals in vals_list
                if vals.get("session_id") and vals.get("state", "draft") == "draft"
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        _refuse_changes(self, vals, ("session_id", "company_id"))
        if vals.get("state") == "draft":
            back = self.filtered(lambda s: s.state != "draft")
            back._refuse_second_draft([summary.session_id.id for summary in back])
        self._hbri_check_action_fields_write(vals)
        if not self.env.su and self.filtered(lambda s: s.state == "released"):
            raise UserError(
                self.env._(
                    "A released summary is not edited: a facilitator of the session or an administrator "
                    "withdraws it first."
                )
            )
        return super().write(vals)

    @api.model
    def _check_create_rules(self, session_ids):
        """Who may not write a summary of a session (a facilitator of another one) learns nothing of its drafts:
        the record rules answer first, as they would for the new row."""
        rules = self.env["ir.rule"]._compute_domain(self._name, "create")
        if not rules or self.env.su:
            return
        for session in self.env["hbri.roundtable.session"].sudo().browse(sorted(set(session_ids))):
            if not self.sudo().new({"session_id": session.id}).filtered_domain(rules):
                raise AccessError(
                    self.env._(
                        "Only the facilitators of %(session)s and the administrators write its summary.",
                        session=session.name,
                    )
                )

    @api.model
    def _refuse_second_draft(self, session_ids):
        """Refuse a new draft for ``session_ids`` (one id per new draft) when its session has one already, with
        the friendly message; checked before the row is written, where the unique index would refuse it tersely."""
        if not session_ids:
            return
        # sudo: the other drafts of a session may be outside the user's view; only their session is named
        drafts = self.sudo().search([("session_id", "in", session_ids), ("state", "=", "draft")])
        twice = [sid for sid in session_ids if session_ids.count(sid) > 1 or sid in drafts.session_id.ids]
        if twice:
            raise UserError(
                self.env._(
                    "%(session)s already has a draft summary: edit that one instead of starting another.",
                    session=self.env["hbri.roundtable.session"].sudo().browse(twice[0]).name,
                )
            )

    def copy(self, default=None):
        if self:
            raise UserError(self.env._("Summaries are not copied: write the summary in its own session."))
        return super().copy(default)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_released(self):
        if self.filtered(lambda s: s.state == "released"):
            raise UserError(
                self.env._("A released summary is not deleted: withdraw it first, members may have read it.")
            )

    # ------------------------------------------------------------ actions
    def action_release(self):
        """Release to staff and members; recorded who and when. Only the session's facilitators (record rules
        on write) and administrators can."""
        self._check_may_release()
        drafts = self.filtered(lambda s: s.state == "draft")
        if drafts.filtered(lambda s: not (s.body and s.body.striptags().strip())):
            raise UserError(self.env._("Write the summary before releasing it."))
        # sudo: the release fields are written by this action only (refused to everyone else, hbri.workflow.mixin)
        drafts.sudo().write(
            {"state": "released", "released_by_id": self.env.uid, "date_released": fields.Datetime.now()}
        )
        drafts._notify_release()
        return True

    def action_withdraw(self):
        self._check_may_release()
        # sudo: the release fields are written by this action only (refused to everyone else, hbri.workflow.mixin)
        self.filtered(lambda s: s.state == "released").sudo().write(
            {"state": "draft", "released_by_id": False, "date_released": False}
        )
        return True

    def _check_may_release(self):
        """Facilitators of the session and administrators only: the record rules say who may write."""
        self.check_access("write")
        user = self.env.user
        if user.has_group("hbri_partnership.hbri_partnership_group_manager"):
            return
        if not user.has_group("hbri_partnership.hbri_partnership_group_facilitator") or self.filtered(
            lambda s: user not in s.session_id.facilitator_user_ids
        ):
            raise UserError(
                self.env._("Only the session's facilitators and the administrators release or withdraw its summary.")
            )

    # ------------------------------------------------------------ business
    def _notify_release(self):
        """Tell the members who attended that the summary is on their portal: a link, never the text."""
        for summary in self:
            session = summary.session_id
            # sudo: attendees and their users are read to address the notice; nothing confidential is read
            attendees = session.sudo().attendee_ids.filtered(
                lambda a: a.state == "attended" and a.role in ("member", "presenter")
            )
            partners = attendees.partner_id.filtered(lambda p: p.user_ids or p.email)
            if not partners:
                continue
            lang = session._get_mail_lang()
            session_lang = session.with_context(lang=lang)
            url = f"{session.get_base_url()}/my/roundtable"
            body = Markup("<p>%s</p><p><a href='%s'>%s</a></p>") % (
                session_lang.env._(
                    "The summary of %(session)s is released: read it on your member portal.", session=session.name
                ),
                url,
                session_lang.env._("Open my roundtable page"),
            )
            # sudo: the notice is addressed to members who cannot read the session; it carries only a link
            session.sudo().with_context(lang=lang).message_notify(
                partner_ids=partners.ids,
                subject=session_lang.env._("Summary released: %(session)s", session=session.name),
                body=body,
                email_layout_xmlid="mail.mail_notification_light",
                model_description=session_lang.env._("Roundtable Session"),
            )
