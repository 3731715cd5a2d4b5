# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of hbri_partnership against the closest operations of Odoo itself.

Run by ``scripts/hbri bench`` with Odoo's Python and Odoo's source on ``PYTHONPATH``::

    python scripts/bench.py -c odoo.conf --template hbri_bench_base --database hbri_bench --sizes 1000,10000

For each size, the database ``--database`` is dropped and recreated as a copy of ``--template`` (where
``hbri_partnership``, its companion addons, ``event`` and ``website_event`` are installed without demo data),
filled with generated data (see :class:`DataGenerator`), then every operation of :data:`OPERATIONS` is
measured: SQL queries and wall time, ours next to Odoo's, as each user of the operation. Each measured run
has its own cursor and is rolled back, so every run starts from the same committed data with empty record
caches, as a web request does.

To add an operation, write its two sides (:class:`Side`: what to prepare, unmeasured, and what to measure)
and append an :class:`Operation` to :data:`OPERATIONS`; data it needs goes in a step of
:data:`DATA_STEPS`.
"""

import argparse
import ast
import functools
import io
import json
import logging
import random
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
import urllib.request
from collections.abc import Callable
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

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
BULK_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
CHUNK = 5000  # values per create() call of the generator
# hbri.membership's overlap constraint compares every membership of a batch with every other one (quadratic):
# 5,000 at once take a minute, 1,000 three seconds
MEMBERSHIP_CHUNK = 1000
ORGANIZATION_PREFIX = "Bench Org"

# The five sectors that may attend the roundtable, with the share of the organizations in each.
SECTOR_WEIGHTS = {
    "hbri_partnership.hbri_sector_business": 45,
    "hbri_partnership.hbri_sector_ngo": 28,
    "hbri_partnership.hbri_sector_academia": 14,
    "hbri_partnership.hbri_sector_donor": 9,
    "hbri_partnership.hbri_sector_facilitator": 4,
}
SECTOR_PREFIX = {
    "hbri_partnership.hbri_sector_business": "PT",
    "hbri_partnership.hbri_sector_ngo": "Yayasan",
    "hbri_partnership.hbri_sector_academia": "Universitas",
    "hbri_partnership.hbri_sector_donor": "Foundation",
    "hbri_partnership.hbri_sector_facilitator": "Fasilitator",
}
# The regional series of quarterly sessions: (city, time zone).
REGIONS = [
    ("Jakarta", "Asia/Jakarta"),
    ("Bandung", "Asia/Jakarta"),
    ("Semarang", "Asia/Jakarta"),
    ("Yogyakarta", "Asia/Jakarta"),
    ("Surabaya", "Asia/Jakarta"),
    ("Malang", "Asia/Jakarta"),
    ("Medan", "Asia/Jakarta"),
    ("Padang", "Asia/Jakarta"),
    ("Palembang", "Asia/Jakarta"),
    ("Pekanbaru", "Asia/Jakarta"),
    ("Pontianak", "Asia/Pontianak"),
    ("Banjarmasin", "Asia/Makassar"),
    ("Samarinda", "Asia/Makassar"),
    ("Balikpapan", "Asia/Makassar"),
    ("Denpasar", "Asia/Makassar"),
    ("Mataram", "Asia/Makassar"),
    ("Kupang", "Asia/Makassar"),
    ("Makassar", "Asia/Makassar"),
    ("Manado", "Asia/Makassar"),
    ("Jayapura", "Asia/Jayapura"),
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


# ---------------------------------------------------------------------------------------------- data


@dataclass
class Plan:
    """How much data one size generates; small sizes are scaled down (see :func:`plan_for`)."""

    size: int  # organizations, each with one membership
    series: int  # regional series of sessions, one session a quarter each
    attendees: tuple[int, int]  # attendees per session, drawn at random in this range
    invited: int  # active representatives of the founding members: the "invite" operation invites them all


def plan_for(size):
    """The data of one size. From 1,000 organizations on: 20 series of 20 quarterly sessions (400 sessions) of
    200-500 attendees, and 500 founding representatives. Below, everything shrinks with the size so that a
    smoke test (e.g. ``--sizes 100``) stays quick and consistent."""
    if size >= 1000:
        return Plan(size=size, series=len(REGIONS), attendees=(200, 500), invited=500)
    factor = size / 1000
    return Plan(
        size=size,
        series=max(1, round(len(REGIONS) * factor)),
        attendees=(max(2, round(200 * factor)), max(4, round(500 * factor))),
        invited=max(2, round(500 * factor)),
    )


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
    event_ids: list[int] = field(default_factory=list)  # events published on the website
    users: dict[str, int] = field(default_factory=dict)  # label: user id
    portal_rows: int = 0  # rows /my/roundtable lists for the portal user (as many tasks on /my/tasks)

    @property
    def invited_partner_ids(self):
        """The active representatives of the founding members (exactly ``plan.invited`` people)."""
        return [rep for org in self.founder_ids for rep in self.representatives[org]]


def paragraphs(rng, count, name=None):
    """``count`` paragraphs of four to six sentences (HTML); the organization's name in the first one."""
    texts = []
    for index in range(count):
        sentences = rng.sample(SENTENCES, rng.randint(4, 6))
        if name and index == 0:
            sentences.insert(1, ORGANIZATION_SENTENCE.format(name=name))
        texts.append(Markup("<p>%s</p>") % " ".join(sentences))
    return Markup("").join(texts)


def last_quarters(today, count):
    """The first days of the ``count`` full quarters before ``today``, oldest first."""
    current = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return [current - relativedelta(months=3 * n) for n in range(count, 0, -1)]


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
            cr.commit()
            self.env.invalidate_all()
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
            self.env.flush_all()
            self.env.invalidate_all()  # keeps the memory flat for the large sizes
        return ids

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
            user = self.env["res.users"].create(
                {
                    "name": f"Bench {login.title()}",
                    "login": f"bench_{login}",
                    "email": f"bench_{login}@hbri.example",
                    "group_ids": [Command.set([self.env.ref(xmlid).id for xmlid in groups])],
                }
            )
            self.data.users[login] = user.id
        self.data.users["admin"] = self.env.ref("base.user_admin").id
        # the event's registration e-mail attaches a PDF ticket rendered by wkhtmltopdf for each attendee; our
        # invitation attaches one calendar file: compare the e-mails without the ticket
        self.env.ref("event.event_subscription").report_template_ids = [Command.clear()]
        # wkhtmltopdf loads the reports' stylesheets from the HTTP server of this process
        parameters = self.env["ir.config_parameter"]
        parameters.set_param("report.url", HTTP_URL["url"])
        parameters.set_param("web.base.url", HTTP_URL["url"])
        parameters.set_param("web.base.url.freeze", True)

    def step_guidelines(self):
        guideline = self.env["hbri.guideline"].create(
            {"name": "Participation Guidelines", "version": "1.0", "date_effective": FOUNDERS_START}
        )
        self.data.guideline_id = guideline.id

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
            reps = data.representatives.setdefault(org, [])
            if active:
                reps.append(rep)

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
            elif roll < 0.95:
                state = "ended"
                start = min(start, today - timedelta(days=800))
                end = start + timedelta(days=rng.randrange(365, 730))
            elif roll < 0.98:
                state = "withdrawn"
                start = min(start, today - timedelta(days=800))
                end = start + timedelta(days=rng.randrange(200, 700))
            else:
                state, start = "draft", today + timedelta(days=rng.randrange(1, 90))
            vals = {"partner_id": org, "date_start": start, "date_end": end, "state": state}
            if state != "draft":
                vals.update(
                    guideline_id=data.guideline_id,
                    accepted_by_id=data.representatives[org][0],
                    date_accepted=start,
                )
            if state == "withdrawn":
                vals.update(withdraw_reason="Changed priorities", date_withdrawn=end)
            vals_list.append(vals)
            data.memberships[org] = (state, start, end)
        self.create("hbri.membership", vals_list, chunk_size=MEMBERSHIP_CHUNK)

    def step_sessions(self):
        """Five years of quarterly sessions in each regional series, all held (the last quarter's) or closed."""
        data = self.data
        quarters = last_quarters(data.today, QUARTERS)
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
        if "evaluation_survey_id" in self.env["hbri.roundtable.session"]._fields:
            # history, not a measured operation: with hbri_partnership_survey installed, every attendee marked
            # attended would be sent an evaluation (about 100,000 e-mails and survey answers a size)
            for vals in vals_list:
                vals["evaluation_survey_id"] = False
        data.session_ids = self.create("hbri.roundtable.session", vals_list)

    def step_attendees(self):
        """200-500 attendees a session, drawn from the active representatives of the organizations whose
        membership (active, or since ended or withdrawn) covered the session's day."""
        rng, data = self.rng, self.data
        sessions = self.env["hbri.roundtable.session"].browse(data.session_ids)
        orgs = [
            (org, start, end)
            for org, (state, start, end) in data.memberships.items()
            if state in ("active", "ended", "withdrawn")
        ]
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
            consents.append((organization, person) if rng.random() < 0.5 else None)
        # generated data: states and consents written directly, as the workflow's own actions do
        from odoo.addons.hbri_partnership.models.hbri_case_study import workflow_write

        with workflow_write():
            ids = self.create("hbri.case.study", vals_list, chunk_size=500)
            self.create(
                "hbri.consent",
                [
                    {
                        "case_study_id": case_study,
                        "partner_id": consent[0],
                        "representative_id": consent[1],
                        "version": 1,
                        "scope_name": True,
                        "scope_publish": True,
                    }
                    for case_study, consent in zip(ids, consents, strict=True)
                    if consent
                ],
            )
        data.case_study_ids = ids

    def step_website_events(self):
        """Published events on the website, one for ten case studies (at least 30): the website_event pages the
        case-study library is compared with."""
        count = max(30, len(self.data.case_study_ids) // 10)
        start = datetime.combine(self.data.today, datetime.min.time()) + timedelta(days=7, hours=2)
        self.data.event_ids = self.create(
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


PORTAL_PASSWORD = "bench-portal-password"


def _step_portal_user(self):
    """A portal user for the first founding member's primary representative (invited to the sessions)."""
    rep = self.data.representatives[self.data.founder_ids[0]][0]
    user = self.env["res.users"].create(
        {
            "login": "bench_portal",
            "password": PORTAL_PASSWORD,
            "partner_id": rep,
            "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
        }
    )
    self.data.users["portal"] = user.id


DataGenerator.step_portal_user = _step_portal_user


def portal_row_count(env, data):
    """The rows /my/roundtable shows the bench's portal user: its open invitations to coming sessions, a page of
    past sessions, the case studies of its organization it may read and the released toolkits."""
    from odoo.addons.hbri_partnership.controllers import portal

    user = env["res.users"].browse(data.users["portal"])
    as_portal = env(user=user)
    Attendee = as_portal["hbri.session.attendee"]
    upcoming = Attendee.search_count(
        [("session_id.state", "in", portal.UPCOMING_SESSION_STATES), ("state", "in", portal.ANSWERABLE_STATES)]
    )
    past = Attendee.search_count([("session_id.state", "in", portal.PAST_SESSION_STATES)])
    return (
        upcoming
        + min(past, portal.PAST_PAGE_SIZE)
        + as_portal["hbri.case.study"].search_count([("state", "in", ("awaiting", "published"))])
        + as_portal["hbri.toolkit"].search_count([])
    )


def _step_portal_tasks(self):
    """A project shared with the portal user's organization (project's portal), with as many tasks as
    /my/roundtable lists rows for that user: Odoo's own list-like portal page /my/tasks compared with ours."""
    if "project.project" not in self.env:
        return
    env, data = self.env, self.data
    portal_partner = env["res.users"].browse(data.users["portal"]).partner_id
    # shared as project's "Share Project" wizard does: the portal user a collaborator (tasks readable and editable)
    project = env["project.project"].create(
        {
            "name": "Shared roundtable follow-up",
            "privacy_visibility": "portal",
            "collaborator_ids": [Command.create({"partner_id": portal_partner.id})],
        }
    )
    project.message_subscribe(partner_ids=portal_partner.ids)
    data.portal_rows = portal_row_count(env, data)
    self.create(
        "project.task",
        [
            {"name": f"{TOPICS[index % len(TOPICS)]}: follow-up {index + 1}", "project_id": project.id}
            for index in range(data.portal_rows)
        ],
    )


DataGenerator.step_portal_tasks = _step_portal_tasks

DATA_STEPS = [
    ("users", DataGenerator.step_users),
    ("guidelines", DataGenerator.step_guidelines),
    ("organizations", DataGenerator.step_organizations),
    ("representatives", DataGenerator.step_representatives),
    ("memberships", DataGenerator.step_memberships),
    ("sessions", DataGenerator.step_sessions),
    ("attendees", DataGenerator.step_attendees),
    ("presentations", DataGenerator.step_presentations),
    ("case studies", DataGenerator.step_case_studies),
    ("portal user", DataGenerator.step_portal_user),
    ("portal tasks", DataGenerator.step_portal_tasks),
    ("website events", DataGenerator.step_website_events),
]


# ---------------------------------------------------------------------------------------------- operations


@dataclass
class Side:
    """One side of a comparison. ``prepare(env, data)`` runs first, unmeasured, in the same transaction, and
    returns what ``run(env, prepared)`` needs; only ``run`` (and the flush after it) is measured.
    ``check(env, prepared, result)``, unmeasured too, returns a problem (str) when the run did not do what the
    comparison assumes, else None."""

    label: str
    run: Callable[[api.Environment, Any], Any]
    prepare: Callable[[api.Environment, BenchData], Any] = lambda env, data: None
    check: Callable[[api.Environment, Any, Any], str | None] | None = None
    describe: Callable[[api.Environment, Any, Any], str] | None = None  # what the first run produced
    trace_memory: bool = False  # one more run, unmeasured, under tracemalloc: its peak of Python memory
    http: bool = False  # ``run`` requests this process's HTTP server: count the queries of every cursor


@dataclass
class Operation:
    """An operation of the addon measured next to Odoo's closest one, as each of ``users`` (labels of
    :attr:`BenchData.users`, or ``"cron"`` for the superuser of scheduled actions)."""

    key: str
    label: str
    ours: Side
    odoo: Side
    users: tuple[str, ...] = ("admin",)
    warm_up: bool = False  # always run once unmeasured first (PDF: the HTTP server builds the report's assets)


# Fields the web client's widgets read besides their own (their ``fieldDependencies``/``relatedFields``).
WIDGET_DEPENDENCIES = {
    "image": ["write_date"],
    "list_activity": [
        "activity_exception_decoration",
        "activity_exception_icon",
        "activity_state",
        "activity_summary",
        "activity_type_icon",
        "activity_type_id",
    ],
}


def field_specification(model, name, node=None):
    """The web client's read specification of one field (see getFieldsSpec in web's relational model)."""
    field_ = model._fields[name]
    if field_.type in ("many2one", "reference"):
        return {"fields": {"display_name": {}}}
    if field_.type in ("one2many", "many2many") and node is not None and node.get("widget") == "many2many_tags":
        spec = {"display_name": {}}
        color_field = ast.literal_eval(node.get("options") or "{}").get("color_field")
        if color_field:
            spec[color_field] = {}
        return {"fields": spec}
    return {}


def list_view_specification(env, view_xmlid):
    """The specification the web client sends to ``web_search_read`` for a list view, from the view as
    ``get_views`` returns it to this user (fields of groups the user is not in are already removed)."""
    view = env.ref(view_xmlid).sudo()  # the web client has the view's id from the action
    model = env[view.model]
    arch = etree.fromstring(model.get_views([(view.id, "list")])["views"]["list"]["arch"])
    spec = {}
    for node in arch.iterchildren("field"):
        name = node.get("name")
        spec[name] = field_specification(model, name, node)
        for dependency in WIDGET_DEPENDENCIES.get(node.get("widget"), []):
            spec.setdefault(dependency, field_specification(model, dependency))
    return spec


MEMBERS_DOMAIN = [("is_company", "=", True), ("hbri_membership_state", "=", "member")]  # action + default filter


def members_list_side(label, view_xmlid):
    def prepare(env, data):
        return env["res.partner"].with_context(bin_size=True), list_view_specification(env, view_xmlid)

    def run(env, prepared):
        partners, spec = prepared
        return partners.web_search_read(MEMBERS_DOMAIN, spec, offset=0, limit=80, order="", count_limit=10001)

    def check(env, prepared, result):
        if len(result["records"]) != 80:
            return f"{len(result['records'])} rows read instead of 80"
        return None

    return Side(label=label, prepare=prepare, run=run, check=check)


def _members_to_recompute(env):
    return env["res.partner"].search([("hbri_membership_ids", "!=", False)])


def recompute_commercial_partner(env, prepared):
    """Odoo's closest stored compute: commercial_partner_id, forced on the same partners."""
    partners = _members_to_recompute(env)
    env.add_to_compute(partners._fields["commercial_partner_id"], partners)
    partners.flush_recordset(["commercial_partner_id"])
    return partners


def prepare_invite_session(env, data, add_attendees=False):
    """A fresh session on a day only the founding members held a membership: exactly plan.invited eligible
    (added as attendees, without e-mail, with ``add_attendees``)."""
    session = env["hbri.roundtable.session"].create(
        {
            "name": "Bench Invitations",
            "date_start": INVITE_DAY,
            "date_end": INVITE_DAY + timedelta(hours=3),
            "tz": "Asia/Jakarta",
            "is_additional": True,  # the generated history holds a roundtable in that quarter
        }
    )
    if add_attendees:
        session._add_member_representatives()
    return session, len(data.invited_partner_ids)


def prepare_held_session(env, data):
    """The session of the invitations, held, its plan.invited attendees having accepted: the secretariat then
    marks them all attended at once."""
    session, expected = prepare_invite_session(env, data, add_attendees=True)
    session.attendee_ids.write({"state": "accepted"})
    session.state = "held"
    return session, expected


def check_marked(env, prepared, _result):
    session, expected = prepared
    attended = session.attendee_ids.filtered(lambda a: a.state == "attended")
    if len(attended) != expected:
        return f"{len(attended)} attendees marked attended instead of {expected}"
    return None


def create_events(env, data, events, attendees):
    """``events`` events of ``attendees`` registrations each (the founding representatives), without Odoo's
    scheduled e-mails and with no barcode (the attendee list would load a QR code image for each)."""
    start = datetime.combine(data.today + timedelta(days=60), datetime.min.time()).replace(hour=2)
    created = env["event.event"].create(
        [
            {
                "name": f"Bench Event {index}",
                "date_begin": start,
                "date_end": start + timedelta(hours=3),
                "date_tz": "Asia/Jakarta",
            }
            for index in range(events)
        ]
    )
    created.event_mail_ids.unlink()
    people = data.invited_partner_ids
    registrations = env["event.registration"].create(
        [
            {"event_id": event.id, "partner_id": people[index % len(people)]}
            for event in created
            for index in range(attendees)
        ]
    )
    registrations.write({"barcode": False})
    return created, registrations


def prepare_registrations(env, data):
    return create_events(env, data, 1, len(data.invited_partner_ids))


# ------------------------------------------------------------------ XLSX


def attendance_export_sessions(data):
    """The 20 sessions of the attendance matrix: the last ones (at 1,000 organizations and more, the 20 regional
    sessions of the last quarter)."""
    return data.session_ids[-20:]


def prepare_attendance_export(env, data):
    return env["hbri.xlsx.export"], attendance_export_sessions(data)


def run_attendance_export(env, prepared):
    Export, session_ids = prepared
    return Export.create({"kind": "attendance", "res_ids": json.dumps(session_ids)})._render_xlsx()[1]


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
    rows = columns = 0
    for row in sheet.iter_rows():
        rows += 1
        columns = max(columns, max((cell.column for cell in row if cell.value is not None), default=0))
    return rows, columns


def check_attendance_export(env, prepared, content):
    session_ids = prepared[1]
    expected = (matrix_rows(env, session_ids) + 1, len(session_ids) + 2)
    size = sheet_size(content)
    if size[0] != expected[0] or size[1] > expected[1]:
        return f"{size[0]} rows x {size[1]} columns instead of {expected[0]} x {expected[1]}"
    return None


def describe_xlsx(env, prepared, content):
    rows, columns = sheet_size(content)
    return f"{rows} rows x {columns} columns written, {len(content) / 1024:.0f} KiB"


# 22 fields of the Contacts list export: as many columns as the attendance matrix of 20 sessions
EXPORT_FIELDS = [
    "name",
    "email",
    "phone",
    "street",
    "street2",
    "city",
    "zip",
    "state_id",
    "country_id",
    "website",
    "function",
    "ref",
    "lang",
    "tz",
    "vat",
    "parent_id",
    "user_id",
    "company_id",
    "is_company",
    "active",
    "hbri_sector_id",
    "create_date",
]


def prepare_list_export(env, data):
    """As many organizations as the attendance matrix has rows, with as many fields as it has columns, in the
    parameters web's export dialog posts to /web/export/xlsx."""
    rows = matrix_rows(env, attendance_export_sessions(data))
    partners = env["res.partner"].search([("is_company", "=", True)], limit=rows, order="id")
    fields_ = env["res.partner"].fields_get(EXPORT_FIELDS, ["string", "type"])
    export_fields = [
        {"name": name, "label": fields_[name]["string"], "type": fields_[name]["type"]} for name in EXPORT_FIELDS
    ]
    return partners.ids, export_fields


class ExportRequest:
    """What web's XLSX writer reads of the HTTP request: its environment (and a client address for the log)."""

    def __init__(self, env):
        self.env = env
        self.db = None
        self.httprequest = type("HttpRequest", (), {"environ": {"REMOTE_ADDR": "127.0.0.1"}})()


def run_list_export(env, prepared):
    """What web's ExcelExport controller does for a list export without groups: export_data(), then from_data()."""
    from odoo.addons.web.controllers.export import ExcelExport

    ids, export_fields = prepared
    records = env["res.partner"].with_context(import_compat=False).browse(ids)
    rows = records.export_data([f["name"] for f in export_fields]).get("datas", [])
    headers = [f["label"].strip() for f in export_fields]
    odoo.http._request_stack.push(ExportRequest(env))
    try:
        return ExcelExport().from_data(export_fields, headers, rows)
    finally:
        odoo.http._request_stack.pop()


def check_list_export(env, prepared, content):
    rows, columns = sheet_size(content)
    if rows != len(prepared[0]) + 1 or columns != len(EXPORT_FIELDS):
        return f"{rows} rows x {columns} columns instead of {len(prepared[0]) + 1} x {len(EXPORT_FIELDS)}"
    return None


# ------------------------------------------------------------------ PDF


@dataclass
class PdfJob:
    ids: list[int]
    marker: str | None  # a text printed once per document or row; None: the PDF's text cannot be read back
    expected: int  # how many times the marker is printed
    min_pages: int  # pages at least
    stylesheets: int = 0  # stylesheets the HTTP server served during the rendering


def prepare_case_studies(count):
    def prepare(env, data):
        ids = data.case_study_ids[:count]
        return PdfJob(ids, "Key Facts", len(ids), 2 * len(ids))  # a title page and the text

    return prepare


def prepare_sign_in(env, data):
    session, expected = prepare_invite_session(env, data, add_attendees=True)
    return PdfJob(session.ids, "Representative ", expected, 1)


def prepare_events(events, attendees):
    def prepare(env, data):
        created, registrations = create_events(env, data, events, attendees)
        # Odoo's reports draw their web font (Lato) as outlines with this wkhtmltopdf: pdftotext reads nothing
        return PdfJob(created.ids, None, len(registrations), len(created))

    return prepare


def render_pdf(report_ref):
    def run(env, job):
        before = STYLESHEET_LOADS["count"]
        content = env["ir.actions.report"]._render_qweb_pdf(report_ref, job.ids)[0]
        job.stylesheets = STYLESHEET_LOADS["count"] - before
        return content

    return run


@functools.lru_cache(maxsize=1)
def pdf_text(content):
    """The text of a PDF (pdftotext), and its number of pages; the check and the description of a run read the
    same PDF, once."""
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True).stdout
    return text.decode(), text.count(b"\f")


def check_pdf(env, job, content):
    """The PDF holds every document (or row) and the stylesheet was loaded: a wkhtmltopdf that could not reach
    the HTTP server would print unstyled pages after a time-out."""
    text, pages = pdf_text(content)
    if pages < job.min_pages:
        return f"{pages} pages instead of {job.min_pages} at least"
    if job.marker is not None and text.count(job.marker) != job.expected:
        return f"{text.count(job.marker)} times {job.marker!r} in the PDF instead of {job.expected}"
    if not job.stylesheets:
        return "wkhtmltopdf loaded no stylesheet from the HTTP server"
    return None


def describe_pdf(env, job, content):
    _text, pages = pdf_text(content)
    return f"{len(job.ids)} document(s), {pages} pages, {len(content) / 1024:.0f} KiB"


def check_invitations(env, prepared, _result):
    session, expected = prepared
    attendees = session.attendee_ids
    mails = env["mail.mail"].sudo().search_count([("model", "=", attendees._name), ("res_id", "in", attendees.ids)])
    if len(attendees) != expected or mails != expected:
        return f"{len(attendees)} attendees and {mails} e-mails instead of {expected}"
    return None


def prepare_event(env, data):
    """An event with Odoo's default communication (a registration e-mail sent right after each registration)."""
    start = datetime.combine(data.today + timedelta(days=60), datetime.min.time()).replace(hour=2)
    event = env["event.event"].create(
        {"name": "Bench Event", "date_begin": start, "date_end": start + timedelta(hours=3), "date_tz": "Asia/Jakarta"}
    )
    return event, data.invited_partner_ids


def register_attendees(env, prepared):
    event, partner_ids = prepared
    return env["event.registration"].create([{"event_id": event.id, "partner_id": pid} for pid in partner_ids])


def check_registrations(env, prepared, registrations):
    mails = (
        env["mail.mail"].sudo().search_count([("model", "=", registrations._name), ("res_id", "in", registrations.ids)])
    )
    if len(registrations) != len(prepared[1]) or mails != len(prepared[1]):
        return f"{len(registrations)} registrations and {mails} e-mails instead of {len(prepared[1])}"
    return None


def read_group_side(label, groupby):
    def run(env, prepared):
        return env["res.partner"].formatted_read_group([("is_company", "=", True)], groupby, ["__count"])

    return Side(label=label, run=run)


def prepare_anonymization_scan(env, data):
    """An anonymized case study of about ten printed pages (~30,000 characters over its seven sections) naming
    forty organizations and people of the database, some in short forms, honorifics or split by markup."""
    rng = random.Random(len(data.organization_ids))
    case_study = env["hbri.case.study"].browse(data.case_study_ids[0])
    organizations = env["res.partner"].browse(rng.sample(data.organization_ids, 20))
    people = organizations.child_ids[:20]
    mentions = [org.name for org in organizations] + [f"Ibu {p.name.split()[0]} {p.name.split()[-1]}" for p in people]
    sections = {}
    for section in SECTION_FIELDS:
        texts = []
        while sum(len(t) for t in texts) < 4300:
            sentences = rng.sample(SENTENCES, 5)
            sentences.insert(2, ORGANIZATION_SENTENCE.format(name=rng.choice(mentions)))
            texts.append(Markup("<p>%s</p>") % " ".join(sentences))
        sections[section] = Markup("").join(texts)
    from odoo.addons.hbri_partnership.models.hbri_case_study import workflow_write

    # a published case study's content cannot change, and consents cannot be deleted: back to draft (rolled
    # back with the run); the consents then no longer match its content, so it prints anonymized
    with workflow_write():
        case_study.write({"state": "draft"})
    case_study.write(sections)
    case_study.invalidate_recordset()
    return case_study


ANONYMIZATION_TIMES = {}  # seconds of the phases of the last cold run: build, scan


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
    ANONYMIZATION_TIMES.update(build=built - started, scan=time.perf_counter() - built)
    return dictionary, values, hits


def check_anonymization_scan(env, case_study, result):
    _dictionary, values, _hits = result
    text = " ".join(str(values[section]) for section in SECTION_FIELDS)
    if len(text) < 25000:
        return f"the case study has {len(text)} characters, not ten pages"
    if ORGANIZATION_PREFIX in text:
        return "an organization's name survived the anonymization"
    return None


def describe_anonymization_scan(env, case_study, result):
    """The phases of the cold run, the memory of a build alone (peak, and what the kept dictionary holds), and
    a warm request: the same print and scan with the dictionary this process keeps."""
    dictionary, values, hits = result
    text = " ".join(str(values[section]) for section in SECTION_FIELDS)
    warm = []
    for _run in range(3):
        env.invalidate_all()
        before, started = env.cr.sql_log_count, time.perf_counter()
        kept = env["hbri.anonymizer"]._get_dictionary()
        case_study._get_print_values(dictionary=kept)
        case_study._get_anonymization_hits(kept)
        warm.append((time.perf_counter() - started, env.cr.sql_log_count - before, kept is dictionary))
    warm_seconds, warm_queries, same = min(warm)
    tracemalloc.start()
    try:
        built = env["hbri.anonymizer"]._build_dictionary()
        kept_bytes, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del built
    return (
        f"{len(dictionary.entities)} entities, {dictionary.counts['strong']} replaced forms, "
        f"{dictionary.counts['weak']} reported words; {len(text)} characters scanned, {len(hits)} residual hits; "
        f"cold: build {ANONYMIZATION_TIMES['build'] * 1000:.0f} ms (peak {peak_bytes / 2**20:.1f} MiB, the dictionary "
        f"holds {kept_bytes / 2**20:.1f} MiB), replacement and scan {ANONYMIZATION_TIMES['scan'] * 1000:.0f} ms; "
        f"warm request (kept dictionary{'' if same else ', NOT the same object'}): {warm_seconds * 1000:.0f} ms, "
        f"{warm_queries} queries"
    )


def run_naive_replacement(env, case_study):
    """The replacement as it was: one regular expression per name of every organization and person, on the
    HTML source."""
    partners = (
        env["res.partner"].with_context(active_test=False).search_fetch([("hbri_sector_id", "!=", False)], ["name"])
    )
    names = sorted({p.name for p in partners if p.name}, key=len, reverse=True)
    result = {}
    for section in SECTION_FIELDS:
        text = str(case_study[section])
        for name in names:
            text = re.sub(re.escape(name), "a member", text, flags=re.IGNORECASE)
        result[section] = text
    return result


CASE_STUDY_REPORT = "hbri_partnership.action_report_hbri_case_study"
EVENT_ATTENDEE_LIST_REPORT = "event.action_report_event_event_attendee_list"


def pdf_operation(key, label, ours, odoo):
    """A print of ours, (label, prepare, report), against event's attendee list, (label, prepare)."""

    def side(side_label, prepare, report):
        return Side(label=side_label, prepare=prepare, run=render_pdf(report), check=check_pdf, describe=describe_pdf)

    return Operation(key=key, label=label, ours=side(*ours), odoo=side(*odoo, EVENT_ATTENDEE_LIST_REPORT), warm_up=True)


def prepare_portal_session(env, data):
    """A browser session of the portal representative on the HTTP server of this process."""
    session = requests.Session()
    response = session.post(
        f"{HTTP_URL['url']}/web/session/authenticate",
        json={"params": {"db": env.cr.dbname, "login": "bench_portal", "password": PORTAL_PASSWORD}},
        timeout=60,
    )
    response.raise_for_status()
    return session


def portal_page(path):
    """GET a portal page over HTTP; its queries (run by the server's thread, counted by Odoo's global counter)
    are added to the measuring cursor's."""

    def run(env, session):
        before = odoo.sql_db.sql_counter
        response = session.get(f"{HTTP_URL['url']}{path}", timeout=300)
        env.cr.sql_log_count += odoo.sql_db.sql_counter - before
        return response

    return run


def check_portal_page(marker):
    def check(env, session, response):
        if response.status_code != 200 or marker not in response.text:
            return f"{response.url}: HTTP {response.status_code}, {marker!r} {'missing' if response.ok else ''}"
        return None

    return check


# ------------------------------------------------------------------ website pages


def http_page(path_of, marker):
    """A side that GETs a public page of the website as an anonymous visitor, from this process's HTTP server
    (its own cursor, committed data: what a visitor gets). ``path_of(env)`` returns the page's path."""

    def prepare(env, data):
        return path_of(env)

    def run(env, path):
        with urllib.request.urlopen(HTTP_URL["url"] + path, timeout=300) as response:
            return response.status, response.read().decode()

    def check(env, path, result):
        status, html = result
        if status != 200 or marker not in html:
            return f"GET {path}: {status}, {marker!r} {'found' if marker in html else 'not found'}"
        return None

    return prepare, run, check


def website_side(label, path_of, marker):
    prepare, run, check = http_page(path_of, marker)
    return Side(label=label, prepare=prepare, run=run, check=check, http=True)


def published_case_study_path(env):
    case_study = env["hbri.case.study"].sudo().search([("state", "=", "published")], limit=1, order="id")
    return f"/library/case-study/{case_study.id}"


def published_event_path(env):
    event = env["event.event"].sudo().search([("website_published", "=", True)], limit=1, order="id")
    return f"/event/{env['ir.http']._slug(event)}/register"


# the member portal page, compared with two of Odoo's own pages (portal_roundtable, portal_list)
MY_ROUNDTABLE = Side(
    label="/my/roundtable",
    prepare=prepare_portal_session,
    run=portal_page("/my/roundtable"),
    check=check_portal_page("o_hbri_portal"),
)

OPERATIONS = [
    Operation(
        key="members_list",
        label="members list (web_search_read, 80 rows)",
        ours=members_list_side("hbri_member_view_list", "hbri_partnership.hbri_member_view_list"),
        odoo=members_list_side("Contacts list (base.view_partner_tree)", "base.view_partner_tree"),
        users=("admin", "staff", "facilitator"),
    ),
    Operation(
        key="membership_cron",
        label="membership states of all organizations",
        ours=Side(
            label="_cron_update_memberships()",
            run=lambda env, prepared: env["hbri.membership"]._cron_update_memberships(),
        ),
        odoo=Side(label="recompute commercial_partner_id", run=recompute_commercial_partner),
        users=("cron",),
    ),
    Operation(
        key="invite_members",
        label="invite members (500 representatives)",
        ours=Side(
            label="action_invite_members()",
            prepare=prepare_invite_session,
            run=lambda env, prepared: prepared[0].action_invite_members(),
            check=check_invitations,
        ),
        odoo=Side(
            label="event.registration create (500)",
            prepare=prepare_event,
            run=register_attendees,
            check=check_registrations,
        ),
        users=("admin", "secretariat"),
    ),
    Operation(
        key="read_group",
        label="members by sector, state (read_group)",
        ours=read_group_side("by hbri_sector_id, hbri_membership_state", ["hbri_sector_id", "hbri_membership_state"]),
        odoo=read_group_side("by country_id, state_id", ["country_id", "state_id"]),
        users=("admin", "staff", "facilitator"),
    ),
    Operation(
        key="mark_attendance",
        label="mark attendance (500 attendees)",
        ours=Side(
            label="action_mark_accepted_attended()",
            prepare=prepare_held_session,
            run=lambda env, prepared: prepared[0].action_mark_accepted_attended(),
            check=check_marked,
        ),
        odoo=Side(
            label="event.registration action_set_done() (500)",
            prepare=prepare_registrations,
            run=lambda env, prepared: prepared[1].action_set_done(),
        ),
        users=("admin", "secretariat"),
    ),
    Operation(
        key="attendance_xlsx",
        label="attendance matrix XLSX (20 sessions)",
        ours=Side(
            label="hbri.xlsx.export attendance matrix of 20 sessions",
            prepare=prepare_attendance_export,
            run=run_attendance_export,
            check=check_attendance_export,
            describe=describe_xlsx,
            trace_memory=True,
        ),
        odoo=Side(
            label="web's XLSX list export, as many rows x 22 columns (res.partner)",
            prepare=prepare_list_export,
            run=run_list_export,
            check=check_list_export,
            describe=describe_xlsx,
            trace_memory=True,
        ),
        users=("admin", "staff", "facilitator"),
    ),
    Operation(
        key="anonymization_scan",
        label="anonymize and scan a 10-page case study against everybody",
        ours=Side(
            label="hbri.anonymizer dictionary built cold (word n-gram hash tables) + replacement + residual scan",
            prepare=prepare_anonymization_scan,
            run=run_anonymization_scan,
            check=check_anonymization_scan,
            describe=describe_anonymization_scan,
            trace_memory=True,
        ),
        odoo=Side(
            label="one re.sub per known name on the HTML (the replacement as it was)",
            prepare=prepare_anonymization_scan,
            run=run_naive_replacement,
            trace_memory=True,
        ),
        users=("admin",),
    ),
    pdf_operation(
        "case_study_pdf",
        "case-study PDF (1)",
        ("Case Study (PDF) of 1 case study", prepare_case_studies(1), CASE_STUDY_REPORT),
        ("event's Attendee List (PDF) of 1 event of 20 registrations", prepare_events(1, 20)),
    ),
    pdf_operation(
        "case_study_pdf_20",
        "case-study PDF (20 in one PDF)",
        ("Case Study (PDF) of 20 case studies", prepare_case_studies(20), CASE_STUDY_REPORT),
        ("event's Attendee List (PDF) of 20 events of 20 registrations", prepare_events(20, 20)),
    ),
    pdf_operation(
        "sign_in_pdf",
        "sign-in sheet PDF (500 attendees)",
        (
            "Attendance Sign-in Sheet (PDF) of 1 session of 500 attendees",
            prepare_sign_in,
            "hbri_partnership.action_report_hbri_session_sign_in",
        ),
        ("event's Attendee List (PDF) of 1 event of 500 registrations", prepare_events(1, 500)),
    ),
    Operation(
        key="portal_roundtable",
        label="member portal page of a representative (HTTP GET)",
        ours=MY_ROUNDTABLE,
        odoo=Side(
            label="/my/home (Odoo's portal home)",
            prepare=prepare_portal_session,
            run=portal_page("/my/home"),
            check=check_portal_page("o_portal_my_home"),
        ),
        users=("portal",),
    ),
    Operation(
        key="portal_list",
        label="member portal page next to a list of as many rows (HTTP GET)",
        ours=MY_ROUNDTABLE,
        odoo=Side(
            label="/my/tasks (project's portal list, as many tasks as /my/roundtable has rows)",
            prepare=prepare_portal_session,
            run=portal_page("/my/tasks"),
            check=check_portal_page("o_portal_my_doc_table"),
        ),
        users=("portal",),
    ),
    Operation(
        key="library_list",
        label="website: case-study library list (anonymous)",
        ours=website_side("GET /library (12 case studies a page)", lambda env: "/library", "o_hbri_library_card"),
        odoo=website_side(
            "GET /event (website_event's list, 12 events a page)", lambda env: "/event", "o_wevent_index"
        ),
        warm_up=True,
    ),
    Operation(
        key="library_page",
        label="website: one case study page (anonymous)",
        ours=website_side("GET /library/case-study/<id>", published_case_study_path, "o_hbri_library_key_facts"),
        odoo=website_side("GET /event/<slug>/register (an event's page)", published_event_path, "o_wevent"),
        warm_up=True,
    ),
]


# ---------------------------------------------------------------------------------------------- measuring


@dataclass
class Measure:
    """The runs of one side as one user."""

    queries: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    commits: int = 0  # commits skipped, over all runs
    runs: int = 0  # runs made, the warm-up included
    messages: int = 0  # chatter messages (mail.message other than e-mails) the first run created
    emails: int = 0  # outgoing e-mails the first run queued
    description: str = ""  # what the first run produced
    peak_mib: float | None = None  # peak of Python memory of a run under tracemalloc

    @property
    def query_count(self):
        return int(statistics.median(self.queries))

    @property
    def min_ms(self):
        return 1000 * min(self.seconds)

    @property
    def median_ms(self):
        return 1000 * statistics.median(self.seconds)


@contextmanager
def commits_suppressed(cr, measure):
    """Code that commits on its own (Odoo's event mail scheduler commits every mail.batch_size e-mails outside
    tests) would keep its changes: its commits are counted and skipped, so that the run can be rolled back."""

    def skip_commit():
        measure.commits += 1

    cr.commit = skip_commit
    try:
        yield
    finally:
        del cr.commit


def user_environment(cr, data, user):
    if user == "cron":
        return api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
    uid = data.users[user]
    env = api.Environment(cr, uid, {"lang": "en_US", "tz": "Asia/Jakarta", "uid": uid})
    return env(context=dict(env.context, allowed_company_ids=env.user.company_ids.ids))


def last_message_id(cr):
    cr.execute("SELECT COALESCE(max(id), 0) FROM mail_message")
    return cr.fetchone()[0]


def count_messages(cr, after_id):
    """(chatter messages, e-mails) created since ``after_id``."""
    cr.execute(
        """SELECT count(*) FILTER (WHERE message_type != 'email_outgoing'),
                  count(*) FILTER (WHERE message_type = 'email_outgoing')
             FROM mail_message WHERE id > %s""",
        (after_id,),
    )
    return cr.fetchone()


def measure_side(registry, data, side, user, runs, warm_up=False):
    """``runs`` measured runs, each in its own cursor, rolled back. A first run shorter than WARM_UP_LIMIT (any
    first run with ``warm_up``) only warms the registry's caches up and is not counted; a longer one counts (the
    caches weigh nothing in it). The first run also counts the messages it created and checks its result."""
    measure = Measure()
    while len(measure.seconds) < runs:
        with closing(registry.cursor()) as cr, commits_suppressed(cr, measure):
            env = user_environment(cr, data, user)
            prepared = side.prepare(env, data)
            env.flush_all()
            env.invalidate_all()
            last_message = last_message_id(cr)
            before, before_all, started = cr.sql_log_count, odoo.sql_db.sql_counter, time.perf_counter()
            result = side.run(env, prepared)
            env.flush_all()
            seconds, queries = time.perf_counter() - started, cr.sql_log_count - before
            if side.http:
                # the request's queries run in the HTTP server's thread, on its own cursor
                queries = odoo.sql_db.sql_counter - before_all
            measure.runs += 1
            if measure.runs == 1:
                measure.messages, measure.emails = count_messages(cr, last_message)
                problem = side.check and side.check(env, prepared, result)
                if problem:
                    measure.problems.append(problem)
                if side.describe:
                    measure.description = side.describe(env, prepared, result)
            cr.rollback()
        if measure.runs > 1 or (seconds >= WARM_UP_LIMIT and not warm_up):
            measure.seconds.append(seconds)
            measure.queries.append(queries)
    if side.trace_memory:
        with closing(registry.cursor()) as cr, commits_suppressed(cr, measure):
            env = user_environment(cr, data, user)
            prepared = side.prepare(env, data)
            env.flush_all()
            env.invalidate_all()
            tracemalloc.start()
            try:
                side.run(env, prepared)
                measure.peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
            finally:
                tracemalloc.stop()
            cr.rollback()
    return measure


@dataclass
class Row:
    operation: Operation
    size: int
    user: str
    ours: Measure
    odoo: Measure

    @property
    def ratio(self):
        return self.ours.min_ms / self.odoo.min_ms if self.odoo.min_ms else float("inf")


def measure_operations(registry, data, runs, keys=None):
    rows = []
    for operation in OPERATIONS:
        if keys and operation.key not in keys:
            continue
        print(f"  {operation.label}", flush=True)
        print(f"      ours: {operation.ours.label}; Odoo: {operation.odoo.label}", flush=True)
        by_user = {}
        for user in operation.users:
            ours = measure_side(registry, data, operation.ours, user, runs, operation.warm_up)
            odoo_ = measure_side(registry, data, operation.odoo, user, runs, operation.warm_up)
            row = Row(operation, data.plan.size, user, ours, odoo_)
            rows.append(row)
            by_user[user] = row
            print(
                f"      {user:<12} ours {ours.query_count:>6} q {ours.min_ms:>9.1f} ms (median {ours.median_ms:.1f})"
                f"   Odoo {odoo_.query_count:>6} q {odoo_.min_ms:>9.1f} ms (median {odoo_.median_ms:.1f})"
                f"   ratio {row.ratio:.2f}",
                flush=True,
            )
            for side_label, measure in (("ours", ours), ("Odoo", odoo_)):
                details = [f"{measure.messages} chatter messages", f"{measure.emails} e-mails"]
                if measure.peak_mib is not None:
                    details.append(f"peak Python memory {measure.peak_mib:.1f} MiB")
                if measure.description:
                    details.append(measure.description)
                print(f"        {side_label}: {'; '.join(details)}", flush=True)
                for problem in measure.problems:
                    print(f"      WARNING {side_label}: {problem}", flush=True)
                if measure.commits:
                    print(
                        f"      note: {side_label} committed {measure.commits // measure.runs} time(s) a run"
                        " (skipped to roll back)",
                        flush=True,
                    )
        if len(by_user) > 1:
            admin, *others = by_user.values()
            for other in others:
                ours_diff = other.ours.query_count - admin.ours.query_count
                odoo_diff = other.odoo.query_count - admin.odoo.query_count
                print(f"      queries {other.user} - {admin.user}: ours {ours_diff:+d}, Odoo {odoo_diff:+d}")
    return rows


# ---------------------------------------------------------------------------------------------- databases


def copy_database(template, name):
    """Create ``name`` as a copy of ``template``, database and filestore, with Odoo's database manager (as
    ``odoo-bin db duplicate --force``): the previous ``name`` is dropped first."""
    config["list_db"] = True  # the database manager refuses to work otherwise (as odoo-bin db sets it)
    odoo.service.db.exp_drop(name)
    odoo.service.db.exp_duplicate_database(template, name)


# ---------------------------------------------------------------------------------------------- main


def bench_size(args, size):
    plan = plan_for(size)
    print(
        f"\n== size {size}: {size} organizations, {plan.series * QUARTERS} sessions of {plan.attendees[0]}-"
        f"{plan.attendees[1]} attendees, invitations to {plan.invited} representatives",
        flush=True,
    )
    copy_database(args.template, args.database)
    registry = Registry(args.database)
    started = time.perf_counter()
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        data = DataGenerator(env, plan).run()
        cr.execute("SELECT count(*) FROM res_partner")
        partners = cr.fetchone()[0]
        batch_size = env["ir.config_parameter"].get_param("mail.batch_size") or "50 (default)"
    print(
        f"  data generated in {time.perf_counter() - started:.0f} s: {partners} partners, "
        f"{len(data.session_ids)} sessions, {data.attendee_count} attendees; mail.batch_size {batch_size}",
        flush=True,
    )
    started = time.perf_counter()
    rows = measure_operations(registry, data, args.runs, args.operations and args.operations.split(","))
    print(f"  measured in {time.perf_counter() - started:.0f} s", flush=True)
    return rows


def print_table(rows):
    width = 128
    print("\n" + "-" * width)
    print(f"{'operation':<52} {'size':>6} {'user':<12} {'ours q/ms':>16} {'odoo q/ms':>16} {'ratio':>6} {'chatter':>9}")
    print("-" * width)
    for row in rows:
        ours = f"{row.ours.query_count}/{row.ours.min_ms:.1f}"
        odoo_ = f"{row.odoo.query_count}/{row.odoo.min_ms:.1f}"
        chatter = f"{row.ours.messages}/{row.odoo.messages}"
        print(
            f"{row.operation.label:<52} {row.size:>6} {row.user:<12} {ours:>16} {odoo_:>16} {row.ratio:>6.2f}"
            f" {chatter:>9}"
        )
    print("-" * width)
    print("ms: minimum of the measured runs; ratio: ours / Odoo's time; chatter: messages created, ours/Odoo's.")
    for row in rows:
        if row.ours.peak_mib is not None:
            print(
                f"peak Python memory, {row.operation.label}, size {row.size}, {row.user}: ours"
                f" {row.ours.peak_mib:.1f} MiB, Odoo's {row.odoo.peak_mib:.1f} MiB"
            )
    if rows:
        worst = max(rows, key=lambda row: row.ratio)
        print(f"worst ratio: {worst.ratio:.2f} ({worst.operation.label}, size {worst.size}, {worst.user})")


# ---------------------------------------------------------------------------------------------- HTTP

HTTP_URL = {"url": ""}  # of the HTTP server of this process
STYLESHEET_LOADS = {"count": 0}  # stylesheets served


def counting_application(environ, start_response):
    """Odoo's WSGI application, counting the stylesheets served (to wkhtmltopdf)."""
    path = environ.get("PATH_INFO", "")

    def counting_start_response(status, headers, *args):
        if path.startswith("/web/assets/") and path.endswith(".css") and status.startswith("200"):
            STYLESHEET_LOADS["count"] += 1
        return start_response(status, headers, *args)

    return odoo.http.root(environ, counting_start_response)


def start_http_server(database):
    """wkhtmltopdf loads the stylesheets of the reports over HTTP (``report.url``): serve ``database`` on the
    loopback interface from a thread of this process."""
    config["dbfilter"] = f"^{database}$"
    server = odoo.service.server.ThreadedServer(counting_application)
    server.http_spawn()
    HTTP_URL["url"] = f"http://127.0.0.1:{config['http_port']}"
    print(f"HTTP server for wkhtmltopdf on {HTTP_URL['url']}", flush=True)
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("--template", required=True, help="database with the modules installed, not modified")
    parser.add_argument("--database", default="hbri_bench", help="throwaway database, recreated for each size")
    parser.add_argument("--sizes", default="1000,10000,50000", help="numbers of organizations, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="measured runs of each side (after one warm-up)")
    parser.add_argument("--logfile", help="Odoo's log file (default: standard error)")
    parser.add_argument("--operations", help="keys of the operations to measure, comma-separated (default: all)")
    parser.add_argument("--http-port", type=int, default=8069, help="port of the HTTP server for wkhtmltopdf")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    odoo_args = ["-c", args.config, "--http-interface", "127.0.0.1", "--http-port", str(args.http_port)]
    if args.logfile:
        odoo_args += ["--logfile", args.logfile]
    config.parse_config(odoo_args, setup_logging=True)
    server = start_http_server(args.database)
    started = time.perf_counter()
    rows = []
    for size in sizes:
        rows += bench_size(args, size)
    print_table(rows)
    print(f"total {time.perf_counter() - started:.0f} s")
    server.httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
