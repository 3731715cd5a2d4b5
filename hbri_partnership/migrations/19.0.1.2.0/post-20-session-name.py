# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.2.0: a session's name became translatable.

Odoo moved each stored name into the English value of the translated column. A generated name was stored in
the language of whoever created or last re-dated the session ("Diskusi Khusus 2026-Q3" read by everyone when
an Indonesian user created it); it is now written in every installed language, each in its own words. Names
the secretariat typed stay as they are.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["hbri.roundtable.session"].with_context(active_test=False).search([])._sync_name_translations()
