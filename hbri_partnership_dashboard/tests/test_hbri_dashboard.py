# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tools import file_open

from odoo.addons.hbri_partnership.tests.common import HbriPartnershipCommon
from odoo.addons.spreadsheet.utils.validate_data import fields_in_spreadsheet

# Off-the-record content and its way in: never on the dashboard
CONFIDENTIAL_MODELS = {
    "hbri.session.note",
    "hbri.session.note.attribution",
    "hbri.session.summary",
    "hbri.consent",
    "hbri.consultation",
    "hbri.session.evaluation",
    "survey.user_input",
    "survey.user_input.line",
}
# models the dashboard may count, with the only fields it may use on them
COUNT_ONLY = {"hbri.case.study": {"state"}}
DASHBOARD_FILES = (
    "hbri_partnership_dashboard/data/files/hbri_roundtable_dashboard.json",
    "hbri_partnership_dashboard/data/files/hbri_evaluation_dashboard.json",
)


class TestHbriDashboard(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.dashboard = cls.env.ref("hbri_partnership_dashboard.spreadsheet_dashboard_hbri_roundtable")
        cls.user_facilitator = new_test_user(
            cls.env,
            login="hbri_dash_facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls.roles = (cls.user_staff, cls.user_secretariat, cls.user_facilitator, cls.user_manager)

    def _data(self, path):
        with file_open(path) as f:
            return json.load(f)

    def test_fields_exist_and_are_readable(self):
        # the evaluations sheet only where the evaluations are installed
        files = (
            DASHBOARD_FILES
            if "evaluation_usefulness_avg" in self.env["hbri.roundtable.session"]
            else (DASHBOARD_FILES[0],)
        )
        for path in files:
            fields_by_model = fields_in_spreadsheet(self._data(path))
            self.assertTrue(fields_by_model, path)
            for model, field_chains in fields_by_model.items():
                self.assertIn(model, self.env, path)
                self.assertNotIn(model, CONFIDENTIAL_MODELS, path)
                if model in COUNT_ONLY:
                    self.assertLessEqual(field_chains, COUNT_ONLY[model], f"{model} is counted only")
                for user in (self.user_staff, self.user_secretariat):
                    records = self.env(user=user)[model]
                    self.assertTrue(records.has_access("read"), f"{user.login} cannot read {model}")
                    for chain in field_chains:
                        current = records
                        for fname in chain.split("."):
                            self.assertIn(fname, current._fields, f"{model}: {chain}")
                            field = current._fields[fname]
                            # who opens the dashboard reads all of it (a field may be kept from portal users)
                            self.assertTrue(
                                current._has_field_access(field, "read"),
                                f"{user.login} cannot read {model}.{fname} (restricted to {field.groups})",
                            )
                            self.assertNotIn(field.comodel_name, CONFIDENTIAL_MODELS, f"{model}.{fname}")
                            if field.relational:
                                current = self.env(user=user)[field.comodel_name]
                        # each grouping the dashboard makes, as this user
                        fname = chain.split(".")[0]
                        if records.fields_get([fname], ["groupable"])[fname]["groupable"]:
                            dated = records._fields[fname].type in ("date", "datetime")
                            records._read_group([], [f"{fname}:month" if dated else fname], ["__count"])

    def test_case_studies_counted_not_read(self):
        data = self._data(DASHBOARD_FILES[0])
        [pivot] = [p for p in data["pivots"].values() if p["model"] == "hbri.case.study"]
        self.assertEqual(pivot["measures"], [{"id": "__count", "fieldName": "__count"}])
        self.assertEqual(pivot["domain"], [["state", "in", ["awaiting", "published"]]])
        self.assertFalse(data["lists"], "no list of records on the dashboard")

    def test_roles_open_the_dashboard(self):
        self.assertEqual(self.dashboard.group_ids, self.env.ref("hbri_partnership.hbri_partnership_group_user"))
        for user in self.roles:
            dashboard = self.dashboard.with_user(user)
            dashboard.check_access("read")
            snapshot = json.loads(dashboard._get_serialized_readonly_dashboard())["snapshot"]
            self.assertEqual(snapshot["sheets"][0]["name"], "Roundtable")
        # an employee outside the roundtable does not see it
        Dashboard = self.env(user=self.user_internal)["spreadsheet.dashboard"]
        self.assertNotIn(self.dashboard, Dashboard.search([]))
        with self.assertRaises(AccessError):
            Dashboard.browse(self.dashboard.id).check_access("read")

    def test_evaluation_sheet_follows_the_survey_addon(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        xmlid = "hbri_partnership_dashboard.spreadsheet_dashboard_hbri_evaluations"
        Dashboard._hbri_sync_evaluation_dashboard(installed=False)
        self.assertFalse(self.env.ref(xmlid, raise_if_not_found=False))
        Dashboard._hbri_sync_evaluation_dashboard(installed=True)
        evaluations = self.env.ref(xmlid)
        self.assertEqual(evaluations.name, "Session Evaluations")
        self.assertEqual(evaluations.group_ids, self.dashboard.group_ids)
        Dashboard._hbri_sync_evaluation_dashboard(installed=True)
        self.assertEqual(Dashboard.search_count([("name", "=", "Session Evaluations")]), 1)
