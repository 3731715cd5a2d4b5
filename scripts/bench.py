# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of hbri_partnership against the closest operations of Odoo itself, run by ``scripts/hbri bench``.

For each of ``--sizes``, ``--database`` is recreated as a copy of ``--template`` (the addons, event, website_event
and project installed without demo data) and filled by :class:`DataGenerator`; then each of :data:`OPERATIONS`
is measured as each of its users, ours next to Odoo's: SQL queries and wall time of runs that each have their own
cursor and empty caches, as a web request, and are rolled back. The first run of a side is checked: a wrong
result fails the benchmark. To add an operation, append an :class:`Operation` to :data:`OPERATIONS` (data it
needs goes in a step of :data:`DATA_STEPS`). With ``--reuse`` (one size), ``--database`` was filled earlier and is
only read back (:func:`load_data`) and measured. ``--anonymizer`` measures the anonymization engine alone, on
generated rows without a database (:func:`bench_engine`). Hand-written: benchmark libraries (pytest-benchmark,
asv) time a function, not an operation's queries, messages and result as each user next to Odoo's own.
"""

import argparse
import ast
import dataclasses
import functools
import gc
import importlib.util
import io
import json
import logging
import math
import os
import random
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

import pytz
import requests
from dateutil.relativedelta import relativedelta
from lxml import etree
from markupsafe import Markup

import odoo
import odoo.service.db
import odoo.service.server
from odoo import SUPERUSER_ID, api, fields
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config, split_every

_logger = logging.getLogger("hbri_bench")

# Contexts of bulk creation: no chatter message, no tracking values, no follower subscription.
BULK_CONTEXT = dict.fromkeys(("tracking_disable", "mail_create_nolog", "mail_create_nosubscribe", "mail_notrack"), True)
CHUNK = 5000  # values per create() call of the generator
# hbri.membership's overlap constraint compares every membership of a batch with every other one (quadratic):
# 5,000 at once take a minute, 1,000 three seconds
MEMBERSHIP_CHUNK = 1000
ORGANIZATION_PREFIX = "Bench Org"
PORTAL_PASSWORD = "bench-portal-password"
# The five sectors that may attend the roundtable: the share of the organizations in each, their names' prefix.
SECTORS = [f"hbri_partnership.hbri_sector_{key}" for key in ("business", "ngo", "academia", "donor", "facilitator")]
SECTOR_WEIGHTS = dict(zip(SECTORS, (45, 28, 14, 9, 4), strict=True))
SECTOR_PREFIX = dict(zip(SECTORS, ("PT", "Yayasan", "Universitas", "Foundation", "Fasilitator"), strict=True))
# The regional series of quarterly sessions: (city, time zone), in this order.
REGIONS = [
    (city, f"Asia/{zone}")
    for zone, cities in (
        ("Jakarta", "Jakarta Bandung Semarang Yogyakarta Surabaya Malang Medan Padang Palembang Pekanbaru"),
        ("Pontianak", "Pontianak"),
        ("Makassar", "Banjarmasin Samarinda Balikpapan Denpasar Mataram Kupang Makassar Manado"),
        ("Jayapura", "Jayapura"),
    )
    for city in cities.split()
]
FOREIGN_COUNTRIES = ["SG", "AU", "NL", "US", "JP", "GB"]
FOUNDERS_START = date(2019, 1, 2)  # only the founding members hold a membership before 2020
INVITE_DAY = datetime(2019, 6, 11, 2, 0)  # 09:00 in Jakarta: the fresh session of the "invite" operation
TOPICS = [
    "Community health workers and a cooperative's payroll",
    "Cold chain for vaccines on the outer islands",
    "Maternal health vouchers with a mobile operator",
    "Tuberculosis screening in garment factories",
    "Nutrition in school canteens",
    "Clean water and sanitation with village enterprises",
    "Telemedicine for remote health posts",
    "Dengue prevention with local government",
]
SENTENCES = [
    "The partners met at a roundtable session and agreed to pool their resources for the district.",
    "Each organization brought what it does best: reach, funding, research or local trust.",
    "The first months went to mapping needs with the district health office and the village heads.",
    "A steering group of four people met every month and kept a shared log of decisions.",
    "Field teams were trained over two weeks, with refresher sessions every quarter.",
    "Data were collected on tablets and reviewed together before each steering meeting.",
    "Costs were shared according to a simple formula agreed in writing at the start.",
    "Coverage rose steadily in the second year, once the referral routes were clear to everyone.",
    "Community leaders asked for the programme to be extended to the neighbouring sub-districts.",
    "Staff turnover at the health posts slowed the work and required repeated training.",
    "Procurement rules of the public partner took longer than planned to accommodate.",
    "Regular, honest reporting of setbacks kept the partners committed through the difficult phases.",
    "The evaluation compared twelve villages with the programme and twelve without it.",
    "The next phase hands the day-to-day management over to the district.",
]
SECTION_FIELDS = ("background", "formation", "implementation", "results", "challenges", "lessons", "next_steps")
ORGANIZATION_SENTENCE = "{name} coordinated the field work and reported to the roundtable."
QUARTERS = 20  # five years of quarterly sessions
WARM_UP_LIMIT = 1.0  # seconds: a first run shorter than this is a warm-up, not measured
HTTP_URL = {"url": ""}  # of the HTTP server of this process
STYLESHEET_LOADS = {"count": 0}  # stylesheets it served


# ---------------------------------------------------------------------------------------------- data


@dataclass
class Plan:
    """How much data one size generates (see :func:`plan_for`)."""

    size: int  # organizations, each with one membership
    series: int  # regional series of sessions, one session a quarter each
    attendees: tuple[int, int]  # attendees per session, drawn at random in this range
    invited: int  # active representatives of the founding members: the "invite" operation invites them all


def plan_for(size):
    """From 1,000 organizations on: 20 series of 20 quarterly sessions of 200-500 attendees, 500 founding
    representatives. Below, everything shrinks with the size: a smoke test (``--sizes 100``) stays quick."""
    if size >= 1000:
        return Plan(size, len(REGIONS), (200, 500), 500)
    factor = size / 1000
    attendees = (max(2, round(200 * factor)), max(4, round(500 * factor)))
    return Plan(size, max(1, round(len(REGIONS) * factor)), attendees, max(2, round(500 * factor)))


@dataclass
class BenchData:
    """Identifiers of the generated records, shared by the data steps and the operations."""

    plan: Plan
    today: date
    organization_ids: list[int] = field(default_factory=list)
    representatives: dict[int, list[int]] = field(default_factory=dict)  # organization id: active representatives
    founder_ids: list[int] = field(default_factory=list)  # organizations whose membership started in 2019
    memberships: dict[int, tuple[str, date, date | None]] = field(default_factory=dict)  # org: (state, start, end)
    guideline_id: int = 0
    session_ids: list[int] = field(default_factory=list)
    attendee_count: int = 0
    attended: dict[int, list[int]] = field(default_factory=dict)  # session id: people who attended
    presentations: list[tuple] = field(default_factory=list)  # (id, session id, organization, presenter, topic)
    case_study_ids: list[int] = field(default_factory=list)
    users: dict[str, int] = field(default_factory=dict)  # label: user id
    portal_rows: int = 0  # rows /my/roundtable lists for the portal user (as many tasks on /my/tasks)

    @property
    def invited_partner_ids(self):
        """The active representatives of the founding members (exactly ``plan.invited`` people)."""
        return [rep for org in self.founder_ids for rep in self.representatives[org]]


def workflow_write():
    """The addon's context manager under which generated data writes workflow states as the workflow's own actions
    do (imported when first used: odoo.addons holds the addon once the configuration is parsed)."""
    from odoo.addons.hbri_partnership.models.hbri_workflow_mixin import workflow_write

    return workflow_write()


def serve_reports(env):
    """wkhtmltopdf loads the reports' stylesheets, and the pages link, to this run's HTTP server."""
    for key in ("report.url", "web.base.url"):
        env["ir.config_parameter"].set_param(key, HTTP_URL["url"])


def paragraphs(rng, count, name=None):
    """``count`` paragraphs of four to six sentences (HTML); the organization's name in the first one."""
    texts = []
    for index in range(count):
        sentences = rng.sample(SENTENCES, rng.randint(4, 6))
        if name and index == 0:
            sentences.insert(1, ORGANIZATION_SENTENCE.format(name=name))
        texts.append(Markup("<p>%s</p>") % " ".join(sentences))
    return Markup("").join(texts)


def named_sections(rng, mentions):
    """The seven sections of a case study of about ten printed pages (~30,000 characters): paragraphs of five
    sentences, one of them naming one of ``mentions``."""
    sections = {}
    for section in SECTION_FIELDS:
        texts = []
        while sum(len(t) for t in texts) < 4300:
            sentences = rng.sample(SENTENCES, 5)
            sentences.insert(2, ORGANIZATION_SENTENCE.format(name=rng.choice(mentions)))
            texts.append(Markup("<p>%s</p>") % " ".join(sentences))
        sections[section] = Markup("").join(texts)
    return sections


def traced(function):
    """``function()`` under tracemalloc: its result, then the Python memory still held after it and its peak."""
    tracemalloc.start()
    try:
        result = function()
        gc.collect()
        return result, *tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()


class DataGenerator:
    """Generates the data of one size with batched ORM creates, deterministically (the random generator is
    seeded with the size)."""

    def __init__(self, env, plan):
        self.env = env(context=dict(env.context, **BULK_CONTEXT))
        self.rng = random.Random(plan.size)
        self.data = BenchData(plan=plan, today=fields.Date.context_today(self.env["res.partner"]))

    def run(self):
        cr = self.env.cr
        for name, step in DATA_STEPS:
            started = time.perf_counter()
            step(self)
            self.env.flush_all()
            cr.commit()  # and empties the caches
            _logger.info("data step %s done in %.1f s", name, time.perf_counter() - started)
            print(f"    {name:<28} {time.perf_counter() - started:7.1f} s", flush=True)
        cr.execute("ANALYZE")
        cr.commit()
        return self.data

    def create(self, model, vals_list, chunk_size=CHUNK, context=None):
        """create() in chunks of ``chunk_size`` values (with ``context`` added); returns the ids."""
        ids = []
        records = self.env[model].with_context(**(context or {}))
        for chunk in split_every(chunk_size, vals_list, list):
            ids += records.create(chunk).ids
            self.env.invalidate_all()  # flushed first; keeps the memory flat for the large sizes
        return ids

    def add_user(self, label, groups, **vals):
        """User ``bench_<label>`` (:attr:`BenchData.users`: ``label``) in ``groups`` (xml ids), with ``vals``."""
        group_ids = [self.env.ref(xmlid).id for xmlid in groups]
        user = self.env["res.users"].create({"login": f"bench_{label}", "group_ids": [Command.set(group_ids)], **vals})
        self.data.users[label] = user.id

    # ------------------------------------------------------------------ steps
    def step_users(self):
        """The users of the measured operations besides the administrator."""
        users = {
            # a reader of the roundtable (hbri User): the restricted user of the reading operations
            # (with Odoo's export right, for web's list export they are compared with)
            "staff": ["hbri_partnership.hbri_partnership_group_user", "base.group_allow_export"],
            # a session facilitator: the other restricted user of the reading operations
            "facilitator": ["hbri_partnership.hbri_partnership_group_facilitator", "base.group_allow_export"],
            # who clicks "Invite members"; registers event attendees too
            "secretariat": ["hbri_partnership.hbri_partnership_group_secretariat", "event.group_event_user"],
        }
        for login, groups in users.items():
            self.add_user(login, groups, name=f"Bench {login.title()}", email=f"bench_{login}@hbri.example")
        self.data.users["admin"] = self.env.ref("base.user_admin").id
        # the event's registration e-mail attaches a PDF ticket rendered by wkhtmltopdf for each attendee; our
        # invitation attaches one calendar file: compare the e-mails without the ticket
        self.env.ref("event.event_subscription").report_template_ids = [Command.clear()]
        serve_reports(self.env)
        self.env["ir.config_parameter"].set_param("web.base.url.freeze", True)

    def step_guidelines(self):
        vals = {"name": "Participation Guidelines", "version": "1.0", "date_effective": FOUNDERS_START}
        self.data.guideline_id = self.env["hbri.guideline"].create(vals).id

    def step_organizations(self):
        rng, plan = self.rng, self.data.plan
        indonesia = self.env.ref("base.id")
        provinces = self.env["res.country.state"].search([("country_id", "=", indonesia.id)]).ids
        foreign = self.env["res.country"].search([("code", "in", FOREIGN_COUNTRIES)]).ids
        sectors = [self.env.ref(xmlid).id for xmlid in SECTOR_WEIGHTS]
        prefixes = list(SECTOR_PREFIX.values())
        vals_list = []
        for index in range(plan.size):
            sector = rng.choices(range(len(sectors)), weights=list(SECTOR_WEIGHTS.values()))[0]
            local = rng.random() < 0.9
            city = rng.choice(REGIONS)[0] if local else "Overseas"
            vals_list.append(
                {
                    "name": f"{prefixes[sector]} {ORGANIZATION_PREFIX} {index:06d}",
                    "is_company": True,
                    "hbri_sector_id": sectors[sector],
                    "country_id": indonesia.id if local else rng.choice(foreign),
                    "state_id": rng.choice(provinces) if local else False,
                    "city": city,
                    "street": f"Jalan Bench {index}",
                    "email": f"info@org{index:06d}.example",
                    "phone": f"+62 21 {index:07d}",
                }
            )
        self.data.organization_ids = self.create("res.partner", vals_list)

    def step_representatives(self):
        """One or two representatives an organization (a primary, an alternate); the founding members get
        exactly ``plan.invited`` of them, all active."""
        rng, data = self.rng, self.data
        # res.partner's create copies the organization's address and commercial fields (its sector) into each
        # new contact with one write a contact, each searching the records that depend on them (0.1 s a contact
        # under load, 70,000 contacts at 50k): the contacts get them with their values instead, and the copy is
        # skipped, as Odoo's import does
        inherited = {
            org.id: {**org._get_commercial_values(), **org._get_address_values()}
            for org in self.env["res.partner"].browse(data.organization_ids)
        }
        vals_list, owners = [], []
        founders_reps = 0
        for index, org in enumerate(data.organization_ids):
            count = 2 if rng.random() < 0.4 else 1
            founder = founders_reps < data.plan.invited
            if founder:
                count = min(count, data.plan.invited - founders_reps)
                founders_reps += count
                data.founder_ids.append(org)
            for rank in range(count):
                active = founder or rank == 0 or rng.random() > 0.05
                vals_list.append(
                    {
                        **inherited[org],
                        "name": f"Representative {index:06d}-{rank}",
                        "parent_id": org,
                        "email": f"rep{rank}@org{index:06d}.example",
                        "function": "Director" if rank == 0 else "Programme Manager",
                        "hbri_representative_role": "primary" if rank == 0 else "alternate",
                        "hbri_representative_active": active,
                    }
                )
                owners.append((org, active))
        ids = self.create("res.partner", vals_list, context={"_partners_skip_fields_sync": True})
        for (org, active), rep in zip(owners, ids, strict=True):
            if active:  # every organization's primary is
                data.representatives.setdefault(org, []).append(rep)

    def step_memberships(self):
        """One membership an organization: founders active since 2019; the others started 2020-2026, most
        active (guidelines accepted), a few suspended, ended, withdrawn or still draft."""
        rng, data = self.rng, self.data
        today = data.today
        founders = set(data.founder_ids)
        vals_list = []
        for org in data.organization_ids:
            start = date(2020, 1, 1) + timedelta(days=rng.randrange((date(2026, 6, 30) - date(2020, 1, 1)).days))
            end = None
            roll = rng.random()
            if org in founders:
                state, start = "active", FOUNDERS_START
            elif roll < 0.85:
                state = "active"
                if rng.random() < 0.3:  # a fixed term, ending in the coming years (1% within 30 days)
                    days = rng.randrange(1, 30) if rng.random() < 0.03 else rng.randrange(31, 3 * 365)
                    end = today + timedelta(days=days)
            elif roll < 0.89:
                state = "suspended"
            elif roll < 0.98:  # ended (6 %) after one or two years, or withdrawn (3 %) within two
                state, span = ("ended", (365, 730)) if roll < 0.95 else ("withdrawn", (200, 700))
                start = min(start, today - timedelta(days=800))
                end = start + timedelta(days=rng.randrange(*span))
            else:
                state, start = "draft", today + timedelta(days=rng.randrange(1, 90))
            vals = {"partner_id": org, "date_start": start, "date_end": end, "state": state}
            if state != "draft":
                vals.update(
                    guideline_id=data.guideline_id, accepted_by_id=data.representatives[org][0], date_accepted=start
                )
            if state == "withdrawn":
                vals.update(withdraw_reason="Changed priorities", date_withdrawn=end)
            vals_list.append(vals)
            data.memberships[org] = (state, start, end)
        self.create("hbri.membership", vals_list, chunk_size=MEMBERSHIP_CHUNK)

    def step_sessions(self):
        """Five years of quarterly sessions in each regional series, all held (the last quarter's) or closed."""
        data = self.data
        current = date(data.today.year, 3 * ((data.today.month - 1) // 3) + 1, 1)  # the current quarter's first day
        quarters = [current - relativedelta(months=3 * n) for n in range(QUARTERS, 0, -1)]  # the last full ones
        vals_list = []
        for quarter in quarters:
            for index, (city, tz) in enumerate(REGIONS[: data.plan.series]):
                month = quarter + relativedelta(months=1)  # second month of the quarter
                tuesday = month + timedelta(days=(1 - month.weekday()) % 7 + 7 + 7 * (index % 3))
                local = pytz.timezone(tz).localize(datetime.combine(tuesday, datetime.min.time()).replace(hour=9))
                start = local.astimezone(pytz.utc).replace(tzinfo=None)
                vals_list.append(
                    {
                        "name": f"{city} Roundtable {quarter.year}-Q{(quarter.month - 1) // 3 + 1}",
                        "date_start": start,
                        "date_end": start + timedelta(hours=3),
                        "tz": tz,
                        "state": "held" if quarter == quarters[-1] else "closed",
                        "online_url": f"https://meet.example/{city.lower()}",
                        # one roundtable a quarter; the other regional series are confirmed as additional
                        "is_additional": index > 0,
                    }
                )
        # history, not a measured operation: with hbri_partnership_survey installed, every attendee marked attended
        # would be sent an evaluation (about 100,000 e-mails and survey answers a size); without it, no such field
        no_survey = {"default_evaluation_survey_id": False}
        data.session_ids = self.create("hbri.roundtable.session", vals_list, context=no_survey)

    def step_attendees(self):
        """200-500 attendees a session, drawn from the active representatives of the organizations whose
        membership (active, or since ended or withdrawn) covered the session's day."""
        rng, data = self.rng, self.data
        sessions = self.env["hbri.roundtable.session"].browse(data.session_ids)
        attending = ("active", "ended", "withdrawn")
        orgs = [(org, start, end) for org, (state, start, end) in data.memberships.items() if state in attending]
        states = ["attended"] * 70 + ["absent"] * 15 + ["declined"] * 15
        vals_list = []
        for session in sessions:
            day = session.date_start.date()
            pool = [
                rep
                for org, start, end in orgs
                if start <= day and (end is None or end >= day)
                for rep in data.representatives[org]
            ]
            count = min(rng.randint(*data.plan.attendees), len(pool))
            for partner in rng.sample(pool, count):
                state = rng.choice(states)
                if state == "attended":
                    data.attended.setdefault(session.id, []).append(partner)
                vals_list.append(
                    {
                        "session_id": session.id,
                        "partner_id": partner,
                        "role": "member",
                        "state": state,
                        "invitation_sent": True,
                        "date_answered": session.date_start - timedelta(days=7) if state != "absent" else False,
                    }
                )
        data.attendee_count = len(self.create("hbri.session.attendee", vals_list))

    def step_presentations(self):
        """One or two presentations a session, each by an organization that attended it, presented by the
        person who came; a short public abstract."""
        rng, data = self.rng, self.data
        organization_of = {rep: org for org, reps in data.representatives.items() for rep in reps}
        vals_list, owners = [], []
        for session_id in data.session_ids:
            attended = data.attended.get(session_id, [])
            for person in rng.sample(attended, min(len(attended), rng.choice((1, 2, 2)))):
                organization = organization_of[person]
                topic = rng.choice(TOPICS)
                vals_list.append(
                    {
                        "name": f"{topic} in {rng.choice(REGIONS)[0]}",
                        "session_id": session_id,
                        "sequence": 10 * (len(owners) % 2 + 1),
                        "duration": rng.choice((20.0, 30.0, 45.0)),
                        "presenting_partner_ids": [Command.set([organization])],
                        "presenter_ids": [Command.set([person])],
                        "abstract_formation": paragraphs(rng, 1),
                        "abstract_implementation": paragraphs(rng, 1),
                        "abstract_results": paragraphs(rng, 1),
                    }
                )
                owners.append((session_id, organization, person, topic))
        ids = self.create("hbri.presentation", vals_list, chunk_size=1000)
        data.presentations = [(pid, *owner) for pid, owner in zip(ids, owners, strict=True)]

    def step_case_studies(self):
        """A case study for one presentation in three, approved or published, with a few paragraphs in each of
        its seven sections (about five printed pages); half of them with the presenting organization's consent
        to be named (the others print anonymized: every name replaced)."""
        rng, data = self.rng, self.data
        studied = data.presentations[::3]
        partners = self.env["res.partner"].browse({organization for _p, _s, organization, _r, _t in studied})
        names = {partner.id: partner.name for partner in partners}
        vals_list, consents = [], []
        for presentation_id, session_id, organization, person, topic in studied:
            published = rng.random() < 0.8
            vals = {
                "name": f"{topic}: a case study",
                "session_id": session_id,
                "presentation_ids": [Command.set([presentation_id])],
                "partner_ids": [Command.set([organization])],
                "period": f"{rng.randrange(2019, 2025)}-{rng.randrange(2025, 2027)}",
                "key_figures": f"{rng.randrange(3, 40)} clinics, {rng.randrange(1, 30) * 1000} people reached",
                "state": "published" if published else "approved",
                "date_published": data.today if published else False,
                "print_language": "en_US",
            }
            for section in SECTION_FIELDS:
                vals[section] = paragraphs(rng, rng.randint(2, 4), names[organization])
            vals_list.append(vals)
            consents.append({"partner_id": organization, "representative_id": person} if rng.random() < 0.5 else None)
        # generated data: states and consents written directly, as the workflow's own actions do
        scope = {"version": 1, "scope_name": True, "scope_publish": True}
        with workflow_write():
            ids = self.create("hbri.case.study", vals_list, chunk_size=500)
            consent_vals = [
                dict(consent, case_study_id=id_, **scope) for id_, consent in zip(ids, consents, strict=True) if consent
            ]
            self.create("hbri.consent", consent_vals)
        data.case_study_ids = ids

    def step_website_events(self):
        """Published events on the website, one for ten case studies (at least 30): the website_event pages the
        case-study library is compared with."""
        count = max(30, len(self.data.case_study_ids) // 10)
        start = datetime.combine(self.data.today, datetime.min.time()) + timedelta(days=7, hours=2)
        self.create(
            "event.event",
            [
                {
                    "name": f"{TOPICS[index % len(TOPICS)]} ({index + 1})",
                    "date_begin": start + timedelta(days=index),
                    "date_end": start + timedelta(days=index, hours=3),
                    "website_published": True,
                    "event_mail_ids": [Command.clear()],
                }
                for index in range(count)
            ],
        )

    def step_portal_user(self):
        """A portal user for the first founding member's primary representative (invited to the sessions)."""
        rep = self.data.representatives[self.data.founder_ids[0]][0]
        self.add_user("portal", ["base.group_portal"], password=PORTAL_PASSWORD, partner_id=rep)

    def step_portal_tasks(self):
        """A project shared with the portal user's organization (project's portal), with as many tasks as
        /my/roundtable lists rows for that user: Odoo's own list-like portal page /my/tasks compared with ours."""
        env, data = self.env, self.data
        portal_partner = env["res.users"].browse(data.users["portal"]).partner_id
        # shared as project's "Share Project" wizard does: the portal user a collaborator (tasks readable and editable)
        share = [Command.create({"partner_id": portal_partner.id})]
        vals = {"name": "Shared roundtable follow-up", "privacy_visibility": "portal", "collaborator_ids": share}
        project = env["project.project"].create(vals)
        project.message_subscribe(partner_ids=portal_partner.ids)
        data.portal_rows = portal_row_count(env, data)
        names = [f"{TOPICS[index % len(TOPICS)]}: follow-up {index + 1}" for index in range(data.portal_rows)]
        self.create("project.task", [{"name": name, "project_id": project.id} for name in names])


def portal_row_count(env, data):
    """The rows /my/roundtable shows the portal user: its open invitations to coming sessions, a page of past
    sessions, the case studies of its organization it may read and the released toolkits."""
    from odoo.addons.hbri_partnership.controllers import portal

    as_portal = env(user=data.users["portal"])
    Attendee, Toolkit = as_portal["hbri.session.attendee"], as_portal["hbri.toolkit"]
    upcoming = [("session_id.state", "in", portal.UPCOMING_SESSION_STATES), ("state", "in", portal.ANSWERABLE_STATES)]
    past = min(Attendee.search_count([("session_id.state", "in", portal.PAST_SESSION_STATES)]), portal.PAST_PAGE_SIZE)
    case_studies = as_portal["hbri.case.study"].search_count([("state", "in", ("awaiting", "published"))])
    return Attendee.search_count(upcoming) + past + case_studies + Toolkit.search_count([])


DATA_STEPS = [
    (name, getattr(DataGenerator, f"step_{name.replace(' ', '_')}"))
    for name in ("users", "guidelines", "organizations", "representatives", "memberships", "sessions", "attendees")
    + ("presentations", "case studies", "portal user", "portal tasks", "website events")
]


def load_data(env, plan):
    """With ``--reuse``: the :class:`BenchData` of a database the generator filled earlier, read back from it
    (what the operations use; the generator's own lists, presentations and attendances, are left empty)."""
    Partner, data = env["res.partner"].with_context(active_test=False), BenchData(plan=plan, today=date.today())
    generated = [("is_company", "=", True), ("name", "like", f"% {ORGANIZATION_PREFIX} %")]
    organizations = Partner.search(generated, order="id")  # as many as plan.size: checked by update_reused()
    data.organization_ids = organizations.ids
    founders = env["hbri.membership"].search([("date_start", "=", FOUNDERS_START)], order="partner_id").partner_id
    data.founder_ids = [org.id for org in organizations if org in founders]
    active = [("parent_id", "in", organizations.ids), ("hbri_representative_active", "=", True)]
    for rep in Partner.search(active, order="id"):
        data.representatives.setdefault(rep.parent_id.id, []).append(rep.id)
    data.session_ids = env["hbri.roundtable.session"].search([], order="id").ids
    data.attendee_count = env["hbri.session.attendee"].search_count([])
    data.case_study_ids = env["hbri.case.study"].search([], order="id").ids
    users = env["res.users"].with_context(active_test=False).search([("login", "=like", "bench\\_%")])
    data.users = {user.login.removeprefix("bench_"): user.id for user in users}
    data.users["admin"] = env.ref("base.user_admin").id
    data.portal_rows = portal_row_count(env, data)
    serve_reports(env)  # this run's HTTP server
    return data


def update_reused(database, size):
    """With ``--reuse``, before anything changes: ``database`` holds the ``size`` organizations the generator made
    (else the error, and nothing changed); then its installed hbri_partnership* addons are updated to the working
    tree, as ``odoo-bin -u`` would."""
    if not odoo.service.db.exp_db_exist(database):
        return f"--reuse: database {database} does not exist"
    with closing(odoo.sql_db.db_connect(database).cursor()) as cr:
        cr.execute("SELECT count(*) FROM res_partner WHERE is_company AND name LIKE %s", [f"% {ORGANIZATION_PREFIX} %"])
        if (count := cr.fetchone()[0]) != size:
            return f"--reuse: {database} holds {count} generated organizations, not {size}"
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed' AND name LIKE 'hbri\\_partnership%%'")
        addons = [name for (name,) in cr.fetchall()]
    print(f"updating {', '.join(addons)} in {database} (Odoo's log)")
    Registry.new(database, update_module=True, upgrade_modules=addons)
    return None


# ---------------------------------------------------------------------------------------------- operations


@dataclass
class Side:
    """One side of an operation: ``prepare(env, data)``, unmeasured, returns what ``run(env, prepared)`` needs;
    ``run`` and the flush after it are measured. The first run is checked, ``check(env, prepared, result)``
    returning what is wrong or None, and described by ``describe`` (same arguments)."""

    label: str
    run: Callable[[api.Environment, Any], Any]
    prepare: Callable[[api.Environment, BenchData], Any] = lambda env, data: None
    check: Callable[[api.Environment, Any, Any], str | None] = lambda env, prepared, result: None
    describe: Callable[[api.Environment, Any, Any], str] = lambda env, prepared, result: ""
    trace_memory: bool = False  # one more run, unmeasured, under tracemalloc: its peak of Python memory
    http: bool = False  # ``run`` requests this process's HTTP server: count the queries of every cursor


@dataclass
class Operation:
    """Ours next to Odoo's closest, as each of ``users`` (of :attr:`BenchData.users`, or "cron": the superuser)."""

    key: str
    label: str
    users: tuple[str, ...]
    ours: Side
    odoo: Side
    warm_up: bool = False  # always run once unmeasured first (PDF: the HTTP server builds the report's assets)


def mismatch(what, got, wanted):
    return None if got == wanted else f"{got} {what} instead of {wanted}"


# Fields the web client's widgets read besides their own (their ``fieldDependencies``/``relatedFields``).
ACTIVITY_FIELDS = ("exception_decoration", "exception_icon", "state", "summary", "type_icon", "type_id")
WIDGET_DEPENDENCIES = {"image": ["write_date"], "list_activity": [f"activity_{name}" for name in ACTIVITY_FIELDS]}
MEMBERS_DOMAIN = [("is_company", "=", True), ("hbri_membership_state", "=", "member")]  # action + default filter


def members_list_side(label, view_xmlid):
    """``web_search_read`` of 80 members with the specification the web client builds from the list view as
    ``get_views`` returns it to the user (getFieldsSpec in web's relational model)."""

    def spec(model, name, node=None):
        type_ = model._fields[name].type
        if type_ in ("many2one", "reference"):
            return {"fields": {"display_name": {}}}
        if type_ in ("one2many", "many2many") and node is not None and node.get("widget") == "many2many_tags":
            color = ast.literal_eval(node.get("options") or "{}").get("color_field")
            return {"fields": {"display_name": {}, **({color: {}} if color else {})}}
        return {}

    def prepare(env, data):
        view = env.ref(view_xmlid).sudo()  # the web client has the view's id from the action
        model, specs = env[view.model], {}
        arch = model.get_views([(view.id, "list")])["views"]["list"]["arch"]
        for node in etree.fromstring(arch).iterchildren("field"):
            specs[node.get("name")] = spec(model, node.get("name"), node)
            for dependency in WIDGET_DEPENDENCIES.get(node.get("widget"), []):
                specs.setdefault(dependency, spec(model, dependency))
        return env["res.partner"].with_context(bin_size=True), specs

    def run(env, prepared):
        return prepared[0].web_search_read(MEMBERS_DOMAIN, prepared[1], offset=0, limit=80, order="", count_limit=10001)

    return Side(label, run, prepare, lambda env, _p, result: mismatch("rows read", len(result["records"]), 80))


def recompute_commercial_partner(env, prepared):
    """Odoo's closest stored compute: commercial_partner_id, forced on the partners with a membership."""
    partners = env["res.partner"].search([("hbri_membership_ids", "!=", False)])
    env.add_to_compute(partners._fields["commercial_partner_id"], partners)
    partners.flush_recordset(["commercial_partner_id"])


def invite_session(env, data, attendees=False, held=False):
    """A fresh session on a day only the founding members held a membership: exactly plan.invited eligible,
    with ``attendees`` added as attendees (without e-mail), with ``held`` having accepted, the session held."""
    vals = {"name": "Bench Invitations", "date_start": INVITE_DAY, "date_end": INVITE_DAY + timedelta(hours=3)}
    # additional: the generated history holds a roundtable in that quarter
    session = env["hbri.roundtable.session"].create(vals | {"tz": "Asia/Jakarta", "is_additional": True})
    if attendees:
        session._add_member_representatives()
    if held:
        session.attendee_ids.write({"state": "accepted"})
        with workflow_write():  # generated history: held as Mark as Held would, without its date check
            session.state = "held"
    return session, len(data.invited_partner_ids)


def complete_session(env, data):
    """That session complete (an online link, its host confirmed): the invitations go at once, without asking."""
    session, expected = invite_session(env, data)
    vals = {"online_url": "https://meet.example/bench", "host_partner_id": data.founder_ids[0]}
    with workflow_write():  # the host confirmed as Confirm Host would, without recording a contribution
        session.write(vals | {"is_host_confirmed": True})
    return session, expected


def emails_queued(what, records, expected):
    """A check: ``expected`` records, and an e-mail queued for each."""
    mails = records.env["mail.mail"].sudo().search_count([("model", "=", records._name), ("res_id", "in", records.ids)])
    return mismatch(f"{what} and e-mails", (len(records), mails), (expected, expected))


def read_group_side(groupby):
    def run(env, prepared):
        return env["res.partner"].formatted_read_group([("is_company", "=", True)], groupby, ["__count"])

    return Side(f"by {', '.join(groupby)}", run)


def create_events(env, data, events, attendees=0):
    """``events`` events; with ``attendees`` registrations each (the founding representatives), no scheduled
    e-mail and no barcode (the attendee list would load a QR code image for each)."""
    start = datetime.combine(data.today + timedelta(days=60), datetime.min.time()).replace(hour=2)
    vals = {"date_begin": start, "date_end": start + timedelta(hours=3), "date_tz": "Asia/Jakarta"}
    created = env["event.event"].create([{"name": f"Bench Event {index}"} | vals for index in range(events)])
    if not attendees:
        return created
    created.event_mail_ids.unlink()
    people = data.invited_partner_ids
    registrations = env["event.registration"].create(
        [{"event_id": event.id, "partner_id": people[i % len(people)]} for event in created for i in range(attendees)]
    )
    registrations.write({"barcode": False})
    return created, registrations


def matrix_rows(env, session_ids):
    """Organizations in the attendance matrix of these sessions."""
    env.cr.execute(
        """SELECT count(DISTINCT organization_id) FROM hbri_session_attendee
            WHERE session_id IN %s AND organization_id IS NOT NULL AND role IN ('member', 'presenter', 'guest')""",
        (tuple(session_ids),),
    )
    return env.cr.fetchone()[0]


def sheet_size(content):
    """(rows, columns) of the first sheet of an XLSX file, header row included."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    sheet.reset_dimensions()
    rows = list(sheet.iter_rows())
    return len(rows), max((cell.column for row in rows for cell in row if cell.value is not None), default=0)


def xlsx_side(label, prepare, run, check):
    def describe(env, prepared, content):
        rows, columns = sheet_size(content)
        return f"{rows} rows x {columns} columns written, {len(content) / 1024:.0f} KiB"

    return Side(label, run, prepare, check, describe, trace_memory=True)


def check_attendance_export(env, session_ids, content):
    """Every organization of the matrix, and at most as many columns as sessions, the name and the rate."""
    (rows, columns), wanted = sheet_size(content), (matrix_rows(env, session_ids) + 1, len(session_ids) + 2)
    return None if rows == wanted[0] and columns <= wanted[1] else mismatch("rows x columns", (rows, columns), wanted)


# 22 fields of the Contacts list export: as many columns as the attendance matrix of 20 sessions
EXPORT_FIELDS = """name email phone street street2 city zip state_id country_id website function ref lang tz vat
    parent_id user_id company_id is_company active hbri_sector_id create_date"""


def prepare_list_export(env, data):
    """As many organizations as the attendance matrix has rows, and as many fields as it has columns, in the
    parameters web's export dialog posts to /web/export/xlsx."""
    rows, names = matrix_rows(env, data.session_ids[-20:]), EXPORT_FIELDS.split()
    partners = env["res.partner"].search([("is_company", "=", True)], limit=rows, order="id")
    fields_ = env["res.partner"].fields_get(names, ["string", "type"])
    return partners.ids, [{"name": n, "label": fields_[n]["string"], "type": fields_[n]["type"]} for n in names]


def run_list_export(env, prepared):
    """What web's ExcelExport controller does for a list export without groups: export_data(), then from_data()
    (its writer reads the request's environment)."""
    from odoo.addons.web.controllers.export import ExcelExport

    rows = env["res.partner"].with_context(import_compat=False).browse(prepared[0])
    rows = rows.export_data([f["name"] for f in prepared[1]]).get("datas", [])
    http_request = type("HttpRequest", (), {"environ": {"REMOTE_ADDR": "127.0.0.1"}})
    odoo.http._request_stack.push(type("Request", (), {"env": env, "db": None, "httprequest": http_request}))
    try:
        return ExcelExport().from_data(prepared[1], [f["label"].strip() for f in prepared[1]], rows)
    finally:
        odoo.http._request_stack.pop()


@dataclass
class PdfJob:
    ids: list[int]
    marker: str | None  # a text printed once per document or row; None: the PDF's text cannot be read back
    expected: int  # how many times the marker is printed
    min_pages: int  # pages at least
    stylesheets: int = 0  # stylesheets the HTTP server served during the rendering


def case_studies_job(count):
    def prepare(env, data):
        ids = data.case_study_ids[:count]
        return PdfJob(ids, "Key Facts", len(ids), 2 * len(ids))  # a title page and the text

    return prepare


def events_job(events, attendees):
    """``events`` events of ``attendees`` registrations; Odoo's reports draw their web font (Lato) as outlines with
    this wkhtmltopdf: pdftotext reads nothing, the pages are counted."""
    return lambda env, data: PdfJob(
        create_events(env, data, events, attendees)[0].ids, None, events * attendees, events
    )


def sign_in_job(env, data):
    session, expected = invite_session(env, data, attendees=True)
    return PdfJob(session.ids, "Representative ", expected, 1)


@functools.lru_cache(maxsize=1)
def pdf_text(content):
    """The text of a PDF (pdftotext) and its number of pages, read once for the check and the description."""
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True).stdout
    return text.decode(), text.count(b"\f")


def pdf_side(label, prepare, report="event.action_report_event_event_attendee_list"):
    """A print, checked: every document (or row) printed, and the stylesheet loaded (a wkhtmltopdf that cannot
    reach the HTTP server prints unstyled pages after a time-out)."""

    def run(env, job):
        before = STYLESHEET_LOADS["count"]
        content = env["ir.actions.report"]._render_qweb_pdf(report, job.ids)[0]
        job.stylesheets = STYLESHEET_LOADS["count"] - before
        return content

    def check(env, job, content):
        text, pages = pdf_text(content)
        if pages < job.min_pages:
            return f"{pages} pages instead of {job.min_pages} at least"
        if job.marker is not None and text.count(job.marker) != job.expected:
            return mismatch(f"times {job.marker!r} in the PDF", text.count(job.marker), job.expected)
        return None if job.stylesheets else "wkhtmltopdf loaded no stylesheet from the HTTP server"

    def describe(env, job, content):
        return f"{len(job.ids)} document(s), {pdf_text(content)[1]} pages, {len(content) / 1024:.0f} KiB"

    return Side(label, run, prepare, check, describe)


def prepare_anonymization_scan(env, data):
    """An anonymized case study of about ten printed pages (~30,000 characters over its seven sections) naming
    forty organizations and people of the database, some in short forms, honorifics or split by markup."""
    rng = random.Random(len(data.organization_ids))
    case_study = env["hbri.case.study"].browse(data.case_study_ids[0])
    organizations = env["res.partner"].browse(rng.sample(data.organization_ids, 20))
    people = organizations.child_ids[:20]
    mentions = [org.name for org in organizations] + [f"Ibu {p.name.split()[0]} {p.name.split()[-1]}" for p in people]
    sections = named_sections(rng, mentions)
    # a published case study's content cannot change, and consents cannot be deleted: back to draft (rolled
    # back with the run); the consents then no longer match its content, so it prints anonymized
    with workflow_write():
        case_study.write({"state": "draft"})
    case_study.write(sections)
    case_study.invalidate_recordset()
    return case_study


def run_anonymization_scan(env, case_study):
    """What printing or the gate does in a process that keeps no dictionary yet (a cold start, or the first
    request after a change was committed): build the dictionary of all organizations and people (in a cursor of
    its own), then the replacement and the residual scan of the rendered case study."""
    from odoo.addons.hbri_partnership.models import hbri_anonymizer

    hbri_anonymizer._DICTIONARIES.clear()
    started = time.perf_counter()
    dictionary = env["hbri.anonymizer"]._get_dictionary()
    built = time.perf_counter()
    values = case_study._get_print_values(dictionary=dictionary)
    hits = case_study._get_anonymization_hits(dictionary)[case_study.id]
    return dictionary, values, hits, built - started, time.perf_counter() - built


def check_anonymization_scan(env, case_study, result):
    text = " ".join(str(result[1][section]) for section in SECTION_FIELDS)
    if len(text) < 25000:
        return f"the case study has {len(text)} characters, not ten pages"
    return "an organization's name survived the anonymization" if ORGANIZATION_PREFIX in text else None


def describe_anonymization_scan(env, case_study, result):
    """The phases of the cold run, the memory of a build alone (peak, and what the kept dictionary holds), and
    a warm request: the same print and scan with the dictionary this process keeps."""
    dictionary, values, hits, build, scan = result
    warm = []
    for _run in range(3):
        env.invalidate_all()
        before, started = env.cr.sql_log_count, time.perf_counter()
        kept = env["hbri.anonymizer"]._get_dictionary()
        case_study._get_print_values(dictionary=kept)
        case_study._get_anonymization_hits(kept)
        warm.append((time.perf_counter() - started, env.cr.sql_log_count - before, kept is dictionary))
    warm_seconds, warm_queries, same = min(warm)
    _built, kept_bytes, peak_bytes = traced(env["hbri.anonymizer"]._build_dictionary)
    return (
        f"{len(dictionary.entities)} entities, {dictionary.counts['strong']} replaced forms, "
        f"{dictionary.counts['weak']} reported words; "
        f"{len(' '.join(str(values[section]) for section in SECTION_FIELDS))} characters scanned, "
        f"{len(hits)} residual hits; cold: build {build * 1000:.0f} ms (peak {peak_bytes / 2**20:.1f} MiB, the "
        f"dictionary holds {kept_bytes / 2**20:.1f} MiB), replacement and scan {scan * 1000:.0f} ms; warm request "
        f"(kept dictionary{'' if same else ', NOT the same object'}): {warm_seconds * 1000:.0f} ms, "
        f"{warm_queries} queries"
    )


def run_naive_replacement(env, case_study):
    """The replacement as it was: one regular expression per name of every organization and person, on the
    HTML source."""
    partners = env["res.partner"].with_context(active_test=False)
    partners = partners.search_fetch([("hbri_sector_id", "!=", False)], ["name"])
    names = sorted({p.name for p in partners if p.name}, key=len, reverse=True)
    result = {}
    for section in SECTION_FIELDS:
        text = str(case_study[section])
        for name in names:
            text = re.sub(re.escape(name), "a member", text, flags=re.IGNORECASE)
        result[section] = text
    return result


def page_side(label, path, marker, portal=False):
    """GET a page (``path``, or ``path(env)``) from this process's HTTP server, as the portal representative
    (logged in, unmeasured) or as an anonymous visitor: its queries run in the server's thread."""

    def prepare(env, data):
        session = requests.Session()
        if portal:
            login = {"db": env.cr.dbname, "login": "bench_portal", "password": PORTAL_PASSWORD}
            url = f"{HTTP_URL['url']}/web/session/authenticate"
            session.post(url, json={"params": login}, timeout=60).raise_for_status()
        return session, path if isinstance(path, str) else path(env)

    def check(env, prepared, response):
        if response.status_code != 200 or marker not in response.text:
            return f"GET {prepared[1]}: HTTP {response.status_code}, {marker!r} {'missing' if response.ok else ''}"
        return None

    return Side(label, lambda env, p: p[0].get(HTTP_URL["url"] + p[1], timeout=300), prepare, check, http=True)


def my_home_side():
    """``/my/home`` as a member sees it: the page, which reads no document, and the ``/my/counters`` calls its script
    makes at once to fill its cards, split as portal_home_counters.js splits them (at most 3, of 5 counters)."""
    page = page_side("/my/home + its /my/counters calls (the home as shown)", "/my/home", "o_portal_my_home", True)

    def run(env, prepared):
        response, counters = page.run(env, prepared), {}
        needed = re.findall(r'data-placeholder_count="([^"]+)"', response.text)
        step = math.ceil(len(needed) / min(math.ceil(len(needed) / 5), 3)) if needed else 1
        for start in range(0, len(needed), step):
            params = {"counters": needed[start : start + step]}
            reply = prepared[0].post(f"{HTTP_URL['url']}/my/counters", json={"params": params}, timeout=300)
            counters |= reply.json().get("result") or {}
        return response, needed, counters

    def check(env, prepared, result):
        response, needed, counters = result
        wrong = sorted(counters) != sorted(needed) or not needed
        problem = f"/my/counters answered {counters} for {needed}" if wrong else None
        return page.check(env, prepared, response) or problem

    return dataclasses.replace(page, run=run, check=check, describe=lambda env, p, result: f"counters: {result[2]}")


def first_path(model, domain, path):
    """``path(env, record)`` of the first record of ``model`` in ``domain``."""
    return lambda env: path(env, env[model].sudo().search(domain, limit=1, order="id"))


CASE_STUDY_PDF, EVENT_PDF = "hbri_partnership.action_report_hbri_case_study", "event's Attendee List (PDF) of {}"
MY_ROUNDTABLE = page_side("/my/roundtable", "/my/roundtable", "o_hbri_portal", portal=True)
READERS, SECRETARIAT = ("admin", "staff", "facilitator"), ("admin", "secretariat")
# fmt: off
OPERATIONS = [
    Operation("members_list", "members list (web_search_read, 80 rows)", READERS,
              members_list_side("hbri_member_view_list", "hbri_partnership.hbri_member_view_list"),
              members_list_side("Contacts list (base.view_partner_tree)", "base.view_partner_tree")),
    Operation("membership_cron", "membership states of all organizations", ("cron",),
              Side("_cron_update_memberships()", lambda env, _p: env["hbri.membership"]._cron_update_memberships()),
              Side("recompute commercial_partner_id", recompute_commercial_partner)),
    Operation("invite_members", "invite members (500 representatives)", SECRETARIAT,
              Side("action_invite_members()", lambda env, p: p[0].action_invite_members(), complete_session,
                   lambda env, p, _r: emails_queued("attendees", p[0].attendee_ids, p[1])),
              # on an event with Odoo's default communication: a registration e-mail sent right after each
              Side("event.registration create (500)", lambda env, p: env["event.registration"].create(
                       [{"event_id": p[0].id, "partner_id": partner} for partner in p[1]]),
                   lambda env, data: (create_events(env, data, 1), data.invited_partner_ids),
                   lambda env, p, result: emails_queued("registrations", result, len(p[1])))),
    Operation("read_group", "members by sector, state (read_group)", READERS,
              read_group_side(["hbri_sector_id", "hbri_membership_state"]),
              read_group_side(["country_id", "state_id"])),
    Operation("mark_attendance", "mark attendance (500 attendees)", SECRETARIAT,
              Side("action_mark_accepted_attended()", lambda env, p: p[0].action_mark_accepted_attended(),
                   functools.partial(invite_session, attendees=True, held=True),
                   lambda env, p, _r: mismatch("attendees marked attended", len(
                       p[0].attendee_ids.filtered_domain([("state", "=", "attended")])), p[1])),
              Side("event.registration action_set_done() (500)", lambda env, p: p[1].action_set_done(),
                   lambda env, data: create_events(env, data, 1, len(data.invited_partner_ids)))),
    Operation("attendance_xlsx", "attendance matrix XLSX (20 sessions)", READERS,
              xlsx_side("hbri.xlsx.export attendance matrix of 20 sessions",
                        lambda env, data: data.session_ids[-20:],  # from 1,000 organizations: the last quarter's
                        lambda env, ids: env["hbri.xlsx.export"].create(
                            {"kind": "attendance", "res_ids": json.dumps(ids)})._render_xlsx()[1],
                        check_attendance_export),
              xlsx_side("web's XLSX list export, as many rows x 22 columns (res.partner)", prepare_list_export,
                        run_list_export, lambda env, p, content: mismatch(
                            "rows x columns", sheet_size(content), (len(p[0]) + 1, len(p[1]))))),
    Operation("anonymization_scan", "anonymize and scan a 10-page case study against everybody", ("admin",),
              Side("hbri.anonymizer dictionary built cold (word n-gram hash tables) + replacement + residual scan",
                   run_anonymization_scan, prepare_anonymization_scan, check_anonymization_scan,
                   describe_anonymization_scan, trace_memory=True),
              Side("one re.sub per known name on the HTML (the replacement as it was)", run_naive_replacement,
                   prepare_anonymization_scan, trace_memory=True)),
    Operation("case_study_pdf", "case-study PDF (1)", ("admin",),
              pdf_side("Case Study (PDF) of 1 case study", case_studies_job(1), CASE_STUDY_PDF),
              pdf_side(EVENT_PDF.format("1 event of 20 registrations"), events_job(1, 20)), warm_up=True),
    Operation("case_study_pdf_20", "case-study PDF (20 in one PDF)", ("admin",),
              pdf_side("Case Study (PDF) of 20 case studies", case_studies_job(20), CASE_STUDY_PDF),
              pdf_side(EVENT_PDF.format("20 events of 20 registrations"), events_job(20, 20)), warm_up=True),
    Operation("sign_in_pdf", "sign-in sheet PDF (500 attendees)", ("admin",),
              pdf_side("Attendance Sign-in Sheet (PDF) of 1 session of 500 attendees", sign_in_job,
                       "hbri_partnership.action_report_hbri_session_sign_in"),
              pdf_side(EVENT_PDF.format("1 event of 500 registrations"), events_job(1, 500)), warm_up=True),
    Operation("portal_roundtable", "member portal page of a representative (HTTP GET)", ("portal",), MY_ROUNDTABLE,
              my_home_side()),
    Operation("portal_list", "member portal page next to a list of as many rows (HTTP GET)", ("portal",), MY_ROUNDTABLE,
              page_side("/my/tasks (project's portal list, as many tasks as /my/roundtable has rows)", "/my/tasks",
                        "o_portal_my_doc_table", portal=True)),
    Operation("library_list", "website: case-study library list (anonymous)", ("admin",),
              page_side("GET /library (12 case studies a page)", "/library", "o_hbri_library_card"),
              page_side("GET /event (website_event's list, 12 events a page)", "/event", "o_wevent_index"),
              warm_up=True),
    Operation("library_page", "website: one case study page (anonymous)", ("admin",),
              page_side("GET /library/case-study/<id>", first_path("hbri.case.study", [("state", "=", "published")],
                  lambda env, case_study: f"/library/case-study/{case_study.id}"), "o_hbri_library_key_facts"),
              page_side("GET /event/<slug>/register (an event's page)", first_path("event.event", [("website_published",
                  "=", True)], lambda env, event: f"/event/{env['ir.http']._slug(event)}/register"), "o_wevent"),
              warm_up=True),
]
# fmt: on


# ---------------------------------------------------------------------------------------------- measuring


@dataclass
class Measure:
    """The runs of one side as one user."""

    queries: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    problem: str | None = None  # what is wrong with the first run's result
    commits: int = 0  # commits skipped, over all runs
    runs: int = 0  # runs made, the warm-up included
    messages: int = 0  # chatter messages (mail.message other than e-mails) the first run created
    emails: int = 0  # outgoing e-mails the first run queued
    details: str = ""  # what the first run produced
    peak_mib: float | None = None  # peak of Python memory of a run under tracemalloc
    query_count = property(lambda self: int(statistics.median(self.queries)))
    min_ms = property(lambda self: 1000 * min(self.seconds))
    median_ms = property(lambda self: 1000 * statistics.median(self.seconds))


@contextmanager
def prepared_run(registry, data, side, user, measure):
    """A cursor of its own as ``user``, ``side`` prepared, the caches emptied; rolled back. Its commits are counted
    and skipped: code that commits on its own (Odoo's event mail scheduler, every mail.batch_size e-mails outside
    tests) would keep its changes."""
    with closing(registry.cursor()) as cr:
        cr.commit = lambda: setattr(measure, "commits", measure.commits + 1)
        try:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
            if user != "cron":
                uid = data.users[user]
                env = api.Environment(cr, uid, {"lang": "en_US", "tz": "Asia/Jakarta", "uid": uid})
                env = env(context=dict(env.context, allowed_company_ids=env.user.company_ids.ids))
            prepared = side.prepare(env, data)
            env.invalidate_all()  # flushed first
            yield env, prepared
            cr.rollback()
        finally:
            del cr.commit


def measure_run(registry, data, side, user, measure, warm_up=False):
    """One run of ``side``. A first run shorter than WARM_UP_LIMIT (any first run with ``warm_up``) only warms the
    registry's caches up and is not counted; a longer one counts (the caches weigh nothing in it). The first run
    also counts the messages it created, and is checked and described."""
    with prepared_run(registry, data, side, user, measure) as (env, prepared):
        env.cr.execute("SELECT COALESCE(max(id), 0) FROM mail_message")
        last_message = env.cr.fetchone()[0]
        before, before_all, started = env.cr.sql_log_count, odoo.sql_db.sql_counter, time.perf_counter()
        result = side.run(env, prepared)
        env.flush_all()
        seconds = time.perf_counter() - started
        # an HTTP request's queries run in the server's thread, on its own cursor
        queries = odoo.sql_db.sql_counter - before_all if side.http else env.cr.sql_log_count - before
        measure.runs += 1
        if measure.runs == 1:
            env.cr.execute(
                "SELECT count(*) FILTER (WHERE message_type != 'email_outgoing'),"
                " count(*) FILTER (WHERE message_type = 'email_outgoing') FROM mail_message WHERE id > %s",
                (last_message,),
            )
            measure.messages, measure.emails = env.cr.fetchone()
            measure.problem = side.check(env, prepared, result)
            measure.details = side.describe(env, prepared, result)
    if measure.runs > 1 or (seconds >= WARM_UP_LIMIT and not warm_up):
        measure.seconds.append(seconds)
        measure.queries.append(queries)


def measure_sides(registry, data, sides, user, runs, warm_up=False):
    """``runs`` measured runs of each of ``sides``, alternating (ours, Odoo's, ours, ...): the load of the shared
    machine changes within minutes, and measuring one side's runs all before the other's would give its changes
    to one side only. The minimum of each side is then taken under the same conditions."""
    measures = [Measure() for _side in sides]
    while any(len(measure.seconds) < runs for measure in measures):
        for side, measure in zip(sides, measures, strict=True):
            if len(measure.seconds) < runs:
                measure_run(registry, data, side, user, measure, warm_up)
    for side, measure in zip(sides, measures, strict=True):
        if side.trace_memory:
            with prepared_run(registry, data, side, user, measure) as (env, prepared):
                measure.peak_mib = traced(functools.partial(side.run, env, prepared))[2] / 2**20
    return measures


class Row(NamedTuple):
    operation: Operation
    size: int
    user: str
    ours: Measure
    odoo: Measure
    ratio = property(lambda self: self.ours.min_ms / self.odoo.min_ms if self.odoo.min_ms else float("inf"))


def measure_operations(registry, data, runs, keys=None):
    rows = []
    for operation in OPERATIONS:
        if keys and operation.key not in keys:
            continue
        print(f"  {operation.label}\n      ours: {operation.ours.label}; Odoo: {operation.odoo.label}")
        sides = (operation.ours, operation.odoo)
        for user in operation.users:
            ours, odoo_ = measure_sides(registry, data, sides, user, runs, warm_up=operation.warm_up)
            rows.append(row := Row(operation, data.plan.size, user, ours, odoo_))
            print(
                f"      {user:<12} ours {ours.query_count:>6} q {ours.min_ms:>9.1f} ms (median {ours.median_ms:.1f})"
                f"   Odoo {odoo_.query_count:>6} q {odoo_.min_ms:>9.1f} ms (median {odoo_.median_ms:.1f})"
                f"   ratio {row.ratio:.2f}"
            )
            for label, measure in (("ours", ours), ("Odoo", odoo_)):
                details = [f"{measure.messages} chatter messages", f"{measure.emails} e-mails"]
                details += [f"peak Python memory {measure.peak_mib:.1f} MiB"] if measure.peak_mib is not None else []
                print(f"        {label}: {'; '.join(details + [measure.details] * bool(measure.details))}")
                if measure.problem:
                    print(f"      WARNING {label}: {measure.problem}")
                if measure.commits:
                    commits = measure.commits // measure.runs
                    print(f"      note: {label} committed {commits} time(s) a run (skipped to roll back)")
        admin, *others = rows[len(rows) - len(operation.users) :]
        for row in others:
            ours, odoo_ = row.ours.query_count - admin.ours.query_count, row.odoo.query_count - admin.odoo.query_count
            print(f"      queries {row.user} - {admin.user}: ours {ours:+d}, Odoo {odoo_:+d}")
    return rows


# ---------------------------------------------------------------------------------------------- main


def bench_size(args, size):
    plan = plan_for(size)
    print(
        f"\n== size {size}: {size} organizations, {plan.series * QUARTERS} sessions of {plan.attendees[0]}-"
        f"{plan.attendees[1]} attendees, invitations to {plan.invited} representatives"
    )
    # a copy of the template, database and filestore, by Odoo's database manager (as odoo-bin db duplicate
    # --force), which needs list_db
    config["list_db"] = True
    if not args.reuse:
        odoo.service.db.exp_drop(args.database)
        odoo.service.db.exp_duplicate_database(args.template, args.database)
    registry, started = Registry(args.database), time.perf_counter()
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        data = load_data(env, plan) if args.reuse else DataGenerator(env, plan).run()
        cr.commit()
        partners = env["res.partner"].with_context(active_test=False).search_count([])
        batch_size = env["ir.config_parameter"].get_param("mail.batch_size") or "50 (default)"
    print(
        f"  data {'read back' if args.reuse else 'generated'} in {time.perf_counter() - started:.0f} s: {partners} "
        f"partners, {len(data.session_ids)} sessions, {data.attendee_count} attendees; mail.batch_size {batch_size}"
    )
    started = time.perf_counter()
    rows = measure_operations(registry, data, args.runs, args.operations)
    print(f"  measured in {time.perf_counter() - started:.0f} s")
    return rows


def print_table(rows):
    line = "-" * 128
    cells = f"{'ours q/ms':>16} {'odoo q/ms':>16} {'ratio':>6} {'chatter':>9}"
    print(f"\n{line}\n{'operation':<52} {'size':>6} {'user':<12} {cells}\n{line}")
    for row in rows:
        ours, odoo_ = (f"{side.query_count}/{side.min_ms:.1f}" for side in (row.ours, row.odoo))
        chatter = f"{row.ours.messages}/{row.odoo.messages}"
        cells = f"{ours:>16} {odoo_:>16} {row.ratio:>6.2f} {chatter:>9}"
        print(f"{row.operation.label:<52} {row.size:>6} {row.user:<12} {cells}")
    print(line)
    print("ms: minimum of the measured runs; ratio: ours / Odoo's time; chatter: messages created, ours/Odoo's.")
    for row in rows:
        if row.ours.peak_mib is not None:
            memory = f"ours {row.ours.peak_mib:.1f} MiB, Odoo's {row.odoo.peak_mib:.1f} MiB"
            print(f"peak Python memory, {row.operation.label}, size {row.size}, {row.user}: {memory}")
    if rows:
        worst = max(rows, key=lambda row: row.ratio)
        print(f"worst ratio: {worst.ratio:.2f} ({worst.operation.label}, size {worst.size}, {worst.user})")


def counting_application(environ, start_response):
    """Odoo's WSGI application, counting the stylesheets served (to wkhtmltopdf)."""
    path = environ.get("PATH_INFO", "")

    def counting_start_response(status, headers, *args):
        if path.startswith("/web/assets/") and path.endswith(".css") and status.startswith("200"):
            STYLESHEET_LOADS["count"] += 1
        return start_response(status, headers, *args)

    return odoo.http.root(environ, counting_start_response)


SYLLABLES = "ba bi bu da di du ka ki ku la li lu ma mi mu na ni nu ra ri ru sa si su ta ti tu wa wi ya jo ko no go"


def bench_engine(engine, size):
    """The anonymization engine (``engine``: models/hbri_anonymizer.py, or another version) on generated rows as
    ``_read_dictionary_rows()`` returns them: the build (CPU time is what compares on a shared machine), a second one
    under tracemalloc (peak, kept), and the warm part of a print and its gate on ten pages as the
    ``anonymization_scan`` operation prints (:func:`named_sections`)."""
    rng, syllables = random.Random(5), SYLLABLES.split()

    def word():
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()

    rows, organizations, people = [], [], []
    for index in range(size):
        name = f"PT {word()} {word()} {word()}"
        domain = name.split()[1].lower() + str(index)
        rows.append(
            (len(rows) + 1, name, True, f"info@{domain}.co.id", f"https://www.{domain}.co.id", f"+62 21 {index:07d}", 1)
        )
        organizations.append(name)
        for rank in range(2 if rng.random() < 0.4 else 1):
            people.append(f"{word()} {word()} {word()}")
            email = f"{people[-1].split()[0].lower()}.{rank}@{domain}.co.id"
            rows.append((len(rows) + 1, people[-1], False, email, False, False, 1))
    legal, model = [w.strip() for w in engine.DEFAULT_LEGAL_FORMS.split(",")], engine.HbriAnonymizer
    helper = type("Helper", (), {"_html_segments": model._html_segments, "_html_text": model._html_text})()
    sections = list(named_sections(rng, organizations + [f"Ibu {person.split()[0]}" for person in people]).values())
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    dictionary = engine.AnonymizationDictionary.from_rows(legal, rows)
    build_wall, build_cpu = time.perf_counter() - wall, time.process_time() - cpu
    scans = []
    for _run in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        for _render in range(2):
            found = [keys for s in sections for _s, _e, keys in dictionary.find_in(model._html_text(helper, s))]
            labels = {keys[0]: f"member company {n}" for n, keys in enumerate(dict.fromkeys(found))}
            replaced = [model._replace_html(helper, dictionary, section, labels) for section in sections]
        for section in replaced:
            dictionary.residual_hits(model._html_text(helper, section))
        scans.append((time.perf_counter() - wall, time.process_time() - cpu))
    counts = dictionary.counts
    del dictionary
    gc.collect()
    _kept_dictionary, kept, peak = traced(lambda: engine.AnonymizationDictionary.from_rows(legal, rows))
    print(
        f"{size:>6} organizations, {len(rows):>6} entities, {counts['strong']:>7} replaced forms: "
        f"build {build_wall:6.1f} s wall / {build_cpu:5.1f} s CPU, peak {peak / 2**20:5.0f} MiB, kept "
        f"{kept / 2**20:6.1f} MiB; warm print + gate of {sum(len(s) for s in sections)} characters "
        f"{min(scans)[0] * 1000:5.0f} ms wall / {min(s[1] for s in scans) * 1000:4.0f} ms CPU; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def size_list(text):
    if not re.fullmatch(r"\d+(,\d+)*", text):
        raise argparse.ArgumentTypeError("numbers separated by commas, e.g. 1000,10000")
    return [int(size) for size in text.split(",")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    parser.add_argument("--template", help="database with the modules installed, not modified")
    parser.add_argument("--database", default="hbri_bench", help="throwaway database, recreated for each size")
    parser.add_argument("--sizes", default="1000,10000,50000", type=size_list, help="organizations, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="measured runs of each side (after one warm-up)")
    parser.add_argument("--logfile", help="Odoo's log file (default: standard error)")
    parser.add_argument(
        "--operations", type=lambda keys: keys.split(","), help="the operations' keys, comma-separated (default: all)"
    )
    parser.add_argument("--http-port", type=int, default=8069, help="port of the HTTP server for wkhtmltopdf")
    parser.add_argument("--reuse", action="store_true", help="measure --database as it is: generated earlier")
    parser.add_argument("--fresh", action="store_true", help="(scripts/hbri) reinstall --template's modules first")
    parser.add_argument("--anonymizer", action="store_true", help="the anonymization engine alone, no database")
    engine = os.path.join(os.path.dirname(__file__), "..", "hbri_partnership", "models", "hbri_anonymizer.py")
    parser.add_argument("--engine", default=engine, help="with --anonymizer: a version of models/hbri_anonymizer.py")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if args.anonymizer:  # an Odoo model class must live under odoo.addons
        spec = importlib.util.spec_from_file_location("odoo.addons.bench_anonymizer_engine", args.engine)
        spec.loader.exec_module(engine := importlib.util.module_from_spec(spec))
        for size in args.sizes:
            bench_engine(engine, size)
        return 0
    if not (args.config and (args.template or args.reuse)):
        parser.error("-c/--config and --template (or --reuse) are required, but with --anonymizer")
    if unknown := set(args.operations or ()) - {operation.key for operation in OPERATIONS}:
        parser.error(f"--operations: no {', '.join(unknown)}; the keys: {', '.join(op.key for op in OPERATIONS)}")
    if args.reuse and len(args.sizes) != 1:
        parser.error(f"--reuse measures one size (--sizes N), the one {args.database} was generated for")
    odoo_args = ["-c", args.config, "--http-interface", "127.0.0.1", "--http-port", str(args.http_port)]
    config.parse_config(odoo_args + (["--logfile", args.logfile] if args.logfile else []), setup_logging=True)
    if args.reuse and (error := update_reused(args.database, args.sizes[0])):
        print(error, file=sys.stderr)
        return 2
    # wkhtmltopdf loads the reports' stylesheets over HTTP (report.url), the portal and website pages are requested:
    # the database is served on the loopback interface from a thread of this process
    config["dbfilter"] = f"^{args.database}$"
    server = odoo.service.server.ThreadedServer(counting_application)
    server.http_spawn()
    HTTP_URL["url"] = f"http://127.0.0.1:{config['http_port']}"
    print(f"HTTP server for wkhtmltopdf on {HTTP_URL['url']}")
    started = time.perf_counter()
    rows = [row for size in args.sizes for row in bench_size(args, size)]
    print_table(rows)
    print(f"total {time.perf_counter() - started:.0f} s")
    server.httpd.shutdown()
    failed = [f"{row.operation.key} ({row.user})" for row in rows if row.ours.problem or row.odoo.problem]
    if failed:
        print(f"FAILED: a side's result was wrong: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
