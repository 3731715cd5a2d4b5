// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The session form's safeguards, clicked as the secretariat clicks them, in Bahasa Indonesia: a second session in
// a quarter, e-mails the mail server did not take, a PDF that takes too long. Selectors use field and button
// names; the texts matched are the Indonesian words the user reads.
import { registry } from "@web/core/registry";

const closeDialog = (content) => ({
    content,
    trigger: ".modal .modal-footer button.btn-primary",
    run: "click",
});

// (a) a second session in a quarter is refused with the message; ticking the box saves it
registry.category("web_tour.tours").add("hbri_session_additional", {
    url: "/odoo/action-hbri_partnership.hbri_roundtable_session_action",
    steps: () => [
        {
            content: "A new session",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_form_editable .o_field_widget[name=name] input",
            run: "edit Sesi Tambahan Tur",
        },
        {
            content: "Open the start date",
            trigger: ".o_field_widget[name=date_start] :is(button, input)",
            run: "click",
        },
        {
            content: "A day of the first quarter of 2030, which already has a session",
            trigger: ".o_field_widget[name=date_start] input",
            run: "edit 12/03/2030 09:00:00",
        },
        {
            content: "Leave the field (the date is taken)",
            trigger: ".o_form_editable .o_field_widget[name=name] input",
            run: "click",
        },
        {
            content: "Warned at once: the quarter already has Sesi Kuartal Pertama",
            trigger: ".modal:contains(Triwulan ini sudah memiliki sesi):contains(Sesi Kuartal Pertama)",
        },
        closeDialog("Close the warning"),
        {
            content: "Save anyway",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Refused with the message naming the quarter, the other session and the tick box",
            trigger: ".o_error_dialog:contains(2030-Q1):contains(Sesi Kuartal Pertama)",
        },
        closeDialog("Close the message"),
        {
            content: "Tick Additional Session in Its Quarter",
            trigger: ".o_field_widget[name=is_additional] input",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "No message left on the screen",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});

// (b) e-mails the mail server did not take: the banner tells how many; Retry Now puts them back in the queue
registry.category("web_tour.tours").add("hbri_session_mail_retry", {
    url: "/odoo/action-hbri_partnership.hbri_roundtable_session_action",
    steps: () => [
        {
            content: "Open the session",
            trigger: ".o_data_row td:contains(Sesi Surat Tertahan)",
            run: "click",
        },
        {
            content: "The banner tells that two e-mails were not sent",
            trigger: ".o_hbri_mail_retry:visible:contains(2 e-mail)",
        },
        {
            content: "No ribbon lies over Retry Now (the off-the-record ribbon hid its text)",
            trigger: ".o_hbri_mail_retry button[name=action_retry_unsent_mails]:visible",
            run() {
                const button = document.querySelector(".o_hbri_mail_retry button[name=action_retry_unsent_mails]");
                const box = button.getBoundingClientRect();
                for (const ribbon of document.querySelectorAll(".o_form_view .ribbon")) {
                    const r = ribbon.getBoundingClientRect();
                    if (r.width && box.left < r.right && r.left < box.right && box.top < r.bottom && r.top < box.bottom) {
                        throw new Error(`Retry Now lies under the ribbon "${ribbon.innerText}"`);
                    }
                }
            },
        },
        {
            content: "Retry Now",
            trigger: ".o_hbri_mail_retry button[name=action_retry_unsent_mails]",
            run: "click",
        },
        {
            content: "Told that they are in the queue again",
            trigger: ".o_notification:contains(2 e-mail kembali masuk antrean pengiriman)",
        },
        {
            content: "The banner now waits for the queue (next attempt: now)",
            trigger: ".o_hbri_mail_retry:visible:contains(belum dapat dikirim)",
        },
    ],
});

// (c) a PDF that takes too long: the user reads the message, and the form goes on working
registry.category("web_tour.tours").add("hbri_session_pdf_time_limit", {
    url: "/odoo/action-hbri_partnership.hbri_roundtable_session_action",
    steps: () => [
        {
            content: "Open the session",
            trigger: ".o_data_row td:contains(Sesi Cetak Lambat)",
            run: "click",
        },
        {
            content: "The session's form is open",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Sesi Cetak Lambat)",
        },
        {
            content: "Open the form's actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Open Print",
            trigger: ".o-dropdown--menu button:has(.fa-print)",
            run: "click",
        },
        {
            content: "Print the invitation and agenda",
            trigger: ".o-dropdown--menu .o_menu_item:contains(Undangan dan Agenda)",
            run: "click",
        },
        {
            content: "The message: the PDF could not be produced within 2 seconds",
            trigger: ".modal:contains(PDF tidak dapat dibuat dalam 2 detik)",
        },
        closeDialog("Close the message"),
        {
            content: "The form goes on working: rename the session",
            trigger: ".o_form_editable .o_field_widget[name=name] input",
            run: "edit Sesi Cetak Lambat Diganti",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
