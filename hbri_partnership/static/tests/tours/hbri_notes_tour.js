// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

// The facilitator opens the session, writes the notes, writes and releases the summary (Indonesian UI: the
// steps find buttons and fields by name, never by their English label).
registry.category("web_tour.tours").add("hbri_facilitator_notes_summary", {
    steps: () => [
        {
            content: "Open the session's off-the-record notes",
            trigger: ".o_form_view button.o_hbri_session_notes",
            run: "click",
        },
        {
            content: "Write new notes",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Write what was discussed",
            trigger: ".o_field_html[name=body] .odoo-editor-editable",
            run: "editor TOUR-NOTE peserta membahas skrining",
        },
        {
            content: "Save the notes",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The notes are saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Back to the session",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Sesi Tur Catatan)",
            run: "click",
        },
        {
            content: "Open the session's summary",
            trigger: ".o_form_view button.o_hbri_session_summaries",
            run: "click",
        },
        {
            content: "Write the summary",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Write what members learned",
            trigger: ".o_field_html[name=body] .odoo-editor-editable",
            run: "editor TOUR-SUMMARY pelajaran untuk anggota",
        },
        {
            content: "Save the summary",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The summary is saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Release it to the members",
            trigger: "button[name=action_release]",
            run: "click",
        },
        {
            content: "Confirm the release",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The summary is released",
            trigger: ".o_field_widget[name=state] button.o_arrow_button_current[data-value=released]",
        },
    ],
});

registry.category("web_tour.tours").add("hbri_member_reads_summary", {
    url: "/my/roundtable",
    steps: () => [
        {
            content: "Open the released summary",
            trigger: "a.o_hbri_summary",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The summary is shown",
            trigger: ".o_hbri_summary_page:contains(TOUR-SUMMARY)",
        },
    ],
});
