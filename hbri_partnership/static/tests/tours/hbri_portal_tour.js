// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

// A representative on a phone, in Indonesian: answers an invitation, reads, signs and approves a case study.
// Selectors only (no text): the tour runs whatever the interface language.
registry.category("web_tour.tours").add("hbri_portal_representative", {
    url: "/my/roundtable",
    steps: () => [
        {
            content: "The invitation awaiting an answer comes first and says it is not answered",
            trigger: "#hbri_upcoming .o_hbri_invitation:first:contains(Alpha Roundtable) .o_hbri_answer.text-bg-warning",
        },
        {
            content: "Accept the Alpha invitation",
            trigger: ".o_hbri_invitation:contains(Alpha Roundtable) button.o_hbri_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The Accept button shows the answer given",
            trigger:
                ".o_hbri_invitation:contains(Alpha Roundtable) button.o_hbri_accept.active[aria-pressed=true]",
        },
        {
            content: "The venue and the online link are on the card",
            trigger: ".o_hbri_invitation:contains(Alpha Roundtable) .o_hbri_venue:contains(Hotel Sahid)",
        },
        {
            content: "Open the case study awaiting approval",
            trigger: "#hbri_awaiting a.o_hbri_case_study_open",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The text to approve is shown as it prints",
            trigger: ".o_hbri_print_text:contains(Company awaiting)",
        },
        {
            content: "Allow naming the organization",
            trigger: "input#hbri_scope_name",
            run: "click",
        },
        {
            content: "Sign and approve (the signature is written from the name)",
            trigger: "button.o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The approval is recorded",
            trigger: "#wrap .alert-success",
        },
        {
            content: "The case study left what awaits the member and shows who approved",
            trigger: "#hbri_approved .o_hbri_approved:contains(Company awaiting)",
        },
        {
            content: "Nothing is left to approve",
            trigger: "body:not(:has(#hbri_awaiting))",
        },
        {
            content: "A past session's row fits the phone's screen: its summary link shows without scrolling sideways",
            trigger: "#hbri_past .o_hbri_past a.o_hbri_summary",
            async run(helpers) {
                const table = this.anchor.closest(".table-responsive");
                const link = this.anchor.getBoundingClientRect();
                if (table.scrollWidth > table.clientWidth || link.right > window.innerWidth) {
                    throw new Error(
                        `The past sessions' table is ${table.scrollWidth} px wide on a ${table.clientWidth} px ` +
                            `screen: the summary link ends at ${Math.round(link.right)} px`
                    );
                }
                await helpers.click();
            },
            expectUnloadPage: true,
        },
        {
            content: "The summary is shown",
            trigger: ".o_hbri_summary_page",
        },
    ],
});

// The secretariat, in the back office, finds the member's consent on the case study.
registry.category("web_tour.tours").add("hbri_portal_consent_backoffice", {
    steps: () => [
        {
            content: "Open the consents of the case study",
            trigger: ".o_notebook a[name=consents]",
            run: "click",
        },
        {
            content: "The representative's consent is listed",
            trigger: ".o_field_widget[name=consent_ids] .o_data_row:contains(Ayu Representative)",
        },
    ],
});
