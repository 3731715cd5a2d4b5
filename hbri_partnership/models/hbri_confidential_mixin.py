# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class HbriConfidentialMixin(models.AbstractModel):
    """Records holding off-the-record text: who opened which one, on which day, is logged.

    A model inherits it (one line: add it to ``_inherit``); every ``read`` (the form's ``web_read`` goes through
    it) that returns one of its confidential fields adds one to the reader's row of the day in
    ``hbri.confidential.access.log``: one SQL upsert per read, whatever the number of records and fields.

    Defaults, to override when they do not fit: the confidential fields are the model's HTML fields
    (``_hbri_confidential_fields`` names others); a model with an ``includes_notes`` flag (the case study) logs
    only the records holding notes; the session of a record is its ``session_id``.
    """

    _name = "hbri.confidential.mixin"
    _description = "Off-the-record Content (access logged)"
    _hbri_confidential_fields = ()

    # no @api.readonly on purpose: the log is a write, the request needs a read/write cursor (see web_read)
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load=load)
        names = fields or list(self._fields)
        if self and set(self._hbri_get_confidential_fields()) & set(names):
            logged = self._hbri_access_logged()
            if logged:
                self.env["hbri.confidential.access.log"]._log_access(logged)
        return result

    # overridden without @api.readonly: Odoo would otherwise serve the form on a read-only cursor (replica)
    def web_read(self, specification):
        return super().web_read(specification)

    @api.model
    def _hbri_get_confidential_fields(self):
        return self._hbri_confidential_fields or [name for name, field in self._fields.items() if field.type == "html"]

    def _hbri_access_logged(self):
        """The records among these whose read is logged (all by default; those holding notes when the model
        says so with an ``includes_notes`` flag)."""
        if "includes_notes" in self._fields:
            # sudo: the flag is read only to decide whether to log, the caller already read the records
            return self.browse(self.sudo().filtered("includes_notes").ids)
        return self

    def _hbri_access_log_sessions(self):
        """{record id: session id or None} of these records."""
        if "session_id" not in self._fields:
            return {}
        return {record.id: record.session_id.id for record in self}
