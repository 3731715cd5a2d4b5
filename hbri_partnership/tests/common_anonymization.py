# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

from ..models import hbri_anonymizer


class HbriKeptDictionaryMixin:
    """For tests of the anonymization dictionary a process keeps (hbri_anonymizer._DICTIONARIES): each test starts
    and ends without one, and can forget its own transaction's changes as if it had committed."""

    def setUp(self):
        super().setUp()
        # dictionaries kept by this process from this test's data must not outlive it
        self.addCleanup(hbri_anonymizer._DICTIONARIES.clear)
        hbri_anonymizer._DICTIONARIES.clear()

    def _forget_own_changes(self):
        """Flush, and drop the marks by which this transaction knows it changed what the dictionary reads."""
        self.env.flush_all()
        data = hbri_anonymizer._transaction_data(self.env.cr)
        data.pop(hbri_anonymizer.DIRTY, None)
        data.pop(hbri_anonymizer.MEMO, None)

    def _signal_commit(self):
        """As if this transaction had committed and its commit had been signalled to every process: what it
        changed is everybody's, and kept values computed before it are out of date."""
        self._forget_own_changes()
        self.env.cr.execute(SQL("INSERT INTO %s DEFAULT VALUES", SQL.identifier(hbri_anonymizer.SIGNAL_TABLE)))
