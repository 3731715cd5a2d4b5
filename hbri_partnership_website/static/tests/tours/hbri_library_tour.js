// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hbri_library_visitor", {
    url: "/library",
    steps: () => [
        {
            content: "The named case study is listed",
            trigger: ".o_hbri_library_card:contains(Mobile clinic for mothers in Cibinong)",
        },
        {
            content: "The anonymized one is listed under its printed title",
            trigger: ".o_hbri_library_card:contains(Anaemia screening with a member company)",
        },
        {
            content: "Search the library",
            trigger: "input[name=search]",
            run: "edit mothers",
        },
        {
            content: "Apply the search",
            trigger: ".o_hbri_library_apply",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Only the matching case study is left",
            trigger:
                "#wrap:not(:has(.o_hbri_library_card:contains(Anaemia))) .o_hbri_library_card:contains(Mobile clinic for mothers)",
        },
        {
            content: "Back to the whole library",
            trigger: "body",
            run: "goToUrl /library",
            expectUnloadPage: true,
        },
        {
            content: "Filter on a health focus",
            trigger: "select[name=theme]",
            run: "selectByLabel Tour Nutrition",
        },
        {
            content: "Apply the filter",
            trigger: ".o_hbri_library_apply",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Only the nutrition case study is left",
            trigger:
                "#wrap:not(:has(.o_hbri_library_card:contains(Mobile clinic))) .o_hbri_library_card:contains(Anaemia screening)",
        },
        {
            content: "Back to the whole library",
            trigger: "body",
            run: "goToUrl /library",
            expectUnloadPage: true,
        },
        {
            content: "Open the named case study",
            trigger: ".o_hbri_library_title:contains(Mobile clinic for mothers)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Its sections are shown",
            trigger: ".o_hbri_library_section_results:contains(240 women screened)",
        },
        {
            content: "Download its PDF",
            trigger: "a.o_hbri_library_pdf",
            async run({ anchor }) {
                const response = await fetch(anchor.href);
                const type = response.headers.get("Content-Type");
                const start = new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5));
                if (response.status !== 200 || type !== "application/pdf" || start !== "%PDF-") {
                    throw new Error(`The PDF did not download: ${response.status} ${type} ${start}`);
                }
            },
        },
        {
            content: "Open the language selector",
            trigger: "header .js_language_selector .dropdown-toggle:visible:first",
            run: "click",
        },
        {
            content: "Switch to Bahasa Indonesia",
            trigger: "header .js_language_selector a.js_change_lang[data-url_code=id]:visible:first",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The case study shows in Indonesian",
            trigger: "h1.o_hbri_library_case_title:contains(Klinik keliling untuk ibu di Cibinong)",
        },
    ],
});
