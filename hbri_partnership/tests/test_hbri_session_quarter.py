# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.exceptions import ValidationError

from .common import HbriPartnershipCommon


class TestHbriSessionQuarter(HbriPartnershipCommon):
    """The roundtable meets once a quarter: a second session of a kind in a quarter is refused, whatever path
    writes it, unless the user confirms it as an additional session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Session = cls.env["hbri.roundtable.session"].with_user(cls.user_secretariat)
        # 8 September 2026, 09:00 in Jakarta: 2026-Q3
        cls.first = cls.Session.create({"date_start": datetime(2026, 9, 8, 2), "date_end": datetime(2026, 9, 8, 5)})

    def _values(self, day, **extra):
        return dict({"date_start": datetime(2026, *day, 2), "date_end": datetime(2026, *day, 5)}, **extra)

    def test_second_session_in_a_quarter_refused(self):
        with self.assertRaisesText(ValidationError, "the roundtable meets once a quarter"):
            self.Session.create(self._values((7, 14)))
        # nothing half written
        self.assertEqual(
            self.env["hbri.roundtable.session"].search(
                [("quarter", "=", "2026-Q3"), ("company_id", "=", self.first.company_id.id)]
            ),
            self.first,
        )
        # moving a session of another quarter into it is refused too
        later = self.Session.create(self._values((10, 13)))
        with self.assertRaisesText(ValidationError, "2026-Q3 already has"):
            later.write(self._values((9, 22)))
        self.assertEqual(later.quarter, "2026-Q4")

    def test_additional_session_when_confirmed(self):
        extra = self.Session.create(self._values((7, 14), is_additional=True))
        self.assertEqual(extra.quarter, "2026-Q3")
        # the first one can still be edited
        self.first.write({"date_start": datetime(2026, 9, 9, 2), "date_end": datetime(2026, 9, 9, 5)})
        # unticking the confirmation is refused while the other is there
        with self.assertRaisesText(ValidationError, "tick Additional Session in Its Quarter"):
            extra.is_additional = False

    def test_other_kind_company_or_cancelled_session(self):
        special = self.Session.create(self._values((7, 14), kind="special"))
        self.assertEqual(special.quarter, "2026-Q3")
        other_company = self.env["res.company"].create({"name": "Other Forum"})
        other = (
            self.env["hbri.roundtable.session"]
            .with_company(other_company)
            .create(self._values((7, 21), company_id=other_company.id))
        )
        self.assertEqual(other.quarter, "2026-Q3")
        # an archived session leaves its quarter free
        self.first.action_archive()
        self.Session.create(self._values((8, 11)))

    def test_planner_confirms_the_additional_sessions_it_was_asked_for(self):
        Planner = self.env["hbri.session.planner"].with_user(self.user_secretariat)
        wizard = Planner.create({"date_from": datetime(2026, 7, 1).date(), "quarter_count": 2, "propose_hosts": False})
        action = wizard.action_plan()
        planned = self.env["hbri.roundtable.session"].search(action["domain"])
        self.assertEqual(planned.mapped("quarter"), ["2026-Q4"], "the quarter that has a session is skipped")
        self.assertFalse(planned.is_additional)
        wizard = Planner.create(
            {
                "date_from": datetime(2026, 7, 1).date(),
                "quarter_count": 1,
                "propose_hosts": False,
                "include_duplicates": True,
            }
        )
        planned = self.env["hbri.roundtable.session"].search(wizard.action_plan()["domain"])
        self.assertEqual(planned.quarter, "2026-Q3")
        self.assertTrue(planned.is_additional, "asked for: confirmed as an additional session")
