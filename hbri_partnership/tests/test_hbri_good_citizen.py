# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon inside a real Odoo: Odoo's own flows (duplicate, merge, calendar, other partner actions) keep
working for everybody, and the language choices are the database's languages."""

import importlib.util
from datetime import date, datetime
from pathlib import Path

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from ..models.hbri_workflow_mixin import workflow_write
from .common import HbriPartnershipCommon


class TestHbriOdooFlows(HbriPartnershipCommon):
    def test_event_duplicated_and_made_recurrent_by_user_outside_the_roundtable(self):
        """An employee who cannot read partnerships still duplicates events and makes them recurrent (both copy
        the event); a copied meeting is not silently added to the partnership either."""
        env = self.env(user=self.user_internal, context=dict(self.env.context, lang="en_US"))
        event = env["calendar.event"].create(
            {"name": "Team meeting", "start": datetime(2026, 3, 2, 9), "stop": datetime(2026, 3, 2, 10)}
        )
        copy = event.copy()
        self.assertEqual(copy.name, "Team meeting")
        with Form(event) as form:
            form.recurrency = True
            form.rrule_type_ui = "yearly"
            form.count = 3
        self.assertEqual(len(event.recurrence_id.calendar_event_ids), 3)

        partnership = self.env["hbri.partnership"].create({"name": "Klinik Ibu"})
        meeting = self.env["calendar.event"].create(
            {
                "name": "Partnership meeting",
                "start": datetime(2026, 3, 3, 9),
                "stop": datetime(2026, 3, 3, 10),
                "hbri_partnership_ids": [Command.link(partnership.id)],
            }
        )
        self.assertFalse(meeting.copy().hbri_partnership_ids)
        self.assertEqual(partnership.meeting_ids, meeting)

    def test_primary_representative_duplicated(self):
        """Duplicating the primary representative (e.g. to enter a colleague) gives a contact without a role."""
        env = self.env(user=self.user_secretariat, context=dict(self.env.context, lang="en_US"))
        duplicate = env["res.partner"].browse(self.rep_company.id).copy()
        self.assertEqual(duplicate.parent_id, self.org_company)
        self.assertFalse(duplicate.hbri_representative_role)
        self.assertEqual(self.org_company.hbri_primary_representative_id, self.rep_company)

    def test_partner_pivot_and_graph_do_not_take_over_other_actions(self):
        """Other actions on contacts keep a plain pivot and graph; the member analysis stays on its own action."""
        member_pivot = self.env.ref("hbri_partnership.hbri_member_view_pivot")
        member_graph = self.env.ref("hbri_partnership.hbri_member_view_graph")
        View = self.env["ir.ui.view"]
        self.assertNotIn(View.default_view("res.partner", "pivot"), member_pivot.ids)
        self.assertNotIn(View.default_view("res.partner", "graph"), member_graph.ids)
        views = self.env["res.partner"].get_views([(False, "pivot"), (False, "graph")])["views"]
        self.assertNotIn("hbri_sector_id", views["pivot"]["arch"])
        self.assertNotIn("hbri_sector_id", views["graph"]["arch"])
        action = self.env.ref("hbri_partnership.hbri_member_action")
        bound = {view.view_mode: view.view_id for view in action.view_ids}
        self.assertEqual(bound["pivot"], member_pivot)
        self.assertEqual(bound["graph"], member_graph)


class TestHbriPartnerMerge(HbriPartnershipCommon):
    """Odoo's contact merge moves memberships and representatives by SQL: the forum's rules must hold anyway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.org_copy = cls.env["res.partner"].create(
            {"name": "PT Uji Coba (duplicate)", "is_company": True, "hbri_sector_id": cls.sector_business.id}
        )
        cls.rep_copy = cls.env["res.partner"].create({"name": "Citra Representative", "parent_id": cls.org_copy.id})

    def _merge(self, partners, destination, user=None):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user or self.env.user)
            .create({"partner_ids": [Command.set(partners.ids)], "dst_partner_id": destination.id})
        )
        wizard.action_merge()

    def test_merge_refused_when_memberships_overlap(self):
        self._create_membership(self.org_company, date(2026, 1, 1), state="active")
        self._create_membership(self.org_copy, date(2026, 6, 1), date(2027, 5, 31), state="draft")
        with self.assertRaisesText(UserError, "cannot be merged: the membership of") as caught:
            self._merge(self.org_company | self.org_copy, self.org_company, user=self.user_secretariat)
        self.assertIn("from 2026-06-01 to 2027-05-31", str(caught.exception))
        self.assertTrue(self.org_copy.exists())
        self.assertEqual(len(self.org_company.hbri_membership_ids), 1)

    def test_merge_refused_with_two_primary_representatives(self):
        self.rep_copy.hbri_representative_role = "primary"
        with self.assertRaisesText(UserError, "each has an active primary representative"):
            self._merge(self.org_company | self.org_copy, self.org_company)
        self.assertTrue(self.org_copy.exists())

    def test_merge_keeps_successive_memberships(self):
        """Memberships that follow each other are kept on the merged organization, which stays a member."""
        old = self._create_membership(self.org_copy, date(2024, 1, 1), date(2025, 12, 31), state="ended")
        current = self._create_membership(self.org_company, date(2026, 1, 1), state="active")
        self._merge(self.org_company | self.org_copy, self.org_company, user=self.user_secretariat)
        self.assertFalse(self.org_copy.exists())
        self.assertEqual(self.org_company.hbri_membership_ids, old | current)
        self.assertEqual(self.org_company.hbri_member_since, date(2024, 1, 1))
        self.assertIn(self.rep_copy, self.org_company.child_ids)


class TestHbriLanguages(HbriPartnershipCommon):
    """Sessions, plans and case studies are held and printed in the database's installed languages."""

    def test_language_choices_are_the_installed_languages(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        self.assertIn("fr_FR", installed)
        for model, field in (
            ("hbri.roundtable.session", "language"),
            ("hbri.session.planner", "language"),
            ("hbri.case.study", "print_language"),
        ):
            with self.subTest(model=model):
                values = {key for key, _label in self.env[model]._fields[field]._description_selection(self.env)}
                self.assertEqual(values, installed)
        session = self.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2), "date_end": datetime(2026, 9, 8, 5), "language": "fr_FR"}
        )
        self.assertEqual(session._get_mail_lang(), "fr_FR")
        # a language removed later: mails and prints fall back to an installed one
        self.env["res.lang"].search([("code", "=", "fr_FR")]).active = False
        self.assertNotEqual(session.with_context(lang="en_US")._get_mail_lang(), "fr_FR")

    def test_default_language_is_indonesian_when_installed(self):
        self.env["res.lang"]._activate_lang("id_ID")
        session = self.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2), "date_end": datetime(2026, 9, 8, 5)}
        )
        self.assertEqual(session.language, "id_ID")
        case_study = self.env["hbri.case.study"].create({"name": "Klinik Uji"})
        self.assertEqual(case_study.print_language, "id_ID")


class TestHbriSectorMixMigration(HbriPartnershipCommon):
    """19.0.1.1.0 rewrites what users saved under the old `sector_mix` field to `sector_mix_id`."""

    def _migration(self):
        path = Path(__file__).parent.parent / "migrations" / "19.0.1.1.0" / "pre-migrate.py"
        spec = importlib.util.spec_from_file_location("hbri_partnership_pre_migrate_19_0_1_1_0", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_saved_favourite_view_and_export_follow_the_rename(self):
        favourite = self.env["ir.filters"].create(
            {
                "name": "By sector mix",
                "model_id": "hbri.partnership",
                "context": "{'group_by': ['sector_mix']}",
                "domain": "[('sector_mix', 'ilike', 'NGO')]",
                "sort": '["sector_mix desc"]',
            }
        )
        other = self.env["ir.filters"].create(
            {"name": "Mine", "model_id": "hbri.partnership", "context": "{'group_by': ['sector_mix_id']}"}
        )
        export = self.env["ir.exports"].create(
            {
                "name": "Partnerships",
                "resource": "hbri.partnership",
                "export_fields": [Command.create({"name": "name"}), Command.create({"name": "sector_mix"})],
            }
        )
        base_view = self.env.ref("hbri_partnership.hbri_partnership_view_list")
        # the arch as saved before the rename: written by SQL, the new code would refuse the old field
        view = self.env["ir.ui.view"].create(
            {"name": "my columns", "model": "hbri.partnership", "inherit_id": base_view.id, "arch": "<data/>"}
        )
        self.env.cr.execute(
            """UPDATE ir_ui_view SET arch_db = jsonb_build_object('en_US', %s) WHERE id = %s""",
            ["<xpath expr=\"//field[@name='sector_mix']\" position=\"after\"><field name='name'/></xpath>", view.id],
        )
        self.env.invalidate_all()

        self._migration().migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()

        self.assertEqual(favourite.context, "{'group_by': ['sector_mix_id']}")
        self.assertEqual(favourite.domain, "[('sector_mix_id', 'ilike', 'NGO')]")
        self.assertEqual(favourite.sort, '["sector_mix_id desc"]')
        self.assertEqual(other.context, "{'group_by': ['sector_mix_id']}")
        self.assertEqual(export.export_fields.mapped("name"), ["name", "sector_mix_id"])
        self.assertIn("@name='sector_mix_id'", view.arch_db)
        # the favourite works again, and so does the customized view
        self.env["hbri.partnership"].formatted_read_group(favourite._get_eval_domain(), ["sector_mix_id"], ["__count"])
        self.env["hbri.partnership"].get_views([(base_view.id, "list")])


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalLanguage(HbriPartnershipCommon, HttpCase):
    def test_portal_follows_the_representative_language(self):
        """An Indonesian representative reads the member portal in Indonesian, even when the website (or the
        language their browser last used on the public site) says English."""
        self.env["res.lang"]._activate_lang("en_US")
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        self._create_membership(self.org_company, date(2026, 1, 1), state="active")
        new_test_user(
            self.env, login="hbri_portal_lang", groups="base.group_portal", partner_id=self.rep_company.id, lang="id_ID"
        )
        case_study = self.env["hbri.case.study"].create(
            {"name": "Klinik Uji", "partner_ids": [Command.set(self.org_company.ids)], "background": "<p>Uji</p>"}
        )
        with workflow_write():  # test setup: the approval request itself is tested elsewhere
            case_study.state = "awaiting"
        self.authenticate("hbri_portal_lang", "hbri_portal_lang")
        self.opener.cookies.set("frontend_lang", "en_US")
        response = self.url_open(f"/my/roundtable/case-study/{case_study.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Latar Belakang", response.text)
        self.assertNotIn(">Background<", response.text)
