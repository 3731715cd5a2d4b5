# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "HBRI Partnership Roundtable: Dashboard",
    "summary": "Spreadsheet dashboard of the roundtable: members, attendance, hosts, partnerships, case-study "
    "pipeline and technical assistance, with nothing off-the-record",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/hbri/hbri_partnership",
    "author": "HBRI Partnership Developers",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["hbri_partnership", "spreadsheet_dashboard"],
    "data": [
        "data/spreadsheet_dashboard_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hbri_partnership_dashboard/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
