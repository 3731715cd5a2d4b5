# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The annual report's evaluation results: per session of the year and for the year.

Only the figures Survey's answers add up to (answers, average usefulness, willing to present or host), only for
sessions with at least the minimum number of answers (the sessions' stored ``evaluation_is_shown``), never a
free-text answer nor anything that tells who answered: the same rule as the session form and the dashboard.
"""

from odoo import models


class HbriAnnualReport(models.TransientModel):
    _inherit = "hbri.annual.report"

    def _get_annual_data(self):
        data = super()._get_annual_data()
        env = self.with_context(lang=self._get_lang(), active_test=True).env
        # the printing user reads the sessions' stored totals (internal users' fields); nothing else is read here
        sessions = env["hbri.roundtable.session"].browse(data["session_ids"])
        evaluated = sessions.filtered(lambda s: s.evaluation_invited_count)
        shown = evaluated.filtered("evaluation_is_shown")
        rows = [
            {
                "date": row["date"],
                "name": row["name"],
                "invited": session.evaluation_invited_count,
                "answered": session.evaluation_answered_count,
                "usefulness": session.evaluation_usefulness_avg,
                "present": session.evaluation_present_count,
                "host": session.evaluation_host_count,
            }
            for session, row in zip(sessions, data["sessions"], strict=True)
            if session in shown
        ]
        answered = sum(row["answered"] for row in rows)
        data["evaluations"] = {
            "sessions": rows,
            "hidden": len(evaluated) - len(shown),
            "min_answers": env["hbri.roundtable.session"]._get_evaluation_min_answers(),
            "invited": sum(row["invited"] for row in rows),
            "answered": answered,
            "usefulness": self._get_year_usefulness(shown),
            "present": sum(row["present"] for row in rows),
            "host": sum(row["host"] for row in rows),
        }
        evaluations = data["evaluations"]
        evaluations["intro"] = env._(
            "Anonymous answers of the attendees. Only sessions with at least %(minimum)s answers are shown, and no "
            "answer is quoted.",
            minimum=evaluations["min_answers"],
        )
        evaluations["hidden_note"] = (
            env._(
                "%(count)s session(s) with fewer than %(minimum)s answers are left out: their figures would tell "
                "who answered what.",
                count=evaluations["hidden"],
                minimum=evaluations["min_answers"],
            )
            if evaluations["hidden"]
            else ""
        )
        data["numbers"].append((env._("Session evaluations answered"), answered))
        return data

    def _get_year_usefulness(self, sessions):
        """The average of every usefulness score given to these sessions (each answer weighs the same), rounded
        to two decimals; 0 without any."""
        if not sessions:
            return 0.0
        # sudo: the invitations (who was invited) are for system administrators; only the answers' scores are
        # added up, in two queries whatever the number of sessions or answers
        inputs = (
            self.env["hbri.session.evaluation"]
            .sudo()
            .search_fetch([("session_id", "in", sessions.ids), ("is_answered", "=", True)], ["user_input_id"])
            .user_input_id
        )
        [(total, count)] = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                [
                    ("user_input_id", "in", inputs.ids),
                    ("question_id.hbri_evaluation_key", "=", "usefulness"),
                    ("answer_type", "=", "scale"),
                    ("skipped", "=", False),
                ],
                [],
                ["value_scale:sum", "__count"],
            )
        )
        return round(total / count, 2) if count else 0.0

    def _render_xlsx_sheets(self, data, sheet, workbook):
        res = super()._render_xlsx_sheets(data, sheet, workbook)
        env = self.with_context(lang=self._get_lang()).env
        evaluations = data["evaluations"]
        rows = [
            (r["date"], r["name"], r["invited"], r["answered"], r["usefulness"], r["present"], r["host"])
            for r in evaluations["sessions"]
        ]
        if rows:
            rows.append(
                (
                    "",
                    env._("The year"),
                    evaluations["invited"],
                    evaluations["answered"],
                    evaluations["usefulness"],
                    evaluations["present"],
                    evaluations["host"],
                )
            )
        worksheet = sheet(
            env._("Session Evaluations"),
            [
                env._("Date"),
                env._("Session"),
                env._("Evaluations sent"),
                env._("Answers"),
                env._("Average usefulness (1 to 5)"),
                env._("Willing to present"),
                env._("Willing to host"),
            ],
            rows,
            {1: 40},
        )
        if evaluations["hidden_note"]:
            worksheet.write_string(len(rows) + 2, 0, evaluations["hidden_note"])
        return res
