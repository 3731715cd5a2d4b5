# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo import api, fields, models


class HbriSectorMix(models.Model):
    """A combination of sectors, e.g. Business + NGO + Public Sector, to group partnerships by.

    One record per combination, created when a partnership first has it. Its name is read in the reader's
    language from the sectors' translated names: a stored text would be frozen in the language of whoever
    saved the partnership.
    """

    _name = "hbri.sector.mix"
    _description = "Sector Mix"
    _order = "key"
    _rec_names_search = ["sector_ids.name"]

    key = fields.Char(required=True, readonly=True, help="Ids of the sectors, sorted, separated by commas")
    sector_ids = fields.Many2many("hbri.sector", string="Sectors", readonly=True)

    _key_unique = models.Constraint("UNIQUE(key)", "A combination of sectors is recorded only once.")

    @api.depends("sector_ids.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for mix in self:
            mix.display_name = " + ".join(mix.sector_ids.sorted().mapped("name"))

    @api.model
    def _key_of(self, sectors):
        return ",".join(str(sector_id) for sector_id in sorted(sectors.ids))

    @api.model
    def _get_for(self, sector_sets):
        """The mix of each set of sectors (a dict key → mix), creating the missing ones in one batch."""
        keys = {self._key_of(sectors): sectors for sectors in sector_sets if sectors}
        if not keys:
            return {}
        # sudo: a combination is derived data of the sectors, recorded whoever saves the partnership
        mixes = self.sudo().search([("key", "in", list(keys))])
        missing = [
            {"key": key, "sector_ids": [fields.Command.set(sectors.ids)]}
            for key, sectors in keys.items()
            if key not in set(mixes.mapped("key"))
        ]
        if missing:
            try:
                with self.env.cr.savepoint():
                    mixes |= mixes.create(missing)
            except IntegrityError:
                # another transaction recorded the same combination meanwhile: use its record
                mixes = self.sudo().search([("key", "in", list(keys))])
        return {mix.key: mix.sudo(False) for mix in mixes}
