# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fields only actions move (hbri.workflow.mixin): every field a model lists in ``_hbri_action_fields``, tried by
every role through create, write, copy, import and a default_* context key, is refused with nothing written.

The fields are read from the models themselves: a field added to a list is tested here without a new line."""

import base64
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.hbri_workflow_mixin import workflow_write
from .common import call_kw
from .test_hbri_case_study import HbriCaseStudyCommon

EVIDENCE = base64.b64encode(b"%PDF-1.4 signed consent form")
REFUSAL = "cannot be set directly"
# a model that refuses the copy itself says so in its own words before any value is looked at
COPY_REFUSALS = ("cannot be duplicated", "are not copied", "not copied")
MUTED = ("odoo.sql_db", "odoo.models", "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


class HbriWorkflowFieldsCommon(HbriCaseStudyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.user_facilitator_none = new_test_user(
            cls.env,
            login="hbri_wf_facilitator_none",
            lang="en_US",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls.user_facilitator.lang = "en_US"
        cls.roles = {
            "administrator": cls.user_manager,
            "secretariat": cls.user_secretariat,
            "facilitator of the session": cls.user_facilitator,
            "facilitator of none": cls.user_facilitator_none,
            "staff": cls.user_staff,
            "internal user without group": cls.user_internal,
        }
        cls.guest = cls.env["res.partner"].create({"name": "Gita Guest", "parent_id": cls.org_company.id})
        cls.attendee = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.rt_session.id, "partner_id": cls.rep_company.id}
        )
        presentation = cls.presentation
        cls.case_study = cls.env["hbri.case.study"].browse(
            presentation.with_user(cls.user_secretariat).action_create_case_study()["res_id"]
        )
        cls.case_study.write({"background": "<p>Mothers saw a midwife late.</p>", "lessons": "<p>Start early.</p>"})
        awaiting = cls.env["hbri.case.study"].browse(
            presentation.copy().with_user(cls.user_secretariat).action_create_case_study()["res_id"]
        )
        awaiting.write({"background": "<p>Late visits.</p>", "lessons": "<p>Early.</p>"})
        awaiting.action_submit_review()
        awaiting.action_request_approval()
        cls.consent_values = {
            "case_study_id": awaiting.id,
            "partner_id": cls.org_company.id,
            "representative_id": cls.rep_company.id,
            "evidence_file": EVIDENCE,
            "evidence_filename": "signed.pdf",
        }
        cls.consent = cls.env["hbri.consent"].create(cls.consent_values)
        cls.summary = cls.env["hbri.session.summary"].create(
            {"session_id": cls.rt_session.id, "body": "<p>What the members learned.</p>"}
        )
        cls.later_session = cls.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 12, 8, 2), "date_end": datetime(2026, 12, 8, 5)}
        )
        cls.toolkit = cls.env["hbri.toolkit"].create({"name": "Partnering Checklist"})
        cls.consultation = cls.env["hbri.consultation"].create({"name": "First talk", "partner_id": cls.org_ngo.id})
        cls.membership = cls.org_company.hbri_membership_ids[:1]
        cls.other_membership = cls.org_ngo.hbri_membership_ids[:1]
        # {model: (a record every role tries to change, the values of a new record)}
        cls.fixtures = {
            "hbri.roundtable.session": (
                cls.rt_session,
                {"date_start": datetime(2027, 1, 12, 2), "date_end": datetime(2027, 1, 12, 5)},
            ),
            "hbri.session.attendee": (
                cls.attendee,
                {"session_id": cls.rt_session.id, "partner_id": cls.guest.id, "role": "guest"},
            ),
            "hbri.case.study": (cls.case_study, {"name": "Forged", "session_id": cls.rt_session.id}),
            "hbri.consent": (
                cls.consent,
                dict(cls.consent_values, partner_id=cls.org_ngo.id, representative_id=cls.rep_ngo.id),
            ),
            "hbri.session.summary": (cls.summary, {"session_id": cls.later_session.id, "body": "<p>Draft</p>"}),
            "hbri.toolkit": (cls.toolkit, {"name": "Forged Toolkit"}),
            "hbri.guideline": (cls.guideline, {"name": "Forged Guidelines", "version": "F-1"}),
            "hbri.consultation": (cls.consultation, {"name": "Forged talk", "partner_id": cls.org_company.id}),
            "hbri.membership": (cls.membership, {"partner_id": cls.org_public.id, "date_start": date(2027, 1, 1)}),
        }

    @classmethod
    def _listed_models(cls):
        """{model name: its fields only actions move}, from the registry: every model using the mixin."""
        listed = {}
        for name in cls.env.registry:
            model = cls.env[name]
            if model._abstract or not getattr(model, "_hbri_action_fields", None):
                continue
            listed[name] = list(model._hbri_action_fields)
        return listed

    def _forged_value(self, record, name):
        """A value different from the record's, of the field's type."""
        field = record._fields[name]
        current = record.sudo()[name]
        if field.type == "boolean":
            return not current
        if field.type == "selection":
            keys = [key for key, _label in field._description_selection(self.env)]
            return next(key for key in keys if key != current)
        if field.type == "date":
            return date(2030, 1, 1)
        if field.type == "datetime":
            return datetime(2030, 1, 1, 1, 0)
        if field.type == "integer":
            return (current or 0) + 7
        if field.type == "many2one":
            candidates = {
                "res.users": self.user_manager | self.user_secretariat,
                "hbri.membership": self.membership | self.other_membership,
            }[field.comodel_name]
            return (candidates - current)[:1].id
        if field.type == "binary":
            return base64.b64encode(b"forged").decode()
        return "forged"

    def _import_value(self, record, name, value):
        """(column, cell) of ``value`` in an import file."""
        field = record._fields[name]
        if field.type == "many2one":
            return f"{name}/.id", str(value)
        if field.type == "boolean":
            return name, "1" if value else "0"
        if field.type == "datetime":
            return name, value.strftime("%Y-%m-%d %H:%M:%S")
        return name, str(value)

    def _state(self, record):
        """What is written: the listed fields of the record and the number of rows of the model."""
        record.invalidate_recordset()
        Model = self.env[record._name].with_context(active_test=False)
        return (
            {name: record.sudo()[name] for name in record._hbri_action_fields},
            Model.search_count([]),
        )

    def _assert_refused(self, record, call, copy=False):
        before = self._state(record)
        with self.assertRaises(UserError) as caught, mute_logger(*MUTED):
            call()
        message = str(caught.exception)
        allowed = (REFUSAL, *COPY_REFUSALS) if copy else (REFUSAL,)
        if not isinstance(caught.exception, AccessError):
            self.assertTrue(any(text in message for text in allowed), message)
        self.assertEqual(self._state(record), before, "nothing was written")
        return message


@freeze_time("2026-09-10 08:00:00")
class TestHbriWorkflowFields(HbriWorkflowFieldsCommon):
    def test_every_listed_model_has_a_fixture(self):
        """A model that starts using the mixin is tried below: it needs a record and the values of a new one."""
        self.assertEqual(set(self._listed_models()), set(self.fixtures))
        # the last round's examples are on the list
        listed = self._listed_models()
        for name in ("state", "is_host_confirmed", "reminder_sent", "host_reminder_date", "notes_destroyed_by_id"):
            self.assertIn(name, listed["hbri.roundtable.session"])

    def test_listed_fields_are_readonly_and_not_copied(self):
        """The forms never send them (a readonly field is not saved by the web client) and a copy starts over."""
        for model_name, names in self._listed_models().items():
            for name in names:
                with self.subTest(model=model_name, field=name):
                    field = self.env[model_name]._fields[name]
                    self.assertTrue(field.readonly, "shown read-only: only its action moves it")

    def test_every_role_every_path_refused(self):
        for model_name, names in self._listed_models().items():
            record, create_values = self.fixtures[model_name]
            for name in names:
                value = self._forged_value(record, name)
                for role, user in self.roles.items():
                    self._try_every_path(record, create_values, name, value, role, user)

    def _try_every_path(self, record, create_values, name, value, role, user):
        Model = self.env[record._name].with_user(user)
        as_user = record.with_user(user)
        label = {"model": record._name, "field": name, "role": role}
        with self.subTest(**label, path="create"):
            self._assert_refused(record, lambda: Model.create(dict(create_values, **{name: value})))
        with self.subTest(**label, path="default_ key"):
            self._assert_refused(
                record, lambda: Model.with_context(**{f"default_{name}": value}).create(dict(create_values))
            )
        with self.subTest(**label, path="write"):
            self._assert_refused(record, lambda: as_user.write({name: value}))
        with self.subTest(**label, path="copy"):
            self._assert_refused(record, lambda: as_user.copy({name: value}), copy=True)
        with self.subTest(**label, path="load"):
            column, cell = self._import_value(record, name, value)
            before = self._state(record)
            try:
                with mute_logger(*MUTED):
                    result = Model.load([".id", column], [[str(record.id), cell]])
            except AccessError:  # who may not read the model is stopped before any row is looked at
                result = {"ids": False}
            self.assertFalse(result["ids"], result)
            self.assertEqual(self._state(record), before, "nothing was imported")

    def test_refusal_names_the_action(self):
        session = self.rt_session.with_user(self.user_secretariat)
        message = self._assert_refused(self.rt_session, lambda: session.write({"state": "closed"}))
        self.assertIn("State cannot be set directly: use the status buttons (Invite Members, Mark as Held", message)
        message = self._assert_refused(self.rt_session, lambda: session.write({"is_host_confirmed": True}))
        self.assertIn("Host Confirmed cannot be set directly: use Confirm Host", message)
        toolkit = self.toolkit.with_user(self.user_secretariat)
        message = self._assert_refused(self.toolkit, lambda: toolkit.write({"is_released": True}))
        self.assertIn("Released cannot be set directly: use Release or Withdraw", message)

    def test_no_context_key_opens_the_guard(self):
        session = self.rt_session.with_user(self.user_manager)
        for key in ("hbri_workflow_write", "workflow_write", "install_mode", "tracking_disable", "hbri_keep_version"):
            with self.subTest(key=key):
                self._assert_refused(
                    self.rt_session, lambda k=key: session.with_context(**{k: True}).write({"state": "held"})
                )

    def test_even_the_current_value_refused(self):
        """A listed field is never written by a client, not even with the value it has: the answer is the same
        whatever the record holds (nothing to learn from it), and the other fields are written as before."""
        session = self.rt_session.with_user(self.user_secretariat)
        for vals in ({"state": "planned"}, {"is_host_confirmed": False}, {"reminder_sent": False}):
            with self.subTest(vals=vals):
                self._assert_refused(self.rt_session, lambda v=vals: session.write(dict(v, name="Renamed")))
        self.assertNotEqual(self.rt_session.name, "Renamed")
        session.write({"name": "Renamed", "agenda": "<p>Agenda</p>"})
        self.assertEqual(self.rt_session.name, "Renamed")

    def test_copy_starts_over(self):
        with workflow_write():
            self.toolkit.write({"is_released": True, "date_released": date(2026, 9, 1)})
        copy = self.toolkit.with_user(self.user_secretariat).copy()
        self.assertFalse(copy.is_released)
        self.assertFalse(copy.date_released)
        session_copy = self.later_session.with_user(self.user_manager).copy(
            {"date_start": datetime(2027, 4, 6, 2), "date_end": datetime(2027, 4, 6, 5)}
        )
        self.assertEqual(session_copy.state, "planned")


@freeze_time("2026-09-10 08:00:00")
class TestHbriSessionWorkflowFields(HbriWorkflowFieldsCommon):
    """Last round's open examples (issue 14): each refused for the secretariat, the buttons still working.
    Each of these tests fails on the code before the mixin (the secretariat's direct writes succeeded)."""

    def test_planned_to_closed_by_write_refused(self):
        session = self.rt_session.with_user(self.user_secretariat)
        self.assertEqual(self.rt_session.state, "planned")
        for state in ("held", "closed"):
            with self.subTest(state=state):
                self._assert_refused(self.rt_session, lambda s=state: session.write({"state": s}))
        self.assertEqual(self.rt_session.state, "planned")
        session.action_mark_held()
        session.action_close()
        self.assertEqual(self.rt_session.state, "closed")

    def test_invited_without_sending_refused(self):
        session = self.later_session.with_user(self.user_secretariat)
        self._assert_refused(self.later_session, lambda: session.write({"state": "invited"}))
        self.assertEqual(self.later_session.state, "planned")
        self.assertFalse(self.later_session.attendee_ids.filtered("invitation_sent"))

    def test_cancelled_without_the_wizard_refused(self):
        session = self.later_session.with_user(self.user_secretariat)
        self._assert_refused(
            self.later_session, lambda: session.write({"state": "cancelled", "cancel_reason": "Venue flooded"})
        )
        self.assertEqual(self.later_session.state, "planned")
        wizard = (
            self.env["hbri.session.cancel"]
            .with_user(self.user_secretariat)
            .create({"session_id": self.later_session.id, "reason": "Venue flooded"})
        )
        wizard.action_cancel()
        self.assertEqual((self.later_session.state, self.later_session.cancel_reason), ("cancelled", "Venue flooded"))

    def test_host_confirmed_without_contribution_refused(self):
        self.later_session.host_partner_id = self.org_company
        session = self.later_session.with_user(self.user_secretariat)
        self._assert_refused(self.later_session, lambda: session.write({"is_host_confirmed": True}))
        self.assertFalse(self.later_session.is_host_confirmed)
        self.assertFalse(self.later_session.contribution_ids)
        session.action_confirm_host()
        self.assertTrue(self.later_session.is_host_confirmed)
        self.assertEqual(self.later_session.contribution_ids.kind, "hosting")

    def test_daily_job_records_its_reminders(self):
        """The daily job runs as the cron's user; what it records goes through the module's own guard."""
        self.later_session.host_partner_id = False
        with freeze_time("2026-11-01"):
            self.env["hbri.roundtable.session"].with_user(self.user_manager)._cron_session_reminders()
        self.assertEqual(self.later_session.host_reminder_date, date(2026, 11, 1))


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriWorkflowFieldsPortal(HbriWorkflowFieldsCommon, HttpCase):
    """A portal representative over JSON-RPC: every listed field, every path, refused; nothing written."""

    def _call(self, model, method, args, kwargs=None):
        return call_kw(self, model, method, args, kwargs).json()

    def _json_value(self, value):
        if isinstance(value, datetime):
            return value.isoformat(sep=" ")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bytes):
            return value.decode()
        return value

    def test_portal_over_json_rpc(self):
        new_test_user(
            self.env, login="hbri_wf_portal", groups="base.group_portal", partner_id=self.rep_company.id, lang="en_US"
        )
        self.authenticate("hbri_wf_portal", "hbri_wf_portal")
        for model_name, names in self._listed_models().items():
            record, create_values = self.fixtures[model_name]
            create_values = {key: self._json_value(value) for key, value in create_values.items()}
            for name in names:
                value = self._json_value(self._forged_value(record, name))
                column, cell = self._import_value(record, name, self._forged_value(record, name))
                calls = {
                    "create": ("create", [dict(create_values, **{name: value})], {}),
                    "default_ key": (
                        "create",
                        [create_values],
                        {"context": {f"default_{name}": value}},
                    ),
                    "write": ("write", [record.ids, {name: value}], {}),
                    "copy": ("copy", [record.ids], {"default": {name: value}}),
                    "load": ("load", [[".id", column], [[str(record.id), cell]]], {}),
                }
                for path, (method, args, kwargs) in calls.items():
                    with self.subTest(model=model_name, field=name, path=path):
                        before = self._state(record)
                        with mute_logger(*MUTED, "odoo.http"):
                            answer = self._call(model_name, method, args, kwargs)
                        if path == "load":
                            refused = "error" in answer or not answer["result"]["ids"]
                        else:
                            refused = "error" in answer
                        self.assertTrue(refused, answer)
                        self.assertEqual(self._state(record), before, "nothing was written")
