# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A time limit for wkhtmltopdf (used by ir_actions_report.py, where the user's message is raised)."""

import contextlib
import os
import signal
import subprocess
from contextvars import ContextVar

from odoo.tools import config

from odoo.addons.base.models import ir_actions_report as base_ir_actions_report

# A wkhtmltopdf that hangs (a page that never finishes loading, a stuck font cache) would hold the worker until
# Odoo's limit_time_real kills it, and the user would get the proxy's bare "502 Bad Gateway". It is given
# `hbri_partnership.pdf_timeout` seconds (60 by default, at most three quarters of limit_time_real), then it is
# killed with its process group and the user is told.
PDF_TIMEOUT_PARAM = "hbri_partnership.pdf_timeout"
PDF_TIMEOUT_DEFAULT = 60
pdf_timeout = ContextVar("hbri_pdf_timeout", default=None)


class PdfTimeoutError(Exception):
    pass


def _run_wkhtmltopdf_within_timeout(args):
    """Odoo's module-level ``_run_wkhtmltopdf`` (the one place it starts wkhtmltopdf), with a time limit when
    this addon's ``ir.actions.report._run_wkhtmltopdf`` set one; as Odoo's otherwise (a database without the
    addon, served by the same process)."""
    timeout = pdf_timeout.get()
    if timeout is None:
        return _odoo_run_wkhtmltopdf(args)
    command = [base_ir_actions_report._wkhtml().bin, *args]
    # its own process group: a wrapper script's children are killed with it
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8", start_new_session=True
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):  # it ended in the meantime
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfTimeoutError() from None
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


_odoo_run_wkhtmltopdf = getattr(
    base_ir_actions_report._run_wkhtmltopdf, "hbri_odoo_function", base_ir_actions_report._run_wkhtmltopdf
)
_run_wkhtmltopdf_within_timeout.hbri_odoo_function = _odoo_run_wkhtmltopdf
base_ir_actions_report._run_wkhtmltopdf = _run_wkhtmltopdf_within_timeout


def get_pdf_timeout(env):
    """Seconds wkhtmltopdf may take: the system parameter, kept well below the worker's limit_time_real so that
    the user reads a message before the worker is killed."""
    # sudo: a setting read by every user who prints; system parameters are readable by administrators only
    value = env["ir.config_parameter"].sudo().get_param(PDF_TIMEOUT_PARAM, "")
    try:
        timeout = int(value) if value else PDF_TIMEOUT_DEFAULT
    except ValueError:
        timeout = PDF_TIMEOUT_DEFAULT
    if timeout <= 0:
        timeout = PDF_TIMEOUT_DEFAULT
    limit_time_real = config["limit_time_real"]
    if limit_time_real and limit_time_real > 0:
        timeout = min(timeout, max(1, int(limit_time_real * 3 / 4)))
    return timeout
