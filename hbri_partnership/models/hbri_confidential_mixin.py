# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HbriConfidentialMixin(models.AbstractModel):
    """Records holding off-the-record text: who opened which one, on which day, is logged.

    A model inherits it and names its confidential fields in ``_hbri_confidential_fields``; every ``read`` (the
    form's ``web_read`` goes through it) that returns one of them adds one to the reader's row of the day in
    ``hbri.confidential.access.log``: one SQL upsert per read, whatever the number of records and fields.
    The session of a record is its ``session_id`` (override ``_hbri_access_log_sessions`` otherwise).
    """

    _name = "hbri.confidential.mixin"
    _description = "Off-the-record Content (access logged)"
    _hbri_confidential_fields = ()

    # no @api.readonly on purpose: the log is a write, the request needs a read/write cursor (see web_read)
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load=load)
        names = fields or list(self._fields)
        if self and set(self._hbri_confidential_fields) & set(names):
            logged = self._hbri_access_logged()
            if logged:
                self.env["hbri.confidential.access.log"]._log_access(logged)
        return result

    # overridden without @api.readonly: Odoo would otherwise serve the form on a read-only cursor (replica)
    def web_read(self, specification):
        return super().web_read(specification)

    def _hbri_access_logged(self):
        """The records among these whose read is logged (all by default; a case study: those holding notes)."""
        return self

    def _hbri_access_log_sessions(self):
        """{record id: session id or None} of these records."""
        if "session_id" not in self._fields:
            return {}
        return {record.id: record.session_id.id for record in self}
