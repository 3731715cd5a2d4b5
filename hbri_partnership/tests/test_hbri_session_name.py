# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A session's generated name reads in the reader's language, whoever created or re-dated the session."""

import importlib.util
from datetime import datetime

from odoo.tests import new_test_user, tagged
from odoo.tools import SQL
from odoo.tools.misc import file_path

from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriSessionName(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        cls.user_secretariat_id = new_test_user(
            cls.env,
            login="hbri_secretariat_id",
            lang="id_ID",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_secretariat",
        )

    def _names(self, session):
        session.invalidate_recordset(["name"])
        return {lang: session.with_context(lang=lang).name for lang in ("en_US", "id_ID")}

    def _create(self, user, **vals):
        return (
            self.env["hbri.roundtable.session"]
            .with_user(user)
            .with_context(lang=user.lang)
            .create({"date_start": datetime(2026, 8, 4, 2), "date_end": datetime(2026, 8, 4, 5), **vals})
        )

    def test_created_by_an_indonesian_user_reads_in_english_too(self):
        session = self._create(self.user_secretariat_id, kind="special")
        self.assertEqual(
            self._names(session), {"en_US": "Special Discussion 2026-Q3", "id_ID": "Diskusi Khusus 2026-Q3"}
        )

    def test_redated_follows_in_every_language(self):
        session = self._create(self.user_secretariat, kind="special")
        session.with_user(self.user_secretariat_id).with_context(lang="id_ID").write(
            {"date_start": datetime(2026, 11, 3, 2), "date_end": datetime(2026, 11, 3, 5)}
        )
        self.assertEqual(
            self._names(session), {"en_US": "Special Discussion 2026-Q4", "id_ID": "Diskusi Khusus 2026-Q4"}
        )

    def test_typed_name_in_every_language_and_kept(self):
        session = self._create(self.user_secretariat_id, kind="special")
        session.with_user(self.user_secretariat).write({"name": "Ramadan gathering"})
        self.assertEqual(self._names(session), {"en_US": "Ramadan gathering", "id_ID": "Ramadan gathering"})
        session.with_user(self.user_secretariat_id).with_context(lang="id_ID").write(
            {"date_start": datetime(2026, 11, 3, 2), "date_end": datetime(2026, 11, 3, 5)}
        )
        self.assertEqual(self._names(session), {"en_US": "Ramadan gathering", "id_ID": "Ramadan gathering"})

    def test_search_by_name_in_the_readers_language(self):
        session = self._create(self.user_secretariat, kind="special")
        Session = self.env["hbri.roundtable.session"].with_user(self.user_secretariat_id)
        self.assertIn(session, Session.with_context(lang="id_ID").search([("name", "ilike", "Diskusi Khusus 2026")]))
        self.assertIn(session, Session.with_context(lang="en_US").search([("name", "ilike", "Special Discussion")]))
        found = Session.with_context(lang="id_ID").name_search("Diskusi Khusus 2026-Q3")
        self.assertIn((session.id, "Diskusi Khusus 2026-Q3"), found)

    def test_migration_rewrites_names_stored_in_one_language(self):
        """As the upgrade leaves it: the varchar name moved into the English value, here an Indonesian label."""
        session = self._create(self.user_secretariat, kind="special")
        typed = self._create(self.user_secretariat, name="Ramadan gathering")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE hbri_roundtable_session SET name = jsonb_build_object('en_US', %s::varchar) WHERE id = %s",
                "Diskusi Khusus 2026-Q3",
                session.id,
            )
        )
        spec = importlib.util.spec_from_file_location(
            "hbri_post_20_session_name",
            file_path("hbri_partnership/migrations/19.0.1.2.0/post-20-session-name.py"),
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.1.1.0")
        self.assertEqual(
            self._names(session), {"en_US": "Special Discussion 2026-Q3", "id_ID": "Diskusi Khusus 2026-Q3"}
        )
        self.assertEqual(self._names(typed), {"en_US": "Ramadan gathering", "id_ID": "Ramadan gathering"})
