// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hbri_backoffice_secretariat", {
    url: "/odoo/action-hbri_partnership.hbri_roundtable_session_action",
    steps: () => [
        {
            content: "Create a member organization",
            trigger: "body",
            run: "goToUrl /odoo/action-hbri_partnership.hbri_member_action/new",
            expectUnloadPage: true,
        },
        {
            content: "Name the organization",
            trigger: ".o_form_editable .o_field_widget[name=name] input",
            run: "edit PT Tur Sehat",
        },
        {
            content: "Open its Roundtable tab",
            trigger: ".o_notebook .nav-link:contains(Roundtable)",
            run: "click",
        },
        {
            content: "Choose its sector",
            trigger: ".o_field_widget[name=hbri_sector_id] input",
            run: "edit Business",
        },
        {
            content: "Pick the Business sector",
            trigger: ".o-autocomplete--dropdown-item:contains(Business)",
            run: "click",
        },
        {
            content: "Open its memberships (saves the organization)",
            trigger: "button[name=action_hbri_view_memberships]",
            run: "click",
        },
        {
            content: "Record a membership",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Save the membership",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The membership is named after its organization",
            trigger: ".o_breadcrumb .active:contains(PT Tur Sehat /)",
        },
        {
            // the name shows before the save ends: leaving the page earlier would save the record a second time
            content: "The membership is saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Go to the sessions",
            trigger: "body",
            run: "goToUrl /odoo/action-hbri_partnership.hbri_roundtable_session_action",
            expectUnloadPage: true,
        },
        {
            content: "Open the Sessions menu",
            trigger: ".o_main_navbar button:contains(Sessions)",
            run: "click",
        },
        {
            content: "Open the quarterly planner",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Plan)",
            run: "click",
        },
        {
            content: "Plan the sessions",
            trigger: ".modal button[name=action_plan]",
            run: "click",
        },
        {
            content: "The planned sessions are listed",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Back to all sessions",
            trigger: "body",
            run: "goToUrl /odoo/action-hbri_partnership.hbri_roundtable_session_action",
            expectUnloadPage: true,
        },
        {
            content: "Open the tour session",
            trigger: ".o_data_row td:contains(Tour Session)",
            run: "click",
        },
        {
            content: "Invite the members",
            trigger: ".o_form_view button[name=action_invite_members]",
            run: "click",
        },
        {
            content: "Confirm the invitations",
            trigger: ".modal-footer button:contains(Ok)",
            run: "click",
        },
        {
            content: "The invitations are sent",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Invitations Sent)",
        },
        {
            content: "Mark the session as held",
            trigger: ".o_form_view button[name=action_mark_held]",
            run: "click",
        },
        {
            content: "The session is held",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Held)",
        },
        {
            content: "Open the Attendees tab",
            trigger: ".o_notebook a.nav-link:contains(Attendees)",
            run: "click",
        },
        {
            content: "Open the attendee's status",
            trigger: ".o_field_widget[name=attendee_ids] .o_data_row:contains(Ayu) td[name=state]",
            run: "click",
        },
        {
            content: "Mark the attendee as attended",
            trigger: ".o_field_widget[name=attendee_ids] .o_data_row.o_selected_row td[name=state] input",
            run: "click",
        },
        {
            content: "Choose Attended",
            trigger: ".o_select_menu_item:contains(Attended)",
            run: "click",
        },
        {
            content: "Save the session",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Go to the presentations",
            trigger: "body",
            run: "goToUrl /odoo/action-hbri_partnership.hbri_presentation_action",
            expectUnloadPage: true,
        },
        {
            content: "Open the tour presentation",
            trigger: ".o_data_row td:contains(Tour Presentation)",
            run: "click",
        },
        {
            content: "Draft a case study from it",
            trigger: ".o_form_view button[name=action_create_case_study]",
            run: "click",
        },
        {
            content: "Submit the draft for review",
            trigger: ".o_form_view button[name=action_submit_review]",
            run: "click",
        },
        {
            content: "Request the members' approval",
            trigger: ".o_form_view button[name=action_request_approval]",
            run: "click",
        },
        {
            content: "The case study awaits the members' approval",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Awaiting)",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button",
            run: "click",
        },
        {
            content: "The case study can be printed",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Case Study (PDF))",
        },
    ],
});
