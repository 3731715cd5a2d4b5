# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The session's calendar file (.ics) attached to invitations and offered in the portal; its SEQUENCE is
raised by the session's write() when the name, dates or place change (CALENDAR_FIELDS)."""

import pytz
import vobject

from odoo import fields, models


class HbriRoundtableSession(models.Model):
    """Calendar file of a roundtable session."""

    _inherit = "hbri.roundtable.session"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------ calendar
    def _get_ics_uid(self):
        """The same UID in every calendar file of the session (e-mail, portal, any day): calendars update the
        entry instead of adding a second one."""
        self.ensure_one()
        # sudo: the database UUID identifies the database in the UID, it is not a secret
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        return f"hbri-session-{self.id}@{uuid}"

    def _get_ics_location(self):
        self.ensure_one()
        parts = []
        if self.venue_partner_id:
            address = self.venue_partner_id._display_address(without_company=False) or ""
            parts += [self.venue_partner_id.name or ""] + address.split("\n")
        if self.online_url:
            parts.append(self.online_url)
        seen = []
        for part in (p.strip(" ,") for p in parts):
            if part and part not in seen:
                seen.append(part)
        return ", ".join(seen)

    def _get_ics_content(self):
        """The session's calendar file (text/calendar, UTF-8 bytes), built here: no calendar.event, no
        attachment, nothing written. Its SEQUENCE is raised when the dates, place or name change."""
        self.ensure_one()
        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//HBRI Partnership//Roundtable//EN"
        calendar.add("method").value = "PUBLISH"
        event = calendar.add("vevent")
        event.add("uid").value = self._get_ics_uid()
        event.add("sequence").value = str(self.calendar_sequence or 0)
        event.add("dtstamp").value = fields.Datetime.now().replace(tzinfo=pytz.utc)
        event.add("dtstart").value = self.date_start.replace(tzinfo=pytz.utc)
        event.add("dtend").value = self.date_end.replace(tzinfo=pytz.utc)
        event.add("summary").value = self.name or ""
        location = self._get_ics_location()
        if location:
            event.add("location").value = location
        if self.online_url:
            event.add("url").value = self.online_url
        event.add("class").value = "PRIVATE"
        return calendar.serialize().encode()

    def _get_ics_attachment(self):
        """The calendar file as the session's own attachment (one per session, refreshed when it changed),
        attached to the invitation mails: never an attachment without a record."""
        self.ensure_one()
        content = self._get_ics_content()
        # sudo: the file holds only what members are told (name, dates, place); secretariat users may lack
        # the right to attach files to a session they can invite to
        attachments = self.env["ir.attachment"].sudo()
        attachment = attachments.search(
            [("res_model", "=", self._name), ("res_id", "=", self.id), ("mimetype", "=", "text/calendar")], limit=1
        )
        values = {"name": self._get_ics_filename(), "raw": content, "mimetype": "text/calendar"}
        if not attachment:
            return attachments.create({**values, "res_model": self._name, "res_id": self.id})
        if attachment.raw != content or attachment.name != values["name"]:
            attachment.write(values)
        return attachment

    def _get_ics_filename(self):
        self.ensure_one()
        slug = self.env["ir.http"]._slugify(self.name or "", max_length=60)
        return f"{slug or 'session'}.ics"
