# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo.tools import SQL

from ..models import hbri_anonymizer
from .common_anonymization import HbriKeptDictionaryMixin
from .test_hbri_anonymization import HbriAnonymizationCommon


class HbriAnonymizationCacheCommon(HbriKeptDictionaryMixin, HbriAnonymizationCommon):
    def _committed(self):
        """As if this transaction had just committed: its changes are everybody's, it changed nothing since."""
        self._forget_own_changes()
        self.env.cr.postcommit.data.pop(hbri_anonymizer.SIGNAL_PENDING, None)

    def _dictionary(self):
        return self.env["hbri.anonymizer"]._get_dictionary()

    def _matches(self, dictionary, text):
        return [text[start:end] for start, end, _keys in dictionary.find_in(text)]


class TestHbriAnonymizationCache(HbriAnonymizationCacheCommon):
    def test_kept_dictionary_costs_one_query(self):
        """In a transaction that changed nothing, the dictionary is built once, then every use (the print, the
        gate, the portal's titles) gets the same one for a single query."""
        self._committed()
        with self.enter_registry_test_mode():  # the dictionary's own cursor sees this test's data
            first = self._dictionary()
        self.assertIn(self.org_nusa.id, first.entities)
        with self.assertQueryCount(1):
            second = self._dictionary()
        self.assertIs(second, first)
        # every caller of the request uses it: printing an anonymized case study builds no other
        case_study = self._anonymized_case_study(formation=Markup("<p>PT Nusa Telekomunikasi trained nurses.</p>"))
        self._committed()
        with self.enter_registry_test_mode():
            self._dictionary()
            kept = self._dictionary()
            printed = case_study._get_print_values_batch()[case_study.id]["formation"]
            self.assertIs(self._dictionary(), kept)
        self.assertNotIn("Nusa", printed)

    def test_own_changes_seen_at_once(self):
        """A rename, a new alias or a new legal-form word in the current transaction counts at the next use,
        without waiting for a commit (the writer checks the preview right after adding the alias)."""
        self._committed()
        with self.enter_registry_test_mode():
            kept = self._dictionary()
        self.assertEqual(self._matches(kept, "We met Obor Lentera Jaya."), [])

        self.org_other.name = "Yayasan Obor Lentera"
        renamed = self._dictionary()
        self.assertIsNot(renamed, kept)
        self.assertEqual(self._matches(renamed, "We met Obor Lentera Jaya."), ["Obor Lentera"])
        # built once for this transaction, until its next change
        self.assertIs(self._dictionary(), renamed)

        self.env["hbri.partner.alias"].create({"partner_id": self.org_amp.id, "name": "HaSe Pharmacies"})
        aliased = self._dictionary()
        self.assertIsNot(aliased, renamed)
        self.assertEqual(self._matches(aliased, "Ask HaSe Pharmacies."), ["HaSe Pharmacies"])

        self.env["res.partner"].create(
            {
                "name": "Perseroan Sinar Dharmawangsa Lestari",
                "is_company": True,
                "hbri_sector_id": self.sector_business.id,
            }
        )
        text = "Sinar Dharmawangsa Lestari"
        self.assertNotEqual(self._matches(self._dictionary(), text), [text])
        self.env.company.hbri_legal_form_words += ", Perseroan"
        self.assertEqual(self._matches(self._dictionary(), text), [text])

    def test_commit_signals_every_process(self):
        """Once a change commits, a signal row is inserted (after the commit, in a cursor of its own): the
        kept dictionary is rebuilt at the next use, here and in every other worker or node."""
        self._committed()
        with self.enter_registry_test_mode():
            kept = self._dictionary()
            self.org_other.name = "Yayasan Obor Lentera"
            self.env.flush_all()
            self.assertTrue(self.env.cr.postcommit.data.get(hbri_anonymizer.SIGNAL_PENDING))
            self.env.cr.postcommit.run()  # the commit's hooks: the signal, then the transaction's data cleared
            rebuilt = self._dictionary()
        self.assertIsNot(rebuilt, kept)
        self.assertEqual(self._matches(rebuilt, "We met Obor Lentera."), ["Obor Lentera"])
        with self.assertQueryCount(1):
            self.assertIs(self._dictionary(), rebuilt)

    def test_other_process_signal_rebuilds(self):
        """A signal row inserted by another worker or node (its commit of a new alias) makes this process
        rebuild; without one, nothing is read again."""
        self._committed()
        with self.enter_registry_test_mode():
            kept = self._dictionary()
            self.env.cr.execute(
                SQL(
                    "INSERT INTO hbri_partner_alias (partner_id, name, kind) VALUES (%s, 'Telko Nusa', 'brand')",
                    self.org_nusa.id,
                )
            )
            self.assertIs(self._dictionary(), kept)  # no signal yet: the other node has not committed
            self.env.cr.execute(SQL("INSERT INTO %s DEFAULT VALUES", SQL.identifier(hbri_anonymizer.SIGNAL_TABLE)))
            rebuilt = self._dictionary()
        self.assertIsNot(rebuilt, kept)
        self.assertEqual(self._matches(rebuilt, "Telko Nusa again."), ["Telko Nusa"])

    def test_changes_outside_the_dictionary_keep_it(self):
        """Writing what the dictionary does not read (a partner's city, an attendee of a known organization)
        neither marks the transaction nor signals."""
        self._create_membership(self.org_nusa, state="active")
        self._committed()
        self.org_nusa.city = "Jakarta"
        self.env["hbri.session.attendee"].create({"session_id": self.rt_session.id, "partner_id": self.rep_nusa.id})
        data = hbri_anonymizer._transaction_data(self.env.cr)
        self.assertFalse(data.get(hbri_anonymizer.DIRTY))
        self.assertFalse(self.env.cr.postcommit.data.get(hbri_anonymizer.SIGNAL_PENDING))

    def test_old_signals_purged_by_the_daily_job(self):
        table = SQL.identifier(hbri_anonymizer.SIGNAL_TABLE)
        self.env.cr.execute(SQL("INSERT INTO %s (date) VALUES (now() - interval '10 days')", table))
        self.env.cr.execute(SQL("INSERT INTO %s (date) VALUES (now() - interval '9 days') RETURNING id", table))
        last = self.env.cr.fetchone()[0]
        self.env["hbri.membership"]._cron_update_memberships()
        self.env.cr.execute(
            SQL("SELECT max(id), count(*) FILTER (WHERE date < now() - interval '3 days') FROM %s", table)
        )
        self.assertEqual(
            self.env.cr.fetchone(), (last, 1), "old rows go, the last one stays (the stamp never goes back)"
        )
