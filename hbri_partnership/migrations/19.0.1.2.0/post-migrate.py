# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.2.0: an attendee's eligibility issue is stored as a code (`eligibility_code`), told in the reader's
language at display (`eligibility_issue`, no longer stored).

The old column held a sentence in the language of whoever last wrote the record. Every sentence was derived from
the organization's sector and memberships and from the session, which are still there: the rows that held one
get their code from the same rule, then the column of sentences is dropped so that no stale translation is
left behind (nothing reads it any more). Favourites that grouped or sorted attendees by the sentence (a stored
field then) group and sort by the code now; their domains keep working (the sentence field searches the code).
"""

import logging
import re

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def rewrite_favourites(cr):
    cr.execute(
        "SELECT id, context, sort FROM ir_filters WHERE model_id = 'hbri.session.attendee'"
        " AND (context LIKE '%eligibility_issue%' OR sort LIKE '%eligibility_issue%')"
    )
    rows = cr.fetchall()
    for filter_id, context, sort in rows:
        context, sort = (
            re.sub(r"\beligibility_issue\b", "eligibility_code", text or "") or text for text in (context, sort)
        )
        cr.execute("UPDATE ir_filters SET context = %s, sort = %s WHERE id = %s", (context, sort, filter_id))
    if rows:
        _logger.info("ir.filters: %s favourites of attendees group or sort by eligibility_code", len(rows))


def migrate(cr, version):
    if not version:
        return
    rewrite_favourites(cr)
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = 'hbri_session_attendee' AND column_name = 'eligibility_issue'"""
    )
    if not cr.fetchone():
        return
    cr.execute("SELECT id FROM hbri_session_attendee WHERE eligibility_issue IS NOT NULL")
    ids = [row[0] for row in cr.fetchall()]
    env = api.Environment(cr, SUPERUSER_ID, {})
    Attendee = env["hbri.session.attendee"]
    attendees = Attendee.browse(ids)
    if attendees:
        env.add_to_compute(Attendee._fields["eligibility_code"], attendees)
        attendees.flush_recordset(["eligibility_code"])
    coded = len(attendees.filtered("eligibility_code"))
    cr.execute("ALTER TABLE hbri_session_attendee DROP COLUMN eligibility_issue")
    _logger.info(
        "hbri.session.attendee: %s eligibility sentences converted to codes (%s still ineligible), column dropped",
        len(ids),
        coded,
    )
