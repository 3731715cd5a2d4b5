# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "HBRI Partnership Roundtable",
    "summary": "Members-only, multi-sector partnership roundtable: members, memberships, "
    "consultations and off-the-record sessions",
    "version": "19.0.1.0.0",
    "category": "Services/Roundtable",
    "website": "https://github.com/hbri/hbri_partnership",
    "author": "HBRI Partnership Developers",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["calendar", "contacts", "mail", "portal"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/hbri_partnership_groups.xml",
        "security/ir.model.access.csv",
        "data/hbri_sector_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/hbri_partnership_menus.xml",
        "views/hbri_sector_views.xml",
        "views/hbri_guideline_views.xml",
        "views/hbri_membership_views.xml",
        "views/hbri_consultation_views.xml",
        "views/hbri_roundtable_session_views.xml",
        "views/hbri_session_attendee_views.xml",
        "views/res_partner_views.xml",
        "views/hbri_rsvp_templates.xml",
        "wizard/hbri_membership_withdraw_views.xml",
        "wizard/hbri_session_planner_views.xml",
        "security/hbri_partnership_security.xml",
    ],
    "demo": [
        "demo/hbri_partnership_demo.xml",
    ],
}
