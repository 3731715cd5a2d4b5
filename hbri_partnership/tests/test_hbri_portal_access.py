# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date, datetime, timedelta

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HbriPartnershipCommon

# what a portal user may read of each model the portal shows; everything else is for internal users
PORTAL_MODELS = {
    "hbri.session.attendee",
    "hbri.roundtable.session",
    "hbri.session.summary",
    "hbri.case.study",
    "hbri.consent",
    "hbri.toolkit",
}
# fields a portal user must never get back, whatever the record
FORBIDDEN_FIELDS = {
    "hbri.case.study": {
        "name",
        "background",
        "formation",
        "implementation",
        "results",
        "challenges",
        "lessons",
        "next_steps",
        "key_figures",
        "period",
        "partner_ids",
        "presentation_ids",
        "consenting_partner_ids",
        "includes_notes",
        "technical_assistance_ids",
        "author_ids",
        "access_token",
        "session_id",
    },
    "hbri.roundtable.session": {
        "note_ids",
        "attendee_ids",
        "cancel_reason",
        "facilitator_user_ids",
        "presentation_ids",
        "summary_ids",
        "contribution_ids",
        "host_partner_id",
        "venue_partner_id",
    },
    "hbri.session.attendee": {"eligibility_issue", "invitation_sent"},
    "hbri.session.summary": {"released_by_id"},
    "hbri.consent": {"recorded_by_id", "comment"},
    "hbri.toolkit": {"version_ids", "attachment_ids", "released_by_id", "origin_session_id"},
}


class HbriPortalStory(HbriPartnershipCommon):
    """Members in force, and contacts who must see nothing: a prospect, a suspended and an ended member's
    representatives, an inactive representative, a contact without a role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Partner = cls.env["res.partner"]
        cls.org_prospect, cls.org_suspended, cls.org_ended = Partner.create(
            [
                {"name": name, "is_company": True, "hbri_sector_id": cls.sector_business.id}
                for name in ("PT Prospek", "PT Ditangguhkan", "PT Berakhir")
            ]
        )
        cls.alt_company, cls.observer_company, cls.former_company, cls.contact_company = Partner.create(
            [
                {"name": "Citra Alternate", "parent_id": cls.org_company.id, "hbri_representative_role": "alternate"},
                {"name": "Dewi Observer", "parent_id": cls.org_company.id, "hbri_representative_role": "observer"},
                {
                    "name": "Eko Former",
                    "parent_id": cls.org_company.id,
                    "hbri_representative_role": "alternate",
                    "hbri_representative_active": False,
                },
                {"name": "Fajar Contact", "parent_id": cls.org_company.id},
            ]
        )
        cls.rep_prospect, cls.rep_suspended, cls.rep_ended = Partner.create(
            [
                {"name": f"Rep of {org.name}", "parent_id": org.id, "hbri_representative_role": "primary"}
                for org in (cls.org_prospect, cls.org_suspended, cls.org_ended)
            ]
        )
        for org in (cls.org_company, cls.org_ngo, cls.org_suspended, cls.org_ended):
            cls._create_membership(org, date(2020, 1, 1), state="active")
        cls._create_membership(cls.org_prospect, date(2030, 1, 1))

        def portal(login, partner):
            name = partner.name
            user = new_test_user(cls.env, login=login, groups="base.group_portal", partner_id=partner.id, lang="en_US")
            partner.name = name  # new_test_user names the partner after the login
            return user

        cls.u_primary = portal("hbri_p_primary", cls.rep_company)
        cls.u_alternate = portal("hbri_p_alternate", cls.alt_company)
        cls.u_observer = portal("hbri_p_observer", cls.observer_company)
        cls.u_former = portal("hbri_p_former", cls.former_company)
        cls.u_contact = portal("hbri_p_contact", cls.contact_company)
        cls.u_other = portal("hbri_p_other", cls.rep_ngo)
        cls.u_prospect = portal("hbri_p_prospect", cls.rep_prospect)
        cls.u_suspended = portal("hbri_p_suspended", cls.rep_suspended)
        cls.u_ended = portal("hbri_p_ended", cls.rep_ended)

        Session = cls.env["hbri.roundtable.session"]
        Attendee = cls.env["hbri.session.attendee"]
        cls.venue = Partner.create({"name": "Hotel Sahid", "street": "Jl. Sudirman 86", "city": "Jakarta"})
        start = datetime.now().replace(microsecond=0) + timedelta(days=30)
        cls.upcoming = Session.create(
            {
                "name": "Upcoming Roundtable",
                "date_start": start,
                "date_end": start + timedelta(hours=3),
                "venue_partner_id": cls.venue.id,
                "online_url": "https://meet.example.com/hbri-q3",
                "host_partner_id": cls.org_company.id,
            }
        )
        people = cls.rep_company | cls.alt_company | cls.observer_company | cls.rep_ngo
        people |= cls.rep_suspended | cls.rep_ended
        cls.upcoming_attendees = Attendee.create([{"session_id": cls.upcoming.id, "partner_id": p.id} for p in people])
        past = datetime(2025, 3, 4, 2, 0)
        cls.past = Session.create(
            {"name": "Past Roundtable", "date_start": past, "date_end": past + timedelta(hours=3)}
        )
        cls.past_attendees = Attendee.create(
            [{"session_id": cls.past.id, "partner_id": p.id} for p in cls.rep_company | cls.rep_ngo]
        )
        cls.env.cr.execute(
            "UPDATE hbri_roundtable_session SET state = 'held' WHERE id = %s;"
            "UPDATE hbri_session_attendee SET state = 'attended' WHERE session_id = %s",
            (cls.past.id, cls.past.id),
        )
        cls.env.invalidate_all()
        cls.summary = cls.env["hbri.session.summary"].create(
            {"session_id": cls.past.id, "body": "<p>RELEASED-SUMMARY</p>"}
        )
        cls.summary.sudo().action_release()
        # the suspended and ended members lose their membership after they were invited
        cls.org_suspended.hbri_membership_id.state = "suspended"
        cls.org_ended.hbri_membership_id.write({"state": "ended", "date_end": date(2021, 1, 1)})

        cls.cs_awaiting = cls._case_study("Company awaiting", cls.org_company, "awaiting")
        cls.cs_awaiting_ngo = cls._case_study("NGO awaiting", cls.org_ngo, "awaiting")
        cls.cs_published = cls._case_study("Company published", cls.org_company, "published")
        cls.cs_published_ngo = cls._case_study("NGO published", cls.org_ngo, "published")
        cls.cs_draft = cls._case_study("Company draft", cls.org_company, "draft")

        Toolkit = cls.env["hbri.toolkit"]
        cls.kit, cls.kit_hidden = Toolkit.create([{"name": "Released Kit"}, {"name": "Unreleased Kit"}])
        for kit in cls.kit | cls.kit_hidden:
            attachment = cls.env["ir.attachment"].create({"name": "kit.txt", "datas": base64.b64encode(b"KIT")})
            cls.env["hbri.toolkit.version"].create(
                {"toolkit_id": kit.id, "version": "1.0", "attachment_ids": [(6, 0, attachment.ids)]}
            )
        cls.kit.action_release()

    @classmethod
    def _case_study(cls, name, organization, state, presentation_ids=()):
        sections = {field: f"<p>{name} {field} text.</p>" for field in ("background", "formation", "implementation")}
        sections.update(results="<p>Results.</p>", lessons="<p>Lessons.</p>")
        case_study = cls.env["hbri.case.study"].create(
            {
                "name": name,
                "partner_ids": [(6, 0, organization.ids)],
                "presentation_ids": [(6, 0, list(presentation_ids))],
                "key_figures": "1,200 women\n14 clinics",
                **sections,
            }
        )
        # the workflow (its checks are the case study's own tests) is not what these tests are about
        cls.env.cr.execute("UPDATE hbri_case_study SET state = %s WHERE id = %s", (state, case_study.id))
        case_study.invalidate_recordset(["state"])
        return case_study


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalRecordRules(HbriPortalStory):
    def _visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_what_each_role_reads(self):
        attendee = {a.partner_id: a for a in self.upcoming_attendees}
        past = {a.partner_id: a for a in self.past_attendees}
        nothing = {model: self.env[model] for model in PORTAL_MODELS}
        expected = {
            self.u_primary: {
                "hbri.session.attendee": attendee[self.rep_company] | past[self.rep_company],
                "hbri.roundtable.session": self.upcoming | self.past,
                "hbri.session.summary": self.summary,
                "hbri.case.study": self.cs_awaiting | self.cs_published,
                "hbri.toolkit": self.kit,
            },
            self.u_alternate: {
                "hbri.session.attendee": attendee[self.alt_company],
                "hbri.roundtable.session": self.upcoming,
                "hbri.case.study": self.cs_awaiting | self.cs_published,
                "hbri.toolkit": self.kit,
            },
            # observers follow the roundtable but do not approve for their organization
            self.u_observer: {
                "hbri.session.attendee": attendee[self.observer_company],
                "hbri.roundtable.session": self.upcoming,
                "hbri.case.study": self.cs_published,
                "hbri.toolkit": self.kit,
            },
            self.u_other: {
                "hbri.session.attendee": attendee[self.rep_ngo] | past[self.rep_ngo],
                "hbri.roundtable.session": self.upcoming | self.past,
                "hbri.session.summary": self.summary,
                "hbri.case.study": self.cs_awaiting_ngo | self.cs_published_ngo,
                "hbri.toolkit": self.kit,
            },
            self.u_former: {},
            self.u_contact: {},
            self.u_prospect: {},
            self.u_suspended: {},
            self.u_ended: {},
        }
        story = {
            "hbri.session.attendee": self.upcoming_attendees | self.past_attendees,
            "hbri.roundtable.session": self.upcoming | self.past,
            "hbri.session.summary": self.summary,
            "hbri.case.study": self.cs_awaiting
            | self.cs_awaiting_ngo
            | self.cs_published
            | self.cs_published_ngo
            | self.cs_draft,
            "hbri.consent": self.env["hbri.consent"],
            "hbri.toolkit": self.kit | self.kit_hidden,
        }
        for user, visible in expected.items():
            for model in PORTAL_MODELS:
                with self.subTest(user=user.login, model=model):
                    found = self._visible(user, model)
                    if visible:
                        # released toolkits of the demo data, if installed, are the members' too
                        self.assertEqual(found & story[model], visible.get(model, nothing[model]))
                        if model != "hbri.toolkit":
                            self.assertEqual(found, visible.get(model, nothing[model]))
                    else:
                        self.assertFalse(found)

    def test_losing_the_role_or_the_membership_closes_the_portal_at_once(self):
        self.assertTrue(self._visible(self.u_primary, "hbri.case.study"))
        self.rep_company.hbri_representative_active = False
        self.assertFalse(self._visible(self.u_primary, "hbri.case.study"))
        self.assertFalse(self._visible(self.u_primary, "hbri.session.attendee"))
        self.assertEqual(self._visible(self.u_alternate, "hbri.case.study"), self.cs_awaiting | self.cs_published)
        self.org_company.hbri_membership_id.state = "suspended"
        for model in PORTAL_MODELS:
            with self.subTest(model=model):
                self.assertFalse(self._visible(self.u_alternate, model))

    def test_public_user_reads_nothing(self):
        public = self.env.ref("base.public_user")
        for model in PORTAL_MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(public).search([])

    def test_portal_writes_nothing(self):
        own = self.upcoming_attendees.filtered(lambda a: a.partner_id == self.rep_company).with_user(self.u_primary)
        with self.assertRaises(AccessError):
            own.write({"state": "accepted"})
        with self.assertRaises(AccessError):
            self.cs_awaiting.with_user(self.u_primary).write({"key_figures": "changed"})
        with self.assertRaises(AccessError):
            self.env["hbri.consent"].with_user(self.u_primary).create(
                {
                    "case_study_id": self.cs_awaiting.id,
                    "partner_id": self.org_company.id,
                    "representative_id": self.rep_company.id,
                }
            )
        with self.assertRaises(AccessError):
            own.copy()
        self.assertEqual(own.state, "invited")

    def test_rpc_reads_of_every_model(self):
        """read/search_read/web_search_read as a representative on every hbri model: models not meant for the
        portal are refused, the others return no field outside what members may see."""
        user = self.u_primary
        for model_name in sorted(m for m in self.env.registry if m.startswith("hbri.")):
            Model = self.env[model_name].with_user(user)
            if Model._abstract:
                continue
            with self.subTest(model=model_name):
                if model_name not in PORTAL_MODELS:
                    with self.assertRaises(AccessError):
                        Model.search_read([], [])
                    continue
                rows = Model.search_read([], [])
                if model_name == "hbri.consent":
                    self.assertFalse(rows, "nobody approved yet")
                    rows = Model.search_read([("id", "=", 0)], [])
                    returned = set(Model.fields_get(attributes=["type"]))
                else:
                    self.assertTrue(rows, "the story gives the representative something to read")
                    returned = set(rows[0])
                self.assertFalse(returned & FORBIDDEN_FIELDS.get(model_name, set()))
                records = Model.browse([row["id"] for row in rows])
                self.assertEqual(records.read(list(returned)), rows)
                specification = {
                    name: {} for name in returned if Model._fields[name].type not in ("one2many", "many2many")
                }
                result = Model.web_search_read([], specification)
                self.assertEqual(result["length"], len(rows))
                for name in FORBIDDEN_FIELDS.get(model_name, ()):
                    with self.assertRaises(AccessError):
                        records.read([name])


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalRoutes(HbriPortalStory, HttpCase):
    def _post(self, url, csrf=True, **data):
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)

    def test_roundtable_page_per_role(self):
        allowed = ("hbri_p_primary", "hbri_p_alternate", "hbri_p_observer", "hbri_p_other")
        refused = ("hbri_p_former", "hbri_p_contact", "hbri_p_prospect", "hbri_p_suspended", "hbri_p_ended")
        for login in allowed + refused:
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open("/my/roundtable", allow_redirects=False)
                self.assertEqual(response.status_code, 200 if login in allowed else 404)
                toolkit = self.url_open(f"/my/roundtable/toolkit/{self.kit.id}/{self.kit.sudo().attachment_ids.id}")
                self.assertEqual(toolkit.status_code, 200 if login in allowed else 404)
        self.authenticate(None, None)
        response = self.url_open("/my/roundtable", allow_redirects=False)
        self.assertIn("/web/login", response.headers.get("Location", ""))

    def test_approval_page_per_role(self):
        url = f"/my/roundtable/case-study/{self.cs_awaiting.id}"
        for login, status in (
            ("hbri_p_primary", 200),
            ("hbri_p_alternate", 200),
            ("hbri_p_observer", 404),
            ("hbri_p_former", 404),
            ("hbri_p_other", 404),
            ("hbri_p_suspended", 404),
        ):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertEqual(self.url_open(url).status_code, status)
                response = self._post(f"{url}/approve", fingerprint="x", signature="x")
                if status == 404:
                    self.assertEqual(response.status_code, 404)
        self.assertFalse(self.cs_awaiting.consent_ids)

    def test_rsvp_of_someone_else_refused(self):
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        other = self.upcoming_attendees.filtered(lambda a: a.partner_id == self.rep_ngo)
        self.assertEqual(self._post(f"/my/roundtable/rsvp/{other.id}/accept").status_code, 404)
        self.assertEqual(other.state, "invited")

    def test_session_card(self):
        """Venue, online link, host, dates in the reader's language; what awaits the member first, past sessions
        newest first; the answer shown."""
        older = datetime(2024, 6, 4, 2, 0)
        older_session = self.env["hbri.roundtable.session"].create(
            {"name": "Older Roundtable", "date_start": older, "date_end": older + timedelta(hours=2)}
        )
        self.env["hbri.session.attendee"].create({"session_id": older_session.id, "partner_id": self.rep_company.id})
        older_session.state = "held"
        start = self.upcoming.date_start + timedelta(days=-10)
        answered_session = self.env["hbri.roundtable.session"].create(
            {
                "name": "Answered Roundtable",
                "date_start": start,
                "date_end": start + timedelta(hours=2),
                "is_additional": True,  # ten days before Upcoming Roundtable: often its quarter
            }
        )
        answered = self.env["hbri.session.attendee"].create(
            {"session_id": answered_session.id, "partner_id": self.rep_company.id, "state": "accepted"}
        )
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        page = self.url_open("/my/roundtable").text
        for text in ("Hotel Sahid", "Jl. Sudirman 86", "https://meet.example.com/hbri-q3", "Host: </strong>"):
            self.assertIn(text, page)
        self.assertIn("PT Uji Coba", page.split("Host: </strong>")[1][:200])
        # the unanswered invitation comes first although the answered one is earlier
        self.assertLess(page.index("Upcoming Roundtable"), page.index("Answered Roundtable"))
        self.assertIn("Not answered yet", page)
        self.assertNotIn(">Invited<", page)
        self.assertIn(f"o_hbri_attendee_{answered.id}", page)
        card = page.split(f"o_hbri_attendee_{answered.id}")[1].split("o_hbri_invitation")[0]
        self.assertIn('aria-pressed="true"', card.split("o_hbri_decline")[0])
        # past sessions: newest first
        self.assertLess(page.index("Past Roundtable"), page.index("Older Roundtable"))
        # English dates everywhere: the session's (Indonesian by default) and the membership's
        self.assertIn("4 March 2025", page)
        self.assertIn("1 January 2020", page)
        self.assertNotIn("Selasa", page)
        self.assertNotIn("01/01/2020", page)

    def test_past_sessions_listed_as_rows(self):
        """A past session is a row: its day in the session's time zone, its name, host and the member's answer,
        the summary once released; not the venue, online link nor agenda of a meeting gone by."""
        archive = self.env["res.partner"].create({"name": "Gedung Arsip", "street": "Jl. Lama 1", "city": "Bogor"})
        start = datetime(2024, 6, 4, 17, 30)  # 5 June 2024, 00:30 in Jakarta
        older = self.env["hbri.roundtable.session"].create(
            {
                "name": "Older Roundtable",
                "date_start": start,
                "date_end": start + timedelta(hours=2),
                "venue_partner_id": archive.id,
                "online_url": "https://meet.example.com/older",
                "agenda": "<p>OLDER-AGENDA</p>",
                "host_partner_id": self.org_ngo.id,
            }
        )
        unanswered = self.env["hbri.session.attendee"].create(
            {"session_id": older.id, "partner_id": self.rep_company.id}
        )
        older.state = "held"
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        page = self.url_open("/my/roundtable").text
        past = page.split('id="hbri_past"')[1]
        row = past.split(f"o_hbri_attendee_{unanswered.id} ")[1].split("</tr>")[0]
        self.assertIn("5 June 2024", row)
        self.assertIn("Older Roundtable", row)
        self.assertIn(self.org_ngo.name, row)
        self.assertRegex(row, r"o_hbri_answer[^>]*>No answer<")
        self.assertNotIn("o_hbri_summary", row)
        for text in ("Gedung Arsip", "meet.example.com/older", "OLDER-AGENDA"):
            self.assertNotIn(text, page)
        attended = self.past_attendees.filtered(lambda a: a.partner_id == self.rep_company)
        row = past.split(f"o_hbri_attendee_{attended.id} ")[1].split("</tr>")[0]
        self.assertRegex(row, r"o_hbri_answer[^>]*>Attended<")
        # a session without a host keeps its (empty) host cell: the answer stays under "Your answer"
        self.assertFalse(self.past.host_partner_id)
        self.assertEqual(row.count("<td"), 5, row)
        self.assertIn(f'href="/my/roundtable/summary/{attended.id}"', row)

    def test_home_card(self):
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        page = self.url_open("/my").text
        self.assertIn("/hbri_partnership/static/src/img/hbri_roundtable.svg", page)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["hbri_roundtable_count"]})
        self.assertEqual(counters["hbri_roundtable_count"], 1)
        self.authenticate("hbri_p_former", "hbri_p_former")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["hbri_roundtable_count"]})
        self.assertEqual(counters["hbri_roundtable_count"], 0)
        self.assertEqual(
            self.url_open(f"/my/roundtable/toolkit/{self.kit.id}/{self.kit.sudo().attachment_ids.id}").status_code,
            404,
        )

    def test_rpc_over_http(self):
        """The same through the JSON-RPC endpoint of the web client."""
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        response = self.url_open(
            "/web/dataset/call_kw/hbri.case.study/search_read",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": "hbri.case.study",
                    "method": "search_read",
                    "args": [[]],
                    "kwargs": {"fields": ["state"]},
                },
            },
        ).json()
        self.assertEqual({row["id"] for row in response["result"]}, set((self.cs_awaiting | self.cs_published).ids))
        with self.assertLogs("odoo.http", level="WARNING"):
            response = self.url_open(
                "/web/dataset/call_kw/hbri.case.study/read",
                json={
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "hbri.case.study",
                        "method": "read",
                        "args": [self.cs_published_ngo.ids, ["background"]],
                        "kwargs": {},
                    },
                },
            ).json()
        self.assertIn("error", response)
        self.assertNotIn("NGO published", str(response))
