# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriInstall(HbriPartnershipCommon):
    def test_app_menu_and_groups(self):
        root = self.env.ref("hbri_partnership.hbri_partnership_menu_root")
        self.assertEqual(root.web_icon, "hbri_partnership,static/description/icon.png")
        group_user = self.env.ref("hbri_partnership.hbri_partnership_group_user")
        self.assertEqual(root.group_ids, group_user)
        manager = self.env.ref("hbri_partnership.hbri_partnership_group_manager")
        secretariat = self.env.ref("hbri_partnership.hbri_partnership_group_secretariat")
        self.assertIn(secretariat, manager.implied_ids)
        self.assertIn(group_user, secretariat.implied_ids)
        self.assertEqual(
            {manager.privilege_id, secretariat.privilege_id, group_user.privilege_id},
            {self.env.ref("hbri_partnership.res_groups_privilege_hbri_partnership")},
        )
        self.assertIn(self.env.ref("base.user_admin"), manager.all_user_ids)

    def test_menus_visible_per_group(self):
        """The app shows to roundtable users; configuration only to administrators."""
        config = self.env.ref("hbri_partnership.hbri_partnership_menu_config")
        root = self.env.ref("hbri_partnership.hbri_partnership_menu_root")
        visible_staff = self.env["ir.ui.menu"].with_user(self.user_staff)._visible_menu_ids()
        visible_manager = self.env["ir.ui.menu"].with_user(self.user_manager)._visible_menu_ids()
        visible_internal = self.env["ir.ui.menu"].with_user(self.user_internal)._visible_menu_ids()
        self.assertIn(root.id, visible_staff)
        self.assertNotIn(config.id, visible_staff)
        self.assertIn(config.id, visible_manager)
        self.assertNotIn(root.id, visible_internal)

    def test_views_load(self):
        """Every view of the addon renders its arch for a secretariat user (fields, groups, modifiers)."""
        view_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "hbri_partnership"), ("model", "=", "ir.ui.view")])
            .mapped("res_id")
        )
        views = self.env["ir.ui.view"].browse(view_ids).filtered(lambda v: v.mode == "primary" and v.type != "qweb")
        self.assertGreaterEqual(len(views), 15)
        for view in views:
            readable = self.env[view.model].with_user(self.user_secretariat).has_access("read")
            user = self.user_secretariat if readable else self.user_manager
            model = self.env[view.model].with_user(user)
            arch = model.get_views([(view.id, view.type)])["views"][view.type]["arch"]
            self.assertTrue(arch)
        partner_form = self.env["res.partner"].with_user(self.user_secretariat).get_views([(False, "form")])
        self.assertIn('name="hbri_sector_id"', partner_form["views"]["form"]["arch"])
        self.assertIn('name="hbri_representative_ids"', partner_form["views"]["form"]["arch"])
        internal_form = self.env["res.partner"].with_user(self.user_internal).get_views([(False, "form")])
        self.assertNotIn('name="hbri_roundtable"', internal_form["views"]["form"]["arch"])
