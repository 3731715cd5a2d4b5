# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.1.0: a partnership's `sector_mix` (stored text) became `sector_mix_id` (hbri.sector.mix).

The data moved with the new field's computation, but what users saved still names the old field: favourites
(ir.filters: group-bys, domains, sorts), views customized in the database (inheriting ir.ui.view records) and
export templates (ir.exports). Each fails with "Invalid field" once the old field is gone; a customized view
even stops the upgrade when the addon's views are loaded again. They are rewritten here, before the addon's
new code and views are loaded.
"""

import json
import logging
import re

_logger = logging.getLogger(__name__)

MODEL = "hbri.partnership"
RENAMES = {"sector_mix": "sector_mix_id"}


def _rename(text):
    """``text`` with every field name of RENAMES replaced where it stands as a whole name (not `sector_mix_id`)."""
    if not text:
        return text
    for old, new in RENAMES.items():
        text = re.sub(rf"(?<![\w.]){re.escape(old)}(?!\w)", new, text)
    return text


def rename_in_filters(cr):
    cr.execute(
        "SELECT id, context, domain, sort FROM ir_filters WHERE model_id = %s",
        [MODEL],
    )
    count = 0
    for filter_id, context, domain, sort in cr.fetchall():
        values = [_rename(context), _rename(domain), _rename(sort)]
        if values != [context, domain, sort]:
            cr.execute(
                "UPDATE ir_filters SET context = %s, domain = %s, sort = %s WHERE id = %s",
                [*values, filter_id],
            )
            count += 1
    return count


def rename_in_views(cr):
    cr.execute("SELECT id, arch_db FROM ir_ui_view WHERE model = %s AND arch_db IS NOT NULL", [MODEL])
    count = 0
    for view_id, arch in cr.fetchall():
        # arch_db holds one arch per language ({"en_US": "<...>", "id_ID": "<...>"})
        new_arch = {lang: _rename(text) for lang, text in arch.items()}
        if new_arch != arch:
            cr.execute("UPDATE ir_ui_view SET arch_db = %s::jsonb WHERE id = %s", [json.dumps(new_arch), view_id])
            count += 1
    return count


def rename_in_exports(cr):
    count = 0
    for old, new in RENAMES.items():
        cr.execute(
            """
            UPDATE ir_exports_line line
               SET name = %s || substr(line.name, %s)
              FROM ir_exports export
             WHERE line.export_id = export.id
               AND export.resource = %s
               AND (line.name = %s OR line.name LIKE %s)
            """,
            [new, len(old) + 1, MODEL, old, f"{old}/%"],
        )
        count += cr.rowcount
    return count


def migrate(cr, version):
    if not version:
        return
    filters = rename_in_filters(cr)
    views = rename_in_views(cr)
    exports = rename_in_exports(cr)
    _logger.info(
        "sector_mix -> sector_mix_id: %s favourite(s), %s customized view(s), %s export line(s) rewritten",
        filters,
        views,
        exports,
    )
