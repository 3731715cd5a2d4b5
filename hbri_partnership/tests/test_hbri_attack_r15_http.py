# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Round 15: the off-the-record text attacked over HTTP as each role that may not read it.

JSON-RPC (/web/dataset/call_kw, and /json/2 when the rpc module is installed), report routes, /web/content and
the member portal's routes, with the ids of the confidential records: no answer contains their text.
"""

import inspect
import json
import logging
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.hbri_workflow_mixin import workflow_write
from .common import call_kw
from .test_hbri_case_study import NOTE_SECRET, HbriCaseStudyCommon

_logger = logging.getLogger(__name__)
SUMMARY_SECRET = "RINGKASAN-DRAF-77bb"
FILE_SECRET = "LAMPIRAN-RAHASIA-91cc"
SECRETS = (NOTE_SECRET, SUMMARY_SECRET, FILE_SECRET)
MUTED = (
    "odoo.http",
    "odoo.sql_db",
    "odoo.models",
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
)


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriAttackR15Http(HbriCaseStudyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_study = cls.env["hbri.case.study"].browse(
            cls.presentation.with_user(cls.user_secretariat).action_create_case_study()["res_id"]
        )
        with workflow_write():
            cls.case_study.write({"lessons": f"<p>{NOTE_SECRET}</p>", "includes_notes": True})
        cls.attribution = cls.env["hbri.session.note.attribution"].create(
            {"note_id": cls.note.id, "partner_id": cls.rep_company.id, "statement": NOTE_SECRET}
        )
        cls.summary = cls.env["hbri.session.summary"].create(
            {"session_id": cls.rt_session.id, "body": f"<p>{SUMMARY_SECRET}</p>"}
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {"name": "notes.txt", "raw": FILE_SECRET.encode(), "res_model": "hbri.session.note", "res_id": cls.note.id}
        )
        cls.mark = cls.env["hbri.case.study.anonymization.mark"].create(
            {
                "case_study_id": cls.case_study.id,
                "matched_text": NOTE_SECRET,
                "match_key": NOTE_SECRET.lower(),
                "user_id": cls.env.uid,
                "date": fields.Datetime.now(),
            }
        )
        cls.note.with_user(cls.user_facilitator).read(["body"])  # one access-log row
        cls.attendee = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.rt_session.id, "partner_id": cls.rep_company.id, "state": "accepted"}
        )
        cls.facilitator_other = new_test_user(
            cls.env,
            login="hbri_r15_fac_none",
            password="hbri_r15_fac_none",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls.portal_rep = new_test_user(
            cls.env, login="hbri_r15_portal_rep", groups="base.group_portal", partner_id=cls.rep_company.id
        )
        cls.portal_other = new_test_user(
            cls.env, login="hbri_r15_portal_other", groups="base.group_portal", partner_id=cls.rep_ngo.id
        )
        cls.probed = {}

    def _rpc(self, model, method, args, kwargs=None):
        return call_kw(self, model, method, args, kwargs).text

    def _json2(self, key, model, method, payload):
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
        )
        return response.status_code, response.text

    def _json2_payload(self, model, method, args, kwargs):
        """The probe's arguments by name, as /json/2 binds them to the method's signature: ``ids`` first for a
        method of records, then each positional argument under its parameter's name."""
        func = getattr(type(self.env[model]), method, None)
        payload = dict(kwargs)
        if func is None:  # a method the model does not have (message_post on a note): refused by /json/2 anyway
            return dict(payload, ids=args[0]) if args else payload
        names = list(inspect.signature(func).parameters)[1:]
        if not hasattr(func, "_api_model"):
            payload["ids"], args = args[0], args[1:]
        payload.update(zip(names, args, strict=False))
        return payload

    def _rpc_probes(self):
        """(label, model, method, args, kwargs) of every JSON-RPC probe."""
        note, cs = self.note.id, self.case_study.id
        probes = []
        confidential = {
            "hbri.session.note": (note, ["body"]),
            "hbri.session.note.attribution": (self.attribution.id, ["statement"]),
            "hbri.session.summary": (self.summary.id, ["body"]),
            "hbri.case.study": (cs, ["lessons", "anonymized_preview"]),
            "hbri.case.study.anonymization.mark": (self.mark.id, ["matched_text"]),
            "hbri.confidential.access.log": (None, ["res_model", "res_id"]),
            "ir.attachment": (self.attachment.id, ["raw", "datas"]),
        }
        for model, (res_id, names) in confidential.items():
            ids = [res_id] if res_id else []
            # the addon's attachments: other modules' (website_sale's images…) hold bytes that Odoo's JSON encoder
            # cannot serialize as `raw`, which would answer 500 and probe nothing
            domain = [["res_model", "=like", "hbri.%"]] if model == "ir.attachment" else []
            probes += [
                (f"{model} search_read", model, "search_read", [domain], {"fields": names}),
                (
                    f"{model} web_search_read",
                    model,
                    "web_search_read",
                    [domain],
                    {"specification": {n: {} for n in names}},
                ),
                (f"{model} read", model, "read", [ids, names], {}),
                (f"{model} web_read", model, "web_read", [ids], {"specification": {n: {} for n in names}}),
                (f"{model} export_data", model, "export_data", [ids, names], {}),
                (f"{model} name_search", model, "name_search", [], {"name": NOTE_SECRET[:8]}),
                (
                    f"{model} formatted_read_group",
                    model,
                    "formatted_read_group",
                    [domain, [], [f"{names[0]}:array_agg"]],
                    {},
                ),
                (f"{model} copy", model, "copy", [ids], {}),
                (f"{model} onchange", model, "onchange", [ids, {}, [], {n: {} for n in names}], {}),
            ]
        session = self.rt_session.id
        probes += [
            (
                "session note_ids nested",
                "hbri.roundtable.session",
                "web_read",
                [[session]],
                {"specification": {"note_ids": {"fields": {"body": {}}}, "summary_ids": {"fields": {"body": {}}}}},
            ),
            (
                "session export note_ids/body",
                "hbri.roundtable.session",
                "export_data",
                [[session], ["note_ids/body"]],
                {},
            ),
            (
                "session export summary_ids/body",
                "hbri.roundtable.session",
                "export_data",
                [[session], ["summary_ids/body"]],
                {},
            ),
            (
                "presentation case study lessons",
                "hbri.presentation",
                "web_read",
                [[self.presentation.id]],
                {"specification": {"case_study_ids": {"fields": {"lessons": {}}}}},
            ),
            (
                "mark via case study",
                "hbri.case.study",
                "web_read",
                [[cs]],
                {"specification": {"anonymization_mark_ids": {"fields": {"matched_text": {}}}}},
            ),
            (
                "attachment search by model",
                "ir.attachment",
                "search_read",
                [[["res_model", "=", "hbri.session.note"]]],
                {"fields": ["raw", "index_content"]},
            ),
            ("message_post on note", "hbri.session.note", "message_post", [[note]], {"body": "x"}),
            ("message_post on case study", "hbri.case.study", "message_post", [[cs]], {"body": "x"}),
            ("subscribe to case study", "hbri.case.study", "message_subscribe", [[cs]], {}),
            (
                "messages of case study",
                "mail.message",
                "search_read",
                [[["model", "=", "hbri.case.study"], ["res_id", "=", cs]]],
                {"fields": ["body"]},
            ),
            (
                "load summary release",
                "hbri.session.summary",
                "load",
                [[".id", "state"], [[str(self.summary.id), "released"]]],
                {},
            ),
            (
                "load released summary",
                "hbri.session.summary",
                "load",
                [["session_id/.id", "state", "body"], [[str(session), "released", "<p>x</p>"]]],
                {},
            ),
            (
                "write summary session",
                "hbri.session.summary",
                "write",
                [[self.summary.id], {"session_id": session}],
                {},
            ),
            ("copy note", "hbri.session.note", "copy", [[note]], {}),
            ("create note for session", "hbri.session.note", "create", [[{"session_id": session, "body": "x"}]], {}),
            (
                "attachment on note",
                "ir.attachment",
                "create",
                [[{"name": "x", "res_model": "hbri.session.note", "res_id": note, "raw": "x"}]],
                {},
            ),
            (
                "import notes wizard",
                "hbri.case.study.import.notes",
                "create",
                [[{"case_study_id": cs, "note_ids": [[6, 0, [note]]], "section": "lessons", "confirm": True}]],
                {},
            ),
        ]
        return probes

    def _assert_no_secret(self, role, label, text):
        self.probed[role] = self.probed.get(role, 0) + 1
        for secret in SECRETS:
            self.assertNotIn(secret, text, f"{role}: {label} answered with {secret}")

    def test_rpc_and_routes_leak_nothing(self):
        users = {
            "staff": self.user_staff,
            "secretariat": self.user_secretariat,
            "facilitator of no session": self.facilitator_other,
            "internal without group": self.user_internal,
            "portal representative": self.portal_rep,
            "portal other organization": self.portal_other,
        }
        routes = [
            f"/report/pdf/hbri_partnership.report_hbri_case_study/{self.case_study.id}",
            f"/report/html/hbri_partnership.report_hbri_case_study/{self.case_study.id}",
            f"/report/html/hbri_partnership.report_hbri_session_summary/{self.summary.id}",
            f"/web/content/ir.attachment/{self.attachment.id}/raw",
            f"/web/content/{self.attachment.id}",
            f"/web/content/hbri.session.note/{self.note.id}/body",
            f"/web/content/hbri.case.study/{self.case_study.id}/lessons",
            f"/web/content/hbri.session.summary/{self.summary.id}/body",
            f"/my/roundtable/case-study/{self.case_study.id}",
            f"/my/roundtable/case-study/{self.case_study.id}/pdf",
            f"/my/roundtable/summary/{self.attendee.id}",
            f"/my/roundtable/ics/{self.attendee.id}",
        ]
        probes = self._rpc_probes()
        json2 = None
        unbound = []  # /json/2 probes whose arguments did not bind to the method: they probed nothing
        for role, user in users.items():
            self.authenticate(user.login, user.login)
            with mute_logger(*MUTED):
                for label, model, method, args, kwargs in probes:
                    with self.subTest(role=role, probe=label):
                        self._assert_no_secret(role, label, self._rpc(model, method, args, kwargs))
                for url in routes:
                    with self.subTest(role=role, route=url):
                        self._assert_no_secret(role, url, self.url_open(url).text)
                if not user.share:
                    key = (
                        self.env["res.users.apikeys"]
                        .with_user(user)
                        ._generate(None, "probe", fields.Datetime.now() + timedelta(days=1))
                    )
                    for label, model, method, args, kwargs in probes:
                        status, text = self._json2(key, model, method, self._json2_payload(model, method, args, kwargs))
                        json2 = json2 if status == 404 and json2 is None else True
                        if status == 422 and "odoo.exceptions." not in text:  # not a refusal: a TypeError
                            unbound.append((role, label, text[:200]))
                        with self.subTest(role=role, json2=label):
                            self._assert_no_secret(role, f"/json/2 {label}", text)
        self.authenticate(None, None)
        with mute_logger(*MUTED):
            for url in routes:
                self._assert_no_secret("public", url, self.url_open(url).text)
            for label, model, method, args, kwargs in probes[:5]:
                self._assert_no_secret("public", label, self._rpc(model, method, args, kwargs))
        # nothing was written by the write probes
        self.env.invalidate_all()
        self.assertEqual(self.summary.state, "draft")
        self.assertEqual(self.env["hbri.session.summary"].search_count([("session_id", "=", self.rt_session.id)]), 1)
        self.assertEqual(self.summary.session_id, self.rt_session)
        self.assertEqual(self.env["hbri.session.note"].search_count([("session_id", "=", self.rt_session.id)]), 1)
        self.assertEqual(
            self.env["ir.attachment"].search_count([("res_model", "=", "hbri.session.note")]), 1, "no attachment added"
        )
        self.assertFalse(self.case_study.message_partner_ids - self.user_secretariat.partner_id)
        _logger.info("probes per role: %s (json/2 available: %s)", self.probed, bool(json2))
        self.assertFalse(unbound, "/json/2 probes whose arguments do not bind to the method")
