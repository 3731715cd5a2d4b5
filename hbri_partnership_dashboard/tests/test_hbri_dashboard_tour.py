# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "hbri_partnership_dashboard")
class TestHbriDashboardTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tour and the route are read in English (a database may have been installed in Indonesian only)
        cls.env["res.lang"]._activate_lang("en_US")
        groups = "base.group_user,hbri_partnership.hbri_partnership_group_secretariat"
        cls.user_secretariat = new_test_user(cls.env, login="hbri_dash_secretariat", groups=groups, lang="en_US")
        cls.user_staff = new_test_user(
            cls.env,
            login="hbri_dash_staff",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_user",
            lang="en_US",
        )
        cls.dashboard = cls.env.ref("hbri_partnership_dashboard.spreadsheet_dashboard_hbri_roundtable")

    def test_secretariat_opens_the_dashboard(self):
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "hbri_dashboard_secretariat",
            login="hbri_dash_secretariat",
        )

    def test_data_route(self):
        # the route the dashboard action loads its data from, for each role
        for login in ("hbri_dash_secretariat", "hbri_dash_staff"):
            self.authenticate(login, login)
            response = self.url_open(f"/spreadsheet/dashboard/data/{self.dashboard.id}")
            self.assertEqual(response.status_code, 200, login)
            self.assertEqual(response.json()["snapshot"]["sheets"][0]["name"], "Roundtable")
