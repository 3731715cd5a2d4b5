// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The secretariat's journeys in the back office, clicked as a person clicks them, in Bahasa Indonesia: the
// selectors use field and button names, never labels.
import { registry } from "@web/core/registry";

const confirmDialog = (content) => ({
    content,
    trigger: ".modal .modal-footer button.btn-primary",
    run: "click",
});

// Odoo 19 shows a date as a button until it is clicked; the Indonesian date format is dd/mm/yyyy
const setFirstQuarter = (content) => [
    {
        content: `${content}: open the date picker`,
        trigger: ".o_field_widget[name=date_from] button",
        run: "click",
    },
    {
        content,
        trigger: ".o_field_widget[name=date_from] input",
        run: "edit 01/01/2030",
    },
    {
        content: `${content}: leave the field (the date is taken)`,
        trigger: ".o_field_widget[name=quarter_count] input",
        run: "click",
    },
];

const saveForm = () => [
    {
        content: "Save",
        trigger: ".o_form_button_save",
        run: "click",
    },
    {
        content: "Saved",
        trigger: ".o_form_saved",
    },
];

// (a) consultation → organization with a representative added on the Roundtable tab → guidelines → member
registry.category("web_tour.tours").add("hbri_journey_join", {
    url: "/odoo/action-hbri_partnership.hbri_member_action",
    steps: () => [
        {
            content: "A new organization",
            trigger: "body",
            run: "goToUrl /odoo/action-hbri_partnership.hbri_member_action/new",
            expectUnloadPage: true,
        },
        {
            content: "Name it",
            trigger: ".o_form_editable .o_field_widget[name=name] input",
            run: "edit PT Jalan Sehat",
        },
        {
            content: "Open its Roundtable tab",
            trigger: ".o_notebook .nav-link[name=hbri_roundtable]",
            run: "click",
        },
        {
            content: "Its sector",
            trigger: ".o_field_widget[name=hbri_sector_id] input",
            run: "edit Perusahaan",
        },
        {
            content: "Business (Perusahaan)",
            trigger: ".o-autocomplete--dropdown-item:contains(Perusahaan)",
            run: "click",
        },
        {
            content: "Add a representative on the Roundtable tab",
            trigger: ".o_field_widget[name=hbri_representative_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The representative's name",
            trigger: ".o_field_widget[name=hbri_representative_ids] .o_selected_row [name=name] input",
            run: "edit Dewi Jalan",
        },
        {
            content: "The representative's e-mail",
            trigger: ".o_field_widget[name=hbri_representative_ids] .o_selected_row [name=email] input",
            run: "edit dewi@jalansehat.example",
        },
        ...saveForm(),
        {
            content: "The representative is kept, no error",
            trigger: ".o_field_widget[name=hbri_representative_ids] .o_data_row:contains(Dewi Jalan)",
        },
        {
            content: "A consultation with it",
            trigger: "body",
            run: "goToUrl /odoo/action-hbri_partnership.hbri_consultation_action/new",
            expectUnloadPage: true,
        },
        {
            content: "Its subject",
            trigger: ".o_form_editable .o_field_widget[name=name] input",
            run: "edit Minat kemitraan kesehatan perempuan",
        },
        {
            content: "The organization",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit PT Jalan Sehat",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(PT Jalan Sehat)",
            run: "click",
        },
        {
            content: "The contact met: the organization's people only",
            trigger: ".o_field_widget[name=contact_ids] input",
            run: "edit Dewi",
        },
        {
            content: "Pick the representative",
            trigger: ".o-autocomplete--dropdown-item:contains(Dewi Jalan)",
            run: "click",
        },
        {
            content: "The organization is interested",
            trigger: ".o_statusbar_status button[data-value=interested]",
            run: "click",
        },
        {
            // a click on the status bar saves the record itself: no Save button to click after it
            content: "The status is kept",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=interested]",
        },
        {
            content: "Saved by the status bar",
            trigger: ".o_form_saved",
        },
        {
            content: "Invite it to membership",
            trigger: ".o_form_view button[name=action_invite_membership]",
            run: "click",
        },
        {
            content: "Its draft membership opens: record the guidelines accepted",
            trigger: ".o_form_view button[name=action_accept_current_guidelines]",
            run: "click",
        },
        {
            content: "Activate the membership",
            trigger: ".o_form_view button[name=action_activate]",
            run: "click",
        },
        {
            content: "The organization is a member",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=active]",
        },
    ],
});

// (b) plan a year without duplicates → confirm the host → invite (asked when the venue is missing) → held → attendance
registry.category("web_tour.tours").add("hbri_journey_quarter", {
    url: "/odoo/action-hbri_partnership.hbri_roundtable_session_action",
    steps: () => [
        {
            content: "Open the planner",
            trigger: "body",
            run: "goToUrl /odoo/action-hbri_partnership.hbri_session_planner_action",
            expectUnloadPage: true,
        },
        {
            content: "The preview lists the quarters to plan",
            trigger: ".o_field_widget[name=preview] li",
        },
        {
            content: "The default first quarter has no session yet: no duplicate flagged",
            trigger: ".o_field_widget[name=preview]:not(:has(.text-warning))",
        },
        ...setFirstQuarter("Start from the quarter of the session already planned"),
        {
            content: "The duplicate is flagged",
            trigger: ".o_field_widget[name=preview] li.text-warning",
        },
        {
            content: "Plan: the quarter that has a session is skipped",
            trigger: "button[name=action_plan]",
            run: "click",
        },
        {
            content: "The planned sessions are listed",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Open the session of today",
            trigger: "body",
            run: "goToUrl /odoo/action-hbri_partnership.hbri_roundtable_session_action",
            expectUnloadPage: true,
        },
        {
            content: "Choose it",
            trigger: ".o_data_row td:contains(Sesi Tur Hari Ini)",
            run: "click",
        },
        {
            content: "Confirm its host",
            trigger: ".o_form_view button[name=action_confirm_host]",
            run: "click",
        },
        {
            content: "The host is confirmed",
            trigger: ".o_form_view:not(:has(button[name=action_confirm_host]))",
        },
        {
            content: "Invite the members",
            trigger: ".o_form_view button[name=action_invite_members]",
            run: "click",
        },
        confirmDialog("Yes, invite"),
        {
            content: "Asked first: the session has no venue nor online link",
            trigger: ".modal .o_field_widget[name=issues]",
        },
        {
            content: "Complete the session first",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Nothing was sent",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=planned]",
        },
        {
            content: "Give the online link",
            trigger: ".o_field_widget[name=online_url] input",
            run: "edit https://meet.example.com/hbri",
        },
        ...saveForm(),
        {
            content: "Invite the members",
            trigger: ".o_form_view button[name=action_invite_members]",
            run: "click",
        },
        confirmDialog("Yes, invite"),
        {
            content: "How many were invited, said",
            trigger: ".o_notification:contains(PT Uji Coba)",
        },
        {
            content: "The invitations are sent",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=invited]",
        },
        {
            content: "Mark the session as held",
            trigger: ".o_form_view button[name=action_mark_held]",
            run: "click",
        },
        confirmDialog("Yes, it was held"),
        {
            content: "The session is held",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=held]",
        },
        {
            content: "Open the Attendees tab",
            trigger: ".o_notebook .nav-link[name=attendees]",
            run: "click",
        },
        {
            content: "Open the attendee's status",
            trigger: ".o_field_widget[name=attendee_ids] .o_data_row:contains(Ayu) td[name=state]",
            run: "click",
        },
        {
            content: "Edit the status",
            trigger: ".o_field_widget[name=attendee_ids] .o_data_row.o_selected_row td[name=state] input",
            run: "click",
        },
        {
            content: "Attended (Hadir)",
            trigger: ".o_select_menu_item:contains(Hadir)",
            run: "click",
        },
        ...saveForm(),
    ],
});

// (e) each silent mistake of a new user is refused, or asks first
registry.category("web_tour.tours").add("hbri_journey_mistakes", {
    url: "/odoo/action-hbri_partnership.hbri_roundtable_session_action",
    steps: () => [
        {
            content: "Open the session months ahead",
            trigger: ".o_data_row td:contains(Sesi Tur Tahun Depan)",
            run: "click",
        },
        {
            content: "Mark it as held",
            trigger: ".o_form_view button[name=action_mark_held]",
            run: "click",
        },
        confirmDialog("Asked first: confirm anyway"),
        {
            content: "Refused: it has not taken place",
            trigger: ".o_error_dialog:contains(2031)",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Still planned",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=planned]",
        },
        {
            content: "Open the Attendees tab",
            trigger: ".o_notebook .nav-link[name=attendees]",
            run: "click",
        },
        {
            content: "Open the attendee's status",
            trigger: ".o_field_widget[name=attendee_ids] .o_data_row:contains(Ayu) td[name=state]",
            run: "click",
        },
        {
            content: "Edit the status",
            trigger: ".o_field_widget[name=attendee_ids] .o_data_row.o_selected_row td[name=state] input",
            run: "click",
        },
        {
            content: "Attended (Hadir), for next year's session",
            trigger: ".o_select_menu_item:contains(Hadir)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Refused: the session has not started",
            trigger: ".o_error_dialog:contains(2031)",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Discard the change",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Invite the members",
            trigger: ".o_form_view button[name=action_invite_members]",
            run: "click",
        },
        confirmDialog("Yes, invite"),
        {
            content: "Asked first: no venue and no confirmed host",
            trigger: ".modal .o_field_widget[name=issues]",
        },
        {
            content: "Complete the session first",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Nothing was sent",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=planned]",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button",
            run: "click",
        },
        {
            content: "Archive is in the form's action menu",
            trigger: ".o-dropdown--menu .o-dropdown-item:has(.oi-archive)",
            run: "click",
        },
        confirmDialog("Yes, archive"),
        {
            content: "The session is archived (the dialog closed)",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The planner, on quarters that all have a session",
            trigger: "body",
            run: "goToUrl /odoo/action-hbri_partnership.hbri_session_planner_action",
            expectUnloadPage: true,
        },
        ...setFirstQuarter("Start from the quarter that has a session"),
        {
            content: "One quarter only",
            trigger: ".o_field_widget[name=quarter_count] input",
            run: "edit 1",
        },
        {
            content: "The duplicate is flagged",
            trigger: ".o_field_widget[name=preview] li.text-warning",
        },
        {
            content: "Plan",
            trigger: "button[name=action_plan]",
            run: "click",
        },
        {
            content: "Refused: nothing to plan without confirming a second session",
            trigger: ".o_error_dialog",
        },
    ],
});
