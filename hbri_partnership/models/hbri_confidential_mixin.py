# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


class HbriConfidentialMixin(models.AbstractModel):
    """Records holding off-the-record text: who opened which one, on which day, is logged.

    A model inherits it (one line: add it to ``_inherit``); every ``read`` (the form's ``web_read`` goes through
    it), ``search_read`` or export that returns one of its confidential fields adds one to the reader's row of the
    day in ``hbri.confidential.access.log``: one SQL upsert per read, whatever the number of records and fields.
    Grouped reads (``read_group`` and the like) of a confidential field are refused.

    Defaults, to override when they do not fit: the confidential fields are the model's HTML fields
    (``_hbri_confidential_fields`` names others); a model with an ``includes_notes`` flag (the case study) logs
    only the records holding notes; the session of a record is its ``session_id``.
    """

    _name = "hbri.confidential.mixin"
    _description = "Off-the-record Content (access logged)"
    _hbri_confidential_fields = ()

    # Every path that returns the text goes through one of the three methods below: ``read``, ``search_read``
    # and ``web_read``/``web_search_read`` format their values with ``_read_format``; an export (also of the
    # notes of a session, ``note_ids/body``) goes through ``_export_rows`` of this model; grouped reads could
    # return the text as a group or an ``array_agg`` and are refused.
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        self._hbri_log_read(fnames or list(self._fields))
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        self._hbri_log_read([path[0] for path in fields if path])
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        self._hbri_check_grouped((*groupby, *aggregates))
        return super()._read_group(
            domain, groupby=groupby, aggregates=aggregates, having=having, offset=offset, limit=limit, order=order
        )

    @api.model
    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        # formatted_read_grouping_sets does not go through _read_group
        self._hbri_check_grouped((*(spec for groupby in grouping_sets for spec in groupby), *aggregates))
        return super()._read_grouping_sets(domain, grouping_sets, aggregates=aggregates, order=order)

    @api.model
    def _hbri_check_grouped(self, specs):
        """Refuse a grouped read that would return confidential text as a group or an aggregate."""
        if self.env.su:
            return
        names = {spec.split(":")[0].split(".")[0] for spec in specs}
        hidden = names & set(self._hbri_get_confidential_fields())
        if hidden:
            raise AccessError(
                self.env._(
                    "%(field)s of %(model)s is off-the-record text: it cannot be grouped or aggregated. Open "
                    "the records instead; each reading is logged.",
                    field=self._fields[min(hidden)]._description_string(self.env),
                    model=self._description,
                )
            )

    def _hbri_log_read(self, names):
        """Count one read by the current user of the records among these whose confidential text is in
        ``names`` (field names)."""
        if self and set(self._hbri_get_confidential_fields()) & set(names):
            logged = self._hbri_access_logged()
            if logged:
                self.env["hbri.confidential.access.log"]._log_access(logged)

    # The reads that log are overridden without @api.readonly: Odoo would otherwise serve them on a read-only
    # cursor (a replica), where the log's INSERT fails.
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields, load=load)

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        return super().search_read(domain, fields, offset=offset, limit=limit, order=order, **read_kwargs)

    def web_read(self, specification):
        return super().web_read(specification)

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

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
