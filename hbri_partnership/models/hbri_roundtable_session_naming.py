# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The session's name and time zone: the generated name ("Roundtable 2026-Q3") in every installed language,
the quarter, the dates told in the session's zone and language, the session's day in its zone."""

import re
from contextvars import ContextVar

import pytz

from odoo import api, fields, models
from odoo.tools import format_datetime

# set while _sync_name_translations writes the name's translations (Odoo writes the field again after them)
_syncing_names = ContextVar("hbri_syncing_session_names", default=False)


class HbriRoundtableSession(models.Model):
    """Naming and time zones of a roundtable session."""

    _inherit = "hbri.roundtable.session"  # pylint: disable=consider-merging-classes-inherited

    @api.depends("kind", "date_start", "tz")
    def _compute_name(self):
        for session in self:
            # a name the user typed is kept, even typed before the date; a generated one follows the date
            if session.date_start and (
                not session.name
                or session.name == session._generated_name(session._origin)
                or session._is_generated_name(session.name)
            ):
                session.name = session._generated_name(session)

    @api.model
    def _is_generated_name(self, name):
        labels = {"Roundtable", "Special Discussion"}
        for lang in self._name_langs():
            translate = self.with_context(lang=lang).env._
            labels |= {translate("Roundtable"), translate("Special Discussion")}
        return any(re.fullmatch(rf"{re.escape(label)} \d{{4}}-Q[1-4]", name or "") for label in labels)

    @api.model
    def _name_langs(self):
        return [code for code, _name in self.env["res.lang"].get_installed()] + ["en_US"]

    def _sync_name_translations(self, typed=False):
        """A generated name in every installed language, in its own words (the label the reader's language
        gives it); a name typed by the user (``typed``: it was just written) the same in all of them, as the
        user wrote it in theirs only. A translation made in the translation dialog is left alone otherwise."""
        if _syncing_names.get():
            return
        langs = dict.fromkeys(self._name_langs())
        token = _syncing_names.set(True)
        try:
            for session in self.sudo():  # the caller wrote the session: the values come from the server
                name = session.name
                if not name:
                    continue
                if session._is_generated_name(name):
                    translations = {lang: self.with_context(lang=lang)._generated_name(session) for lang in langs}
                elif typed:
                    translations = dict.fromkeys(langs, name)
                else:
                    continue
                session.update_field_translations("name", translations)
        finally:
            _syncing_names.reset(token)

    @api.model
    def _generated_name(self, session):
        if not session.date_start:
            return False
        local = pytz.utc.localize(session.date_start).astimezone(pytz.timezone(session.tz or "UTC"))
        label = self.env._("Roundtable") if session.kind == "roundtable" else self.env._("Special Discussion")
        return f"{label} {local.year}-Q{(local.month - 1) // 3 + 1}"

    @api.depends("date_start", "tz")
    def _compute_quarter(self):
        for session in self:
            if session.date_start:
                local = pytz.utc.localize(session.date_start).astimezone(pytz.timezone(session.tz or "UTC"))
                session.quarter = f"{local.year}-Q{(local.month - 1) // 3 + 1}"
            else:
                session.quarter = False

    @api.depends("date_start", "date_end", "tz")
    @api.depends_context("lang")
    def _compute_date_display(self):
        for session in self:
            # in the reader's language (mails, portal and printed documents use the session's)
            session.date_display = session._format_when(self.env.lang)

    def _format_when(self, lang_code=None):
        """The session's dates in its own time zone, the zone named, in the given (or the user's) language:
        'Tuesday 8 September 2026 09:00 – 12:00 WIB'."""
        self.ensure_one()
        if not self.date_start or not self.date_end:
            return False
        lang_code = self._get_mail_lang(lang_code)
        tz = pytz.timezone(self.tz or "UTC")
        local_start = pytz.utc.localize(self.date_start).astimezone(tz)
        local_end = pytz.utc.localize(self.date_end).astimezone(tz)
        start = format_datetime(
            self.env, self.date_start, tz=self.tz, dt_format="EEEE d MMMM y HH:mm", lang_code=lang_code
        )
        end_format = "HH:mm" if local_start.date() == local_end.date() else "EEEE d MMMM y HH:mm"
        end = format_datetime(self.env, self.date_end, tz=self.tz, dt_format=end_format, lang_code=lang_code)
        return f"{start} – {end} {local_start.tzname()}"

    def _get_mail_lang(self, lang_code=None):
        """The session's language when it is installed, else the user's (or the given one when installed)."""
        code = lang_code or (self.language if self else None)
        return (code and self.env["res.lang"]._get_code(code)) or self.env.lang or "en_US"

    def _local_date(self, value):
        """The day of a UTC datetime in the session's time zone."""
        self.ensure_one()
        return pytz.utc.localize(value).astimezone(pytz.timezone(self.tz or "UTC")).date()

    def _local_today(self):
        self.ensure_one()
        return self._local_date(fields.Datetime.now())
