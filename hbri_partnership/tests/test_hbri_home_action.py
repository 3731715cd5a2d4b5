# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user

SESSIONS = "hbri_partnership.hbri_roundtable_session_action"


class TestHbriHomeAction(TransactionCase):
    """Staff who get a Roundtable role land on the roundtable (Sessions) after logging in, unless another home
    action was chosen for them; other users, and Settings administrators, keep Odoo's default."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sessions = cls.env.ref(SESSIONS)
        cls.admin = cls.env.ref("base.user_admin")

    def test_created_with_a_roundtable_role(self):
        Users = self.env["res.users"].with_user(self.admin)
        for group in ("user", "secretariat", "facilitator", "manager"):
            with self.subTest(group=group):
                user = Users.create(
                    {
                        "name": f"Staff {group}",
                        "login": f"hbri_home_{group}",
                        "group_ids": [
                            (4, self.env.ref("base.group_user").id),
                            (4, self.env.ref(f"hbri_partnership.hbri_partnership_group_{group}").id),
                        ],
                    }
                )
                self.assertEqual(user.action_id.id, self.sessions.id)
        plain = new_test_user(self.env, login="hbri_home_plain", groups="base.group_user")
        self.assertFalse(plain.action_id, "an internal user without a Roundtable role keeps Odoo's default")
        portal = new_test_user(self.env, login="hbri_home_portal", groups="base.group_portal")
        self.assertFalse(portal.action_id)

    def test_role_given_later(self):
        user = new_test_user(self.env, login="hbri_home_later", groups="base.group_user")
        self.assertFalse(user.action_id)
        user.with_user(self.admin).write(
            {"group_ids": [(4, self.env.ref("hbri_partnership.hbri_partnership_group_secretariat").id)]}
        )
        self.assertEqual(user.action_id.id, self.sessions.id)

    def test_a_chosen_home_action_is_kept(self):
        contacts = self.env.ref("contacts.action_contacts")
        user = new_test_user(self.env, login="hbri_home_chosen", groups="base.group_user")
        user.write({"action_id": contacts.id})
        user.write({"group_ids": [(4, self.env.ref("hbri_partnership.hbri_partnership_group_user").id)]})
        self.assertEqual(user.action_id.id, contacts.id)

    def test_settings_administrators_keep_their_landing_page(self):
        # installing the addon made the administrator a Roundtable manager: their landing page stays Odoo's
        self.assertIn(self.admin, self.env.ref("hbri_partnership.hbri_partnership_group_manager").all_user_ids)
        self.assertNotEqual(self.admin.action_id, self.sessions)
        user = (
            self.env["res.users"]
            .with_user(self.admin)
            .create(
                {
                    "name": "Settings administrator",
                    "login": "hbri_home_system",
                    "group_ids": [
                        (4, self.env.ref("base.group_system").id),
                        (4, self.env.ref("hbri_partnership.hbri_partnership_group_manager").id),
                    ],
                }
            )
        )
        self.assertFalse(user.action_id)
