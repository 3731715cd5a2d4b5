// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hbri_portal_representative", {
    url: "/my/roundtable",
    steps: () => [
        {
            content: "Accept the Alpha invitation",
            trigger: ".o_hbri_invitation:contains(Alpha Roundtable) button.o_hbri_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is recorded",
            trigger: ".o_hbri_invitation:contains(Alpha Roundtable) .o_hbri_answer:contains(Accepted)",
        },
        {
            content: "Decline the Beta invitation",
            trigger: ".o_hbri_invitation:contains(Beta Roundtable) button.o_hbri_decline",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is recorded",
            trigger: ".o_hbri_invitation:contains(Beta Roundtable) .o_hbri_answer:contains(Declined)",
        },
        {
            content: "Each invitation has its calendar file",
            trigger: ".o_hbri_invitation:contains(Alpha Roundtable) a.o_hbri_ics[href*='/my/roundtable/ics/']",
        },
        {
            content: "A released toolkit can be downloaded",
            trigger: "a.o_hbri_toolkit_file[href*='/my/roundtable/toolkit/']",
        },
        {
            content: "Open the released summary",
            trigger: "a.o_hbri_summary",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The summary is shown",
            trigger: ".o_hbri_summary_page:contains(RELEASED-SUMMARY)",
        },
        {
            content: "Back to the roundtable page",
            trigger: ".breadcrumb a[href='/my/roundtable']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the case study awaiting approval",
            trigger: "a.o_hbri_case_study_open",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The draft is readable",
            trigger: ".o_hbri_case_study_page:contains(BG-OWN)",
        },
        {
            content: "Allow naming the organization",
            trigger: "input#hbri_scope_name",
            run: "click",
        },
        {
            content: "Approve",
            trigger: "button.o_hbri_approve",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The approval is recorded",
            trigger: "#wrap .alert-success",
        },
    ],
});
