# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The languages a session, a plan of sessions or a case study may be held or printed in: those installed."""


def hbri_lang_get(self):
    """Selection of the installed languages (the database may hold only Indonesian, or more languages)."""
    return self.env["res.lang"].get_installed()


def hbri_default_lang(self):
    """Bahasa Indonesia when installed (the forum's language), else the user's language, else any installed."""
    installed = [code for code, _name in self.env["res.lang"].get_installed()]
    for code in ("id_ID", self.env.lang):
        if code in installed:
            return code
    return installed[0] if installed else False
