# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Off-the-record content never reaches anyone outside the session's facilitators and the administrators.

Each test is one path Odoo offers to reach data; it runs for every role that must not read the notes:
staff (Roundtable / User), Secretariat, a Facilitator of another session, a portal member and an internal user
without any Roundtable group. The secrets are unique strings: finding one anywhere is a leak.
"""

import json
import xmlrpc.client
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.hbri_workflow_mixin import workflow_write
from .common import HbriPartnershipCommon

SECRET = "RAHASIA-7f3a-catatan"
QUOTE = "KUTIPAN-91c2-pembicara"
DRAFT = "DRAF-5b7e-ringkasan"
RELEASED = "RILIS-0d44-ringkasan"
SECRETS = (SECRET, QUOTE, DRAFT)
CONFIDENTIAL_MODELS = ("hbri.session.note", "hbri.session.note.attribution")


class HbriOffTheRecordCommon(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_facilitator = new_test_user(
            cls.env,
            login="hbri_facilitator",
            name="Fajar Facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls.user_facilitator_other = new_test_user(
            cls.env,
            login="hbri_facilitator_other",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls.user_portal = new_test_user(cls.env, login="hbri_portal", groups="base.group_portal")
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.rt_session = cls.env["hbri.roundtable.session"].create(
            {
                "date_start": datetime(2026, 9, 8, 2),
                "date_end": datetime(2026, 9, 8, 5),
                "facilitator_user_ids": [(6, 0, cls.user_facilitator.ids)],
                "user_id": cls.user_secretariat.id,
            }
        )
        cls.other_session = cls.env["hbri.roundtable.session"].create(
            {
                "date_start": datetime(2026, 12, 8, 2),
                "date_end": datetime(2026, 12, 8, 5),
                "facilitator_user_ids": [(6, 0, cls.user_facilitator_other.ids)],
            }
        )
        cls.attendee = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.rt_session.id, "partner_id": cls.rep_company.id}
        )
        env_fac = cls.env(user=cls.user_facilitator)
        cls.note = env_fac["hbri.session.note"].create(
            {
                "session_id": cls.rt_session.id,
                "kind": "qa",
                "body": f"<p>{SECRET}</p>",
                "is_attributed": True,
                "attribution_ids": [(0, 0, {"partner_id": cls.rep_company.id, "statement": QUOTE})],
            }
        )
        cls.attribution = cls.note.attribution_ids
        # one draft per session at a time: the released one first, then the new draft
        cls.released_summary = env_fac["hbri.session.summary"].create(
            {"session_id": cls.rt_session.id, "body": f"<p>{RELEASED}</p>"}
        )
        cls.released_summary.action_release()
        cls.draft_summary = env_fac["hbri.session.summary"].create(
            {"session_id": cls.rt_session.id, "body": f"<p>{DRAFT}</p>"}
        )
        cls.outsiders = {
            "staff": cls.user_staff,
            "secretariat": cls.user_secretariat,
            "facilitator of another session": cls.user_facilitator_other,
            "portal member": cls.user_portal,
            "internal user without group": cls.user_internal,
        }
        cls.env.flush_all()

    def assertNoSecret(self, value, role=""):
        text = str(value)
        for secret in SECRETS:
            self.assertNotIn(secret, text, f"{secret} leaked to {role}")

    def for_each_outsider(self):
        for role, user in self.outsiders.items():
            with self.subTest(role=role):
                yield role, self.env(user=user)

    def _denied_or_empty(self, role, func):
        """Run ``func``; it must raise AccessError or return nothing confidential."""
        try:
            result = func()
        except (AccessError, UserError) as error:  # UserError: e.g. "no rights to export data"
            self.assertNoSecret(error, role)
            return None
        self.assertNoSecret(result, role)
        return result


class TestHbriOffTheRecordOrm(HbriOffTheRecordCommon):
    def test_01_read_notes(self):
        for _role, env in self.for_each_outsider():
            with self.assertRaises(AccessError):
                env["hbri.session.note"].browse(self.note.id).read(["body"])

    def test_02_read_attributions(self):
        for _role, env in self.for_each_outsider():
            with self.assertRaises(AccessError):
                env["hbri.session.note.attribution"].browse(self.attribution.id).read(["statement"])

    def test_03_read_draft_summary(self):
        for _role, env in self.for_each_outsider():
            with self.assertRaises(AccessError):
                env["hbri.session.summary"].browse(self.draft_summary.id).read(["body"])

    def test_04_search_notes(self):
        for role, env in self.for_each_outsider():
            result = self._denied_or_empty(role, lambda env=env: env["hbri.session.note"].search([]).ids)
            self.assertFalse(result)

    def test_05_search_count_notes(self):
        for role, env in self.for_each_outsider():
            result = self._denied_or_empty(role, lambda env=env: env["hbri.session.note"].search_count([]))
            self.assertFalse(result)

    def test_06_read_group_notes(self):
        for role, env in self.for_each_outsider():
            result = self._denied_or_empty(
                role, lambda env=env: env["hbri.session.note"]._read_group([], ["body"], ["__count"])
            )
            self.assertFalse(result)

    def test_07_search_sessions_by_note_content(self):
        """A domain on the notes is no search oracle."""
        for role, env in self.for_each_outsider():
            result = self._denied_or_empty(
                role,
                lambda env=env: env["hbri.roundtable.session"].search([("note_ids.body", "ilike", SECRET)]).ids,
            )
            self.assertFalse(result)

    def test_08_search_notes_by_content_oracle(self):
        for role, env in self.for_each_outsider():
            result = self._denied_or_empty(
                role, lambda env=env: env["hbri.session.note"].search([("body", "ilike", "RAHASIA")]).ids
            )
            self.assertFalse(result)

    def test_09_summary_oracle(self):
        """Searching summaries for a word of a draft finds nothing; released ones stay findable by staff."""
        for role, env in self.for_each_outsider():
            result = self._denied_or_empty(
                role, lambda env=env: env["hbri.session.summary"].search([("body", "ilike", "DRAF")]).ids
            )
            self.assertFalse(result)
        staff = self.env(user=self.user_staff)["hbri.session.summary"]
        self.assertEqual(staff.search([("body", "ilike", "RILIS")]), self.released_summary)

    def test_10_name_search_notes(self):
        for role, env in self.for_each_outsider():
            self._denied_or_empty(role, lambda env=env: env["hbri.session.note"].name_search(""))
            self._denied_or_empty(role, lambda env=env: env["hbri.session.note"].name_search(SECRET))

    def test_11_display_names_carry_no_content(self):
        """Display names are computed as superuser for links: they must not carry the notes."""
        self.assertNoSecret(self.note.sudo().display_name)
        self.assertNoSecret(self.attribution.sudo().display_name)
        self.assertNoSecret(self.draft_summary.sudo().display_name)

    def test_12_session_read_note_ids(self):
        for role, env in self.for_each_outsider():
            session = env["hbri.roundtable.session"].browse(self.rt_session.id)
            result = self._denied_or_empty(role, lambda session=session: session.read(["note_ids"]))
            if result is not None:
                self.assertFalse(result[0].get("note_ids"))

    def test_13_web_read_nested_specification(self):
        for role, env in self.for_each_outsider():
            session = env["hbri.roundtable.session"].browse(self.rt_session.id)
            self._denied_or_empty(
                role,
                lambda session=session: session.web_read(
                    {
                        "note_ids": {
                            "fields": {"body": {}, "display_name": {}, "attribution_ids": {"fields": {"statement": {}}}}
                        }
                    }
                ),
            )

    def test_14_web_search_read_notes(self):
        for role, env in self.for_each_outsider():
            self._denied_or_empty(
                role, lambda env=env: env["hbri.session.note"].web_search_read([], {"body": {}, "display_name": {}})
            )

    def test_15_web_read_summaries_only_released(self):
        for role, env in self.for_each_outsider():
            session = env["hbri.roundtable.session"].browse(self.rt_session.id)
            self._denied_or_empty(
                role, lambda session=session: session.web_read({"summary_ids": {"fields": {"body": {}}}})
            )

    def test_16_fields_get_hides_link_field(self):
        for role, env in self.for_each_outsider():
            if env.user.has_group("hbri_partnership.hbri_partnership_group_facilitator"):
                continue  # a facilitator knows the field exists; the record rules keep the records away
            fields = self._denied_or_empty(role, lambda env=env: env["hbri.roundtable.session"].fields_get())
            if fields is not None:
                self.assertNotIn("note_ids", fields)

    def test_17_export(self):
        for role, env in self.for_each_outsider():
            session = env["hbri.roundtable.session"].browse(self.rt_session.id)
            self._denied_or_empty(
                role,
                lambda session=session: session.export_data(
                    ["name", "note_ids/body", "note_ids/attribution_ids/statement"]
                ),
            )
            self._denied_or_empty(role, lambda session=session: session.export_data(["name", "summary_ids/body"]))

    def test_18_import(self):
        for role, env in self.for_each_outsider():
            before = self.env["hbri.session.note"].search_count([])
            try:
                with mute_logger("odoo.models", "odoo.addons.base.models.ir_model"):
                    result = env["hbri.session.note"].load(
                        ["session_id/.id", "body"], [[str(self.rt_session.id), "<p>forged</p>"]]
                    )
                self.assertFalse(result["ids"])
                self.assertNoSecret(result["messages"], role)
            except AccessError as error:
                self.assertNoSecret(error, role)
            self.assertEqual(self.env["hbri.session.note"].search_count([]), before)

    def test_19_copy_session(self):
        copy = self.rt_session.with_user(self.user_secretariat).copy(
            {"date_start": datetime(2027, 3, 9, 2), "date_end": datetime(2027, 3, 9, 5)}
        )
        self.assertFalse(copy.sudo().note_ids, "notes are never copied")
        self.assertFalse(copy.sudo().summary_ids)
        self.assertNoSecret(self.rt_session.sudo().copy_data())

    def test_20_chatter_of_session(self):
        """Writing notes posts nothing on the session's chatter."""
        self.note.with_user(self.user_facilitator).body = f"<p>{SECRET} edited</p>"
        self.env.flush_all()
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", "hbri.roundtable.session"), ("res_id", "=", self.rt_session.id)])
        )
        self.assertNoSecret(messages.mapped("body"))
        self.assertNoSecret(messages.mapped("subject"))

    def test_21_no_message_or_mail_anywhere(self):
        self.note.with_user(self.user_facilitator).write({"body": f"<p>{SECRET} v2</p>", "kind": "discussion"})
        self.env.flush_all()
        for model, field in (("mail.message", "body"), ("mail.message", "subject"), ("mail.mail", "body_html")):
            found = self.env[model].sudo().search([(field, "ilike", "RAHASIA")])
            self.assertFalse(found, f"{model}.{field}")

    def test_22_no_tracking_values(self):
        self.note.with_user(self.user_facilitator).body = f"<p>{SECRET} v3</p>"
        self.draft_summary.with_user(self.user_facilitator).body = f"<p>{DRAFT} v3</p>"
        self.env.flush_all()
        tracking = self.env["mail.tracking.value"].sudo().search([])
        self.assertNoSecret(tracking.mapped("old_value_char") + tracking.mapped("new_value_char"))
        self.assertNoSecret(tracking.mapped("old_value_text") if "old_value_text" in tracking._fields else "")
        for model in (*CONFIDENTIAL_MODELS, "hbri.session.summary"):
            self.assertNotIn("message_ids", self.env[model]._fields, f"{model} has no chatter")
            tracked = [f for f in self.env[model]._fields.values() if getattr(f, "tracking", False)]
            self.assertFalse(tracked, f"{model} tracks nothing")

    def test_23_followers_get_no_access(self):
        self.rt_session.message_subscribe(partner_ids=self.user_staff.partner_id.ids)
        self.note.with_user(self.user_facilitator).body = f"<p>{SECRET} v4</p>"
        self.env.flush_all()
        with self.assertRaises(AccessError):
            self.env(user=self.user_staff)["hbri.session.note"].browse(self.note.id).body  # noqa: B018
        mails = self.env["mail.mail"].sudo().search([("recipient_ids", "in", self.user_staff.partner_id.ids)])
        self.assertNoSecret(mails.mapped("body_html"))

    def test_24_mentions_give_no_access(self):
        message = self.rt_session.with_user(self.user_secretariat).message_post(
            body="Please prepare the next agenda", partner_ids=self.user_staff.partner_id.ids
        )
        self.assertNoSecret(message.body)
        with self.assertRaises(AccessError):
            self.env(user=self.user_staff)["hbri.session.note"].browse(self.note.id).read(["body"])

    def test_25_activities(self):
        self.assertNotIn("activity_ids", self.env["hbri.session.note"]._fields)
        activity = self.rt_session.activity_schedule(
            "mail.mail_activity_data_todo", summary="Release the summary", user_id=self.user_staff.id
        )
        for role, env in self.for_each_outsider():
            try:
                values = env["mail.activity"].browse(activity.id).read(["res_name", "summary", "note"])
            except AccessError:
                continue
            self.assertNoSecret(values, role)

    def test_26_attachments_of_notes(self):
        attachment = self.env["ir.attachment"].create(
            {"name": "notes.txt", "raw": SECRET.encode(), "res_model": "hbri.session.note", "res_id": self.note.id}
        )
        for role, env in self.for_each_outsider():
            with self.assertRaises(AccessError):
                env["ir.attachment"].browse(attachment.id).read(["raw", "datas", "index_content"])
            found = self._denied_or_empty(
                role, lambda env=env: env["ir.attachment"].search([("res_model", "=", "hbri.session.note")]).ids
            )
            self.assertFalse(found)

    def test_27_access_error_messages(self):
        """Even in debug mode the access error names no content."""
        for role, env in self.for_each_outsider():
            env = env(context=dict(env.context, debug="1"))
            with self.assertRaises(AccessError) as caught:
                env["hbri.session.note"].browse(self.note.id).read(["body"])
            self.assertNoSecret(str(caught.exception), role)

    def test_28_link_fields_carry_the_groups(self):
        """Every field of a readable model that points at a confidential model carries the same groups."""
        for model_name, model in self.env.registry.items():
            if model_name in CONFIDENTIAL_MODELS:
                continue
            for field in model._fields.values():
                if getattr(field, "comodel_name", None) in CONFIDENTIAL_MODELS:
                    with self.subTest(field=f"{model_name}.{field.name}"):
                        self.assertIn("hbri_partnership.hbri_partnership_group_facilitator", field.groups or "")

    def test_29_no_derived_copies(self):
        """No related or computed field of a readable model depends on the confidential text."""
        for model_name, model in self.env.registry.items():
            if model_name in CONFIDENTIAL_MODELS:
                continue
            for field in model._fields.values():
                if field.name == "note_ids":
                    continue
                related = field.related if isinstance(field.related, str) else ".".join(field.related or ())
                paths = [related, *(getattr(field, "depends", None) or ())]
                with self.subTest(field=f"{model_name}.{field.name}"):
                    self.assertFalse(
                        [p for p in paths if isinstance(p, str) and "note_ids" in p.split(".")],
                        f"{model_name}.{field.name} derives from the notes",
                    )

    def test_30_sweep_readable_session_fields(self):
        """Everything staff can read of the session is free of the notes."""
        for role, env in self.for_each_outsider():
            session_model = env["hbri.roundtable.session"]
            try:
                names = list(session_model.fields_get(attributes=["type"]))
                values = session_model.browse(self.rt_session.id).read(names)
            except AccessError:
                continue
            self.assertNoSecret(values, role)

    def test_31_sweep_partner_fields(self):
        for role, env in self.for_each_outsider():
            partners = env["res.partner"]
            try:
                names = list(partners.fields_get(attributes=["type"]))
                values = partners.browse(self.org_company.id | self.rep_company.id).read(names)
            except AccessError:
                continue
            self.assertNoSecret(values, role)

    def test_32_facilitator_of_another_session(self):
        env = self.env(user=self.user_facilitator_other)
        with self.assertRaises(AccessError):
            env["hbri.session.note"].create({"session_id": self.rt_session.id, "body": "<p>intrusion</p>"})
        with self.assertRaises(AccessError):
            env["hbri.session.note"].browse(self.note.id).write({"body": "<p>overwritten</p>"})
        with self.assertRaises(AccessError):
            env["hbri.session.summary"].browse(self.released_summary.id).action_withdraw()
        with self.assertRaises(AccessError):
            env["hbri.session.summary"].browse(self.draft_summary.id).action_release()
        self.assertEqual(self.released_summary.state, "released")
        self.assertEqual(self.draft_summary.state, "draft")

    def test_33_secretariat_cannot_release_or_write(self):
        env = self.env(user=self.user_secretariat)
        with self.assertRaises(AccessError):
            env["hbri.session.summary"].browse(self.draft_summary.id).action_release()
        with self.assertRaises(AccessError):
            env["hbri.session.summary"].create({"session_id": self.rt_session.id, "body": "<p>x</p>"})

    def test_34_read_group_summaries(self):
        for role, env in self.for_each_outsider():
            result = self._denied_or_empty(
                role,
                lambda env=env: env["hbri.session.summary"]._read_group([], ["state"], ["__count"]),
            )
            if result:
                self.assertEqual([state for state, _count in result], ["released"])

    def test_35_sanitized_html(self):
        note = self.env(user=self.user_facilitator)["hbri.session.note"].create(
            {"session_id": self.rt_session.id, "body": '<p>ok</p><script>alert("x")</script><img src=x onerror="y()">'}
        )
        self.assertNotIn("<script", note.body)
        self.assertNotIn("onerror", note.body)
        summary = self.env(user=self.user_facilitator)["hbri.session.summary"].browse(self.draft_summary.id)
        summary.body = "<p>ok</p><script>steal()</script>"
        self.assertNotIn("<script", summary.body)

    def test_36_released_summary_reaches_staff_only_once_released(self):
        staff = self.env(user=self.user_staff)
        mine = [("session_id", "=", self.rt_session.id)]  # demo data, if loaded, has released summaries too
        self.assertEqual(staff["hbri.session.summary"].search(mine), self.released_summary)
        self.assertIn(RELEASED, staff["hbri.session.summary"].browse(self.released_summary.id).body)
        self.assertEqual(self.released_summary.released_by_id, self.user_facilitator)
        self.assertTrue(self.released_summary.date_released)
        self.draft_summary.with_user(self.user_facilitator).unlink()  # one draft at a time
        self.released_summary.with_user(self.user_facilitator).action_withdraw()
        self.assertFalse(staff["hbri.session.summary"].search(mine))

    def test_37_facilitator_of_the_session_works(self):
        env = self.env(user=self.user_facilitator)
        note = env["hbri.session.note"].browse(self.note.id)
        self.assertIn(SECRET, note.body)
        self.assertEqual(note.attribution_ids.statement, QUOTE)
        note.body = "<p>corrected</p>"
        self.assertEqual(env["hbri.roundtable.session"].browse(self.rt_session.id).note_ids, note)
        self.assertFalse(env["hbri.session.note"].search([("session_id", "=", self.other_session.id)]))
        self.assertTrue(env["hbri.roundtable.session"].browse(self.rt_session.id).is_facilitator)
        self.assertFalse(env["hbri.roundtable.session"].browse(self.other_session.id).is_facilitator)

    def test_38_administrator_reads_everything(self):
        env = self.env(user=self.user_manager)
        self.assertIn(SECRET, env["hbri.session.note"].browse(self.note.id).body)
        other_note = self.env(user=self.user_facilitator_other)["hbri.session.note"].create(
            {"session_id": self.other_session.id, "body": "<p>other</p>"}
        )
        # every note of every session, not only the sessions this administrator facilitates (demo data, if loaded,
        # has notes of other sessions too)
        sessions = self.rt_session | self.other_session
        self.assertEqual(env["hbri.session.note"].search([("session_id", "in", sessions.ids)]), self.note | other_note)
        self.assertNotIn(self.user_manager, sessions.facilitator_user_ids)

    def test_39_portal_member_sees_nothing_of_the_session_side(self):
        env = self.env(user=self.user_portal)
        for model in CONFIDENTIAL_MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                env[model].search([])
        # the portal reads sessions and invitations under its record rules only: a portal user who represents
        # no member in force reads none
        for model in ("hbri.roundtable.session", "hbri.session.attendee"):
            with self.subTest(model=model):
                self.assertFalse(env[model].search([]))

    def test_40_public_methods_return_nothing_confidential(self):
        """Every public method of the addon's readable models, called as staff, returns no confidential text."""
        env = self.env(user=self.user_staff)
        for model_name in ("hbri.roundtable.session", "hbri.session.summary", "hbri.presentation", "res.partner"):
            records = {
                "hbri.roundtable.session": self.rt_session,
                "hbri.session.summary": self.released_summary,
                "hbri.presentation": self.env["hbri.presentation"],
                "res.partner": self.org_company,
            }[model_name].with_env(env)
            for name in dir(type(records)):
                method = getattr(type(records), name, None)
                if not name.startswith("action_") or not callable(method):
                    continue
                if not getattr(method, "__module__", "").startswith("odoo.addons.hbri_partnership"):
                    continue  # Odoo's own generic actions (archive, …) are not this addon's endpoints
                with self.subTest(method=f"{model_name}.{name}"):
                    try:
                        with self.env.cr.savepoint():
                            result = getattr(records, name)()
                    except (AccessError, UserError, ValidationError, TypeError, ValueError) as error:
                        self.assertNoSecret(error)
                        continue
                    self.assertNoSecret(result)


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriOffTheRecordHttp(HbriOffTheRecordCommon, HttpCase):
    """The same rules through the network: JSON-RPC, XML-RPC and file downloads."""

    def _call_kw(self, model, method, args, kwargs=None):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.text

    @mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc")  # the refusals are the point
    def test_41_jsonrpc_read_notes(self):
        for login in ("hbri_staff", "hbri_secretariat", "hbri_facilitator_other"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                body = self._call_kw("hbri.session.note", "read", [[self.note.id], ["body"]])
                self.assertIn('"error"', body)
                self.assertNoSecret(body, login)
                body = self._call_kw("hbri.session.note.attribution", "search_read", [[], ["statement"]])
                self.assertNoSecret(body, login)

    @mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc")  # the refusals are the point
    def test_42_jsonrpc_session_link_field(self):
        for login in ("hbri_staff", "hbri_secretariat", "hbri_facilitator_other"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                body = self._call_kw(
                    "hbri.roundtable.session",
                    "web_read",
                    [[self.rt_session.id]],
                    {
                        "specification": {
                            "name": {},
                            "note_ids": {"fields": {"body": {}}},
                            "summary_ids": {"fields": {"body": {}}},
                        }
                    },
                )
                self.assertNoSecret(body, login)

    @mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc")  # the refusals are the point
    def test_43_jsonrpc_public_methods(self):
        self.authenticate("hbri_staff", "hbri_staff")
        for method in (
            "action_view_attendees",
            "action_view_presentations",
            "action_invite_members",
            "action_mark_held",
            "action_confirm_host",
            "action_close",
        ):
            with self.subTest(method=method):
                self.assertNoSecret(self._call_kw("hbri.roundtable.session", method, [[self.rt_session.id]]))
        for method in ("action_release", "action_withdraw"):
            with self.subTest(method=method):
                body = self._call_kw("hbri.session.summary", method, [[self.draft_summary.id]])
                self.assertNoSecret(body)
        self.assertEqual(self.draft_summary.state, "draft")

    @mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc")  # the refusals are the point
    def test_44_xmlrpc(self):
        for login in ("hbri_staff", "hbri_secretariat", "hbri_facilitator_other", "hbri_portal"):
            with self.subTest(login=login):
                uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
                for model, fields in (
                    ("hbri.session.note", ["body"]),
                    ("hbri.session.summary", ["body"]),
                    ("hbri.session.note.attribution", ["statement"]),
                ):
                    try:
                        result = self.xmlrpc_object.execute_kw(
                            self.env.cr.dbname, uid, login, model, "search_read", [[]], {"fields": fields}
                        )
                    except xmlrpc.client.Fault as fault:
                        result = fault.faultString
                    self.assertNoSecret(result, login)

    @mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc")  # the refusals are the point
    def test_45_web_content_of_note_attachment(self):
        attachment = self.env["ir.attachment"].create(
            {"name": "notes.txt", "raw": SECRET.encode(), "res_model": "hbri.session.note", "res_id": self.note.id}
        )
        for login in ("hbri_staff", "hbri_secretariat", "hbri_facilitator_other", "hbri_portal"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(f"/web/content/{attachment.id}?download=true")
                self.assertIn(response.status_code, (403, 404))
                self.assertNoSecret(response.text, login)
        self.authenticate("hbri_facilitator", "hbri_facilitator")
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertIn(SECRET, response.text)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_actions_report")  # the refusals are the point
    def test_46_report_routes(self):
        """Every report of the addon, through /report/html, prints nothing confidential: the route does not check
        a report's groups, so the report code itself must hold. (/report/pdf renders the same HTML through
        wkhtmltopdf; the PDFs themselves are read back in the report tests.)"""
        with workflow_write():  # as the notes import leaves it
            case_study = self.env["hbri.case.study"].create(
                {
                    "name": "Restricted draft",
                    "session_id": self.rt_session.id,
                    "lessons": f"<p>{SECRET}</p>",
                    "includes_notes": True,
                }
            )
        targets = {
            "hbri.roundtable.session": self.rt_session,
            "hbri.session.summary": self.draft_summary,
            "hbri.case.study": case_study,
        }
        reports = self.env["ir.actions.report"].search([("report_name", "=like", "hbri_partnership.%")])
        self.assertGreaterEqual(len(reports), 4)
        for login in ("hbri_staff", "hbri_secretariat", "hbri_facilitator_other", "hbri_portal"):
            self.authenticate(login, login)
            for report in reports:
                record = targets.get(report.model)
                if not record:
                    continue
                with self.subTest(login=login, report=report.report_name):
                    response = self.url_open(f"/report/html/{report.report_name}/{record.id}")
                    self.assertNoSecret(response.text, login)
