// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hbri_dashboard_secretariat", {
    url: "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
    steps: () => [
        {
            content: "The Roundtable group lists the roundtable's dashboard",
            trigger: ".o_search_panel_section:contains(Roundtable) .o_search_panel_category_value[data-name=Roundtable]",
            run: "click",
        },
        {
            content: "It is the one shown",
            trigger: ".o_search_panel_category_value.active[data-name=Roundtable]",
        },
        {
            content: "Its charts are drawn",
            trigger: ".o_renderer .o-figure",
        },
        {
            content: "No loading error",
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status.error))",
        },
    ],
});
