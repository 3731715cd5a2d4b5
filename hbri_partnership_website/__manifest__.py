# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "HBRI Partnership Case Study Library",
    "summary": "Public website library of the roundtable's published case studies and toolkits",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "website": "https://github.com/hbri/hbri_partnership",
    "author": "HBRI Partnership Developers",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["hbri_partnership", "website"],
    "data": [
        "data/website_menu_data.xml",
        "views/hbri_library_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hbri_partnership_website/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/hbri_library_demo.xml",
    ],
}
