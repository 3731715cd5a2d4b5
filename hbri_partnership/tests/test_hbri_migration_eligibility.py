# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
from datetime import date, datetime
from pathlib import Path

from freezegun import freeze_time

from .common import HbriPartnershipCommon

POST_MIGRATE = Path(__file__).parent.parent / "migrations" / "19.0.1.2.0" / "post-migrate.py"


def load_post_migrate():
    spec = importlib.util.spec_from_file_location("hbri_partnership_post_migrate_19_0_1_2_0", POST_MIGRATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@freeze_time("2026-06-15")
class TestHbriMigrationEligibility(HbriPartnershipCommon):
    """19.0.1.2.0's post-migrate, run on a database as 19.0.1.1.0 left it: a column of stored sentences."""

    def test_sentences_become_codes(self):
        membership = self._create_membership(self.org_company, date(2026, 1, 1), state="active")
        session = self.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2, 0), "date_end": datetime(2026, 9, 8, 5, 0)}
        )
        attendee, eligible = self.env["hbri.session.attendee"].create(
            [
                {"session_id": session.id, "partner_id": self.rep_company.id, "role": "member"},
                {"session_id": session.id, "partner_id": self.rep_ngo.id, "role": "guest"},
            ]
        )
        membership._withdraw("Left the forum", date(2026, 7, 1))
        favourite = self.env["ir.filters"].create(
            {
                "name": "Ineligible by issue",
                "model_id": "hbri.session.attendee",
                "context": "{'group_by': ['eligibility_issue']}",
                "sort": '["eligibility_issue desc"]',
            }
        )
        self.env.flush_all()
        # what 19.0.1.1.0 stored: a sentence in the last writer's language, and no code yet
        cr = self.env.cr
        cr.execute("ALTER TABLE hbri_session_attendee ADD COLUMN eligibility_issue VARCHAR")
        cr.execute(
            "UPDATE hbri_session_attendee SET eligibility_code = NULL, eligibility_issue = %s WHERE id = %s",
            ["PT Uji Coba tidak memiliki keanggotaan aktif pada 8 September 2026.", attendee.id],
        )
        self.env.invalidate_all()

        load_post_migrate().migrate(cr, "19.0.1.1.0")
        self.env.invalidate_all()

        self.assertEqual(attendee.eligibility_code, "no_membership")
        self.assertFalse(eligible.eligibility_code)
        self.assertEqual(
            attendee.with_context(lang="en_US").eligibility_issue,
            "PT Uji Coba holds no active membership on 8 September 2026.",
        )
        cr.execute(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_name = 'hbri_session_attendee' AND column_name = 'eligibility_issue'"
        )
        self.assertFalse(cr.fetchall(), "no column of stale sentences is left")
        self.assertEqual(favourite.context, "{'group_by': ['eligibility_code']}")
        self.assertEqual(favourite.sort, '["eligibility_code desc"]')
        # a second run (or a fresh install) changes nothing
        load_post_migrate().migrate(cr, "19.0.1.1.0")
        load_post_migrate().migrate(cr, False)
        self.assertEqual(attendee.eligibility_code, "no_membership")
