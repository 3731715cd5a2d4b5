// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hbri_anonymization_writer", {
    steps: () => [
        {
            content: "Open the anonymized preview",
            trigger: ".o_notebook .nav-link[name=anonymized_preview]",
            run: "click",
        },
        {
            content: "The replaced names are highlighted",
            trigger: ".o_hbri_anonymized_preview mark",
        },
        {
            content: "The residual hit is listed",
            trigger: ".o_hbri_anonymization_hits:contains(PT Maju)",
        },
        {
            content: "Review the hits",
            trigger: "button[name=action_review_anonymization_hits]",
            run: "click",
        },
        {
            content: "Mark the hit harmless",
            trigger: ".modal .o_data_row:contains(PT Maju) .o_field_widget[name=harmless] input",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_mark_harmless]",
            run: "click",
        },
        {
            content: "The mark is listed for the approver",
            trigger: ".o_field_widget[name=anonymization_mark_ids] .o_data_row:contains(PT Maju)",
        },
        {
            content: "Request the members' approval",
            trigger: ".o_form_view button[name=action_request_approval]",
            run: "click",
        },
        {
            content: "The case study awaits the members' approval",
            trigger: ".o_statusbar_status button[data-value=awaiting].o_arrow_button_current",
        },
    ],
});
