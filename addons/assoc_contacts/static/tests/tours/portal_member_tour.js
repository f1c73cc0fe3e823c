/** @odoo-module **/

import { registry } from "@web/core/registry";

// A member opens "My details", changes their phone and a consent, saves, then searches the
// member directory.
registry.category("web_tour.tours").add("assoc_portal_member_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open my details",
            trigger: ".o_portal_index_card a[href='/my/member']",
            run: "click",
        },
        {
            content: "Change the phone",
            trigger: ".o_assoc_member_form input[name=phone]",
            run: "edit +33 6 11 22 33 44",
        },
        {
            content: "Agree to receive the newsletter by post",
            trigger: ".o_assoc_consents tbody tr:first-child input[name$='_post']",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_assoc_member_form button.o_assoc_save",
            run: "click",
        },
        {
            content: "The details are saved",
            trigger: ".o_assoc_saved",
        },
        {
            content: "Back to the member space",
            trigger: ".breadcrumb a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the member directory",
            trigger: ".o_portal_index_card a[href='/my/directory']",
            run: "click",
        },
        {
            content: "Search a member by name",
            trigger: "input.o_assoc_directory_search",
            run: "edit Écuyer",
        },
        {
            trigger: "form[role=search] button[type=submit]",
            run: "click",
        },
        {
            content: "The member is found",
            trigger: ".o_assoc_directory_row:contains('Écuyer')",
        },
        {
            content: "The index letter E is available",
            trigger: ".o_assoc_directory_letters a:contains('E')",
        },
    ],
});
