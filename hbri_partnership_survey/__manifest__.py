# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "HBRI Partnership Roundtable: Session Evaluations",
    "summary": "Anonymous evaluation of each roundtable session by its attendees, with Odoo's Survey",
    "version": "19.0.1.3.0",
    "category": "Services/Roundtable",
    "website": "https://github.com/hbri/hbri_partnership",
    "author": "HBRI Partnership Developers",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["hbri_partnership", "survey"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/survey_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/hbri_roundtable_session_views.xml",
        "views/survey_survey_views.xml",
        "views/hbri_portal_templates.xml",
        "report/hbri_annual_report_templates.xml",
    ],
    "demo": ["demo/hbri_evaluation_demo.xml"],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
