# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The forum's annual report: a PDF (QWeb, with charts drawn as inline SVG) and a spreadsheet (xlsxwriter).

The figures are read as the printing user (no sudo): the menu is for the secretariat and administrators, who
read sessions, memberships, partnerships and case studies. Nothing off-the-record is read: no note, no summary,
no draft; case studies are listed by their printed title (anonymized when they are).
"""

import base64
import io
from datetime import date, datetime, time

import xlsxwriter
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

REPORT = "hbri_partnership.action_report_hbri_annual_report"
HELD_STATES = ("held", "closed")
COUNTED_MEMBERSHIP_STATES = ("active", "suspended", "ended", "withdrawn")
CHART_COLORS = ("#2f6f8f", "#e07a3f", "#5a9e6f", "#b5485d", "#7d6bb3", "#c9a227", "#4b8fb8")


class HbriAnnualReport(models.TransientModel):
    _name = "hbri.annual.report"
    _description = "Roundtable Annual Report"

    def _default_year(self):
        return fields.Date.context_today(self).year - 1

    year = fields.Integer(required=True, default=_default_year)
    language = fields.Selection([("id_ID", "Bahasa Indonesia"), ("en_US", "English")], required=True, default="id_ID")
    report_format = fields.Selection(
        [("pdf", "PDF"), ("xlsx", "Spreadsheet (XLSX)")], string="Format", required=True, default="pdf"
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 2000 <= wizard.year <= 2100:
                raise UserError(self.env._("Choose a year between 2000 and 2100, not %(year)s.", year=wizard.year))

    # ------------------------------------------------------------ actions
    def _check_may_print(self):
        if not (
            self.env.user.has_group("hbri_partnership.hbri_partnership_group_secretariat")
            or self.env.user.has_group("hbri_partnership.hbri_partnership_group_manager")
        ):
            raise AccessError(self.env._("Only the secretariat and administrators print the annual report."))

    def action_print(self):
        self.ensure_one()
        self._check_may_print()
        if self.report_format == "pdf":
            return self.env.ref(REPORT).report_action(self)
        name, content = self._render_xlsx()
        self.write({"file_data": base64.b64encode(content), "file_name": name})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/hbri.annual.report/{self.id}/file_data/{name}?download=true",
            "target": "download",
        }

    # ------------------------------------------------------------ figures
    def _get_lang(self):
        return self.env["res.lang"]._get_code(self.language) or "en_US"

    def _get_annual_data(self):
        """Every figure of the report, read in a number of queries that does not grow with the year's size."""
        self.ensure_one()
        self._check_may_print()
        env = self.with_context(lang=self._get_lang(), active_test=True).env
        company = self.company_id
        start, end = date(self.year, 1, 1), date(self.year, 12, 31)
        dt_start, dt_end = datetime.combine(start, time.min), datetime.combine(end, time.max)
        company_domain = [("company_id", "=", company.id)]

        # sessions held, their hosts, themes and attendance (no notes, no summaries)
        sessions = env["hbri.roundtable.session"].search(
            [
                *company_domain,
                ("state", "in", HELD_STATES),
                ("date_start", ">=", dt_start),
                ("date_start", "<=", dt_end),
            ],
            order="date_start, id",
        )
        attended = dict(
            env["hbri.session.attendee"]._read_group(
                [("session_id", "in", sessions.ids), ("state", "=", "attended")], ["session_id"], ["__count"]
            )
        )
        quarters = [0, 0, 0, 0]
        session_rows = []
        for session in sessions:
            count = attended.get(session, 0)
            quarters[(session.date_start.month - 1) // 3] += count
            session_rows.append(
                {
                    "date": fields.Datetime.context_timestamp(
                        session.with_context(tz=session.tz), session.date_start
                    ).date(),
                    "name": session.name or "",
                    "kind": dict(session._fields["kind"]._description_selection(env)).get(session.kind, ""),
                    "host": session.host_partner_id.name or "",
                    "themes": ", ".join(session.theme_ids.mapped("name")),
                    "attended": count,
                }
            )

        # members: at the year's end by sector, joined and left during the year
        Membership = env["hbri.membership"]
        member_domain = [*company_domain, ("state", "in", COUNTED_MEMBERSHIP_STATES)]
        at_end = Membership._read_group(
            [
                *member_domain,
                ("date_start", "<=", end),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", end),
                "|",
                ("date_withdrawn", "=", False),
                ("date_withdrawn", ">", end),
            ],
            ["sector_id"],
            ["partner_id:count_distinct"],
        )
        members_by_sector = sorted(
            ((sector.name or env._("No sector"), count) for sector, count in at_end),
            key=lambda item: (-item[1], item[0]),
        )
        joined = Membership.search(
            [
                *member_domain,
                ("previous_membership_id", "=", False),
                ("date_start", ">=", start),
                ("date_start", "<=", end),
            ],
            order="date_start, id",
        )
        left = Membership.search(
            [
                *member_domain,
                ("state", "in", ("ended", "withdrawn")),
                ("renewal_ids", "=", False),
                "|",
                "&",
                ("date_withdrawn", ">=", start),
                ("date_withdrawn", "<=", end),
                "&",
                ("date_withdrawn", "=", False),
                "&",
                ("date_end", ">=", start),
                ("date_end", "<=", end),
            ],
            order="date_end, id",
        )

        def member_row(membership, when):
            return {"name": membership.partner_id.name or "", "sector": membership.sector_id.name or "", "date": when}

        # partnerships formed, with their indicators
        partnerships = env["hbri.partnership"].search(
            [*company_domain, ("date_start", ">=", start), ("date_start", "<=", end)], order="date_start, id"
        )
        stages = dict(env["hbri.partnership"]._fields["stage"]._description_selection(env))
        partnership_rows = [
            {
                "name": partnership.name,
                "date": partnership.date_start,
                "stage": stages.get(partnership.stage, ""),
                "sectors": partnership.sector_mix_id.display_name or "",
                "indicators": [
                    {
                        "name": indicator.name,
                        "unit": indicator.unit or "",
                        "target": indicator.target,
                        "actual": indicator.actual,
                    }
                    for indicator in partnership.indicator_ids
                ],
            }
            for partnership in partnerships
        ]

        # case studies published: their titles as printed (anonymized ones anonymized)
        case_studies = env["hbri.case.study"].search(
            [
                *company_domain,
                ("state", "=", "published"),
                ("date_published", ">=", start),
                ("date_published", "<=", end),
            ],
            order="date_published, id",
        )
        printed = case_studies._get_print_values_batch() if case_studies else {}
        # the titles as they print, for them all at once (one anonymization dictionary, not one per case study)
        titles = case_studies._get_printed_titles() if case_studies else {}
        case_study_rows = [
            {
                "title": titles[case_study.id],
                "date": case_study.date_published,
                "anonymized": printed[case_study.id]["anonymized"],
            }
            for case_study in case_studies
        ]

        # toolkits released
        toolkits = env["hbri.toolkit"].search(
            [*company_domain, ("is_released", "=", True), ("date_released", ">=", start), ("date_released", "<=", end)],
            order="date_released, id",
        )
        kinds = dict(env["hbri.toolkit"]._fields["kind"]._description_selection(env))
        audiences = dict(env["hbri.toolkit"]._fields["audience"]._description_selection(env))
        toolkit_rows = [
            {
                "name": toolkit.name,
                "kind": kinds.get(toolkit.kind, ""),
                "audience": audiences.get(toolkit.audience, ""),
                "version": toolkit.version or "",
                "date": toolkit.date_released,
            }
            for toolkit in toolkits
        ]

        # technical assistance given (done during the year), hours by kind
        assistance = env["hbri.technical.assistance"]._read_group(
            [*company_domain, ("state", "=", "done"), ("date_due", ">=", start), ("date_due", "<=", end)],
            ["kind"],
            ["hours:sum", "__count", "partner_id:count_distinct"],
        )
        assistance_kinds = dict(env["hbri.technical.assistance"]._fields["kind"]._description_selection(env))
        assistance_rows = [
            {"kind": assistance_kinds.get(kind, ""), "hours": hours or 0.0, "count": count, "members": members}
            for kind, hours, count, members in assistance
        ]

        total_attended = sum(quarters)
        numbers = [
            (env._("Sessions held"), len(sessions)),
            (env._("Attendances"), total_attended),
            (env._("Member organizations at the end of the year"), sum(count for _sector, count in members_by_sector)),
            (env._("Members joined"), len(joined)),
            (env._("Members left"), len(left)),
            (env._("Partnerships formed"), len(partnerships)),
            (env._("Case studies published"), len(case_studies)),
            (env._("Toolkits released"), len(toolkits)),
            (env._("Hours of technical assistance"), round(sum(row["hours"] for row in assistance_rows), 1)),
        ]
        quarter_labels = [env._("Q%(quarter)s", quarter=index) for index in range(1, 5)]
        return {
            "year": self.year,
            "company": company,
            "session_ids": sessions.ids,  # for the companions' sections (session evaluations)
            "numbers": numbers,
            "sessions": session_rows,
            "members_by_sector": members_by_sector,
            "attendance_by_quarter": list(zip(quarter_labels, quarters, strict=True)),
            "joined": [member_row(m, m.date_start) for m in joined],
            "left": [member_row(m, m.date_withdrawn or m.date_end) for m in left],
            "partnerships": partnership_rows,
            "case_studies": case_study_rows,
            "toolkits": toolkit_rows,
            "assistance": assistance_rows,
            "assistance_hours": round(sum(row["hours"] for row in assistance_rows), 1),
        }

    # ------------------------------------------------------------ charts
    @api.model
    def _svg_bar_chart(self, items, horizontal=True, width=640):
        """An inline SVG bar chart of [(label, value)] that wkhtmltopdf draws (no script, no CSS variables)."""
        items = [(str(label), value or 0) for label, value in items]
        if not items:
            return Markup("")
        top = max(value for _label, value in items) or 1
        parts = []
        if horizontal:
            bar, gap, label_width = 22, 8, 200
            height = len(items) * (bar + gap) + gap
            scale = (width - label_width - 60) / top
            for index, (label, value) in enumerate(items):
                y = gap + index * (bar + gap)
                length = max(value * scale, 1)
                color = CHART_COLORS[index % len(CHART_COLORS)]
                parts.append(
                    Markup(
                        '<text x="{lx}" y="{ty}" font-size="12" text-anchor="end" fill="#333">{label}</text>'
                        '<rect x="{x}" y="{y}" width="{w:.1f}" height="{h}" fill="{color}"/>'
                        '<text x="{vx:.1f}" y="{ty}" font-size="12" fill="#333">{value}</text>'
                    ).format(
                        lx=label_width - 8,
                        ty=y + bar - 6,
                        label=escape(label),
                        x=label_width,
                        y=y,
                        w=length,
                        h=bar,
                        color=color,
                        vx=label_width + length + 6,
                        value=value,
                    )
                )
        else:
            height, base, column_gap = 220, 190, 30
            column = (width - column_gap * (len(items) + 1)) / len(items)
            scale = (base - 30) / top
            for index, (label, value) in enumerate(items):
                x = column_gap + index * (column + column_gap)
                length = max(value * scale, 1)
                parts.append(
                    Markup(
                        '<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{color}"/>'
                        '<text x="{cx:.1f}" y="{vy:.1f}" font-size="12" text-anchor="middle" fill="#333">{value}</text>'
                        '<text x="{cx:.1f}" y="{ly}" font-size="12" text-anchor="middle" fill="#333">{label}</text>'
                    ).format(
                        x=x,
                        y=base - length,
                        w=column,
                        h=length,
                        color=CHART_COLORS[0],
                        cx=x + column / 2,
                        vy=base - length - 6,
                        value=value,
                        ly=base + 18,
                        label=escape(label),
                    )
                )
            parts.append(Markup('<line x1="0" y1="{b}" x2="{w}" y2="{b}" stroke="#999"/>').format(b=base, w=width))
        return Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
            'font-family="DejaVu Sans, sans-serif">{body}</svg>'
        ).format(w=width, h=height, body=Markup("").join(parts))

    # ------------------------------------------------------------ spreadsheet
    def _render_xlsx_sheets(self, data, sheet, workbook):
        """Hook: the companions' sheets, after the report's own. ``sheet(name, headers, rows, widths)`` adds one
        (dates, numbers and text written as such); ``workbook`` is the xlsxwriter workbook, for formats."""

    def _render_xlsx(self):
        """(file name, content) of the spreadsheet: one sheet per part of the report."""
        self.ensure_one()
        data = self._get_annual_data()
        env = self.with_context(lang=self._get_lang()).env
        output = io.BytesIO()
        with xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False}) as workbook:
            bold = workbook.add_format({"bold": True})
            title = workbook.add_format({"bold": True, "font_size": 14})
            day = workbook.add_format({"num_format": "yyyy-mm-dd"})

            def sheet(name, headers, rows, widths=None):
                worksheet = workbook.add_worksheet(name[:31])
                for col, header in enumerate(headers):
                    worksheet.write_string(0, col, header, bold)
                    worksheet.set_column(col, col, (widths or {}).get(col, 18))
                for row_index, row in enumerate(rows, start=1):
                    for col, value in enumerate(row):
                        if isinstance(value, date):
                            worksheet.write_datetime(row_index, col, datetime.combine(value, time.min), day)
                        elif isinstance(value, (int, float)) and not isinstance(value, bool):
                            worksheet.write_number(row_index, col, value)
                        else:
                            worksheet.write_string(row_index, col, str(value or ""))
                return worksheet

            summary = sheet(env._("Year in Numbers"), [env._("Figure"), env._("Value")], data["numbers"], {0: 45})
            summary.write_string(len(data["numbers"]) + 2, 0, env._("Annual report %(year)s", year=data["year"]), title)
            sheet(
                env._("Sessions"),
                [env._("Date"), env._("Session"), env._("Kind"), env._("Host"), env._("Themes"), env._("Attended")],
                [(r["date"], r["name"], r["kind"], r["host"], r["themes"], r["attended"]) for r in data["sessions"]],
                {1: 40, 3: 30, 4: 40},
            )
            sheet(
                env._("Members by Sector"),
                [env._("Sector"), env._("Member organizations")],
                data["members_by_sector"],
                {0: 30},
            )
            sheet(
                env._("Attendance by Quarter"), [env._("Quarter"), env._("Attendances")], data["attendance_by_quarter"]
            )
            sheet(
                env._("Members Joined"),
                [env._("Organization"), env._("Sector"), env._("Date")],
                [(r["name"], r["sector"], r["date"]) for r in data["joined"]],
                {0: 40},
            )
            sheet(
                env._("Members Left"),
                [env._("Organization"), env._("Sector"), env._("Date")],
                [(r["name"], r["sector"], r["date"]) for r in data["left"]],
                {0: 40},
            )
            indicator_rows = []
            for partnership in data["partnerships"]:
                head = (partnership["name"], partnership["date"], partnership["stage"], partnership["sectors"])
                if not partnership["indicators"]:
                    indicator_rows.append((*head, "", "", "", ""))
                for indicator in partnership["indicators"]:
                    indicator_rows.append(
                        (*head, indicator["name"], indicator["unit"], indicator["target"], indicator["actual"])
                    )
            sheet(
                env._("Partnerships"),
                [
                    env._("Partnership"),
                    env._("Start"),
                    env._("Stage"),
                    env._("Sectors"),
                    env._("Indicator"),
                    env._("Unit"),
                    env._("Target"),
                    env._("Actual"),
                ],
                indicator_rows,
                {0: 40, 3: 30, 4: 35},
            )
            sheet(
                env._("Case Studies"),
                [env._("Title"), env._("Published on"), env._("Anonymized")],
                [
                    (r["title"], r["date"], env._("Yes") if r["anonymized"] else env._("No"))
                    for r in data["case_studies"]
                ],
                {0: 60},
            )
            sheet(
                env._("Toolkits"),
                [env._("Toolkit"), env._("Kind"), env._("Audience"), env._("Version"), env._("Released on")],
                [(r["name"], r["kind"], r["audience"], r["version"], r["date"]) for r in data["toolkits"]],
                {0: 50},
            )
            sheet(
                env._("Technical Assistance"),
                [env._("Kind"), env._("Hours"), env._("Assignments"), env._("Members helped")],
                [(r["kind"], r["hours"], r["count"], r["members"]) for r in data["assistance"]],
                {0: 30},
            )
            self._render_xlsx_sheets(data, sheet, workbook)
        return f"hbri-annual-report-{self.year}.xlsx", output.getvalue()
