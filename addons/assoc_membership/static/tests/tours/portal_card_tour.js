/** @odoo-module **/

import { registry } from "@web/core/registry";

// A member whose membership ends soon opens their card page: the renewal notice links to the
// renewal form and the card can be downloaded.
registry.category("web_tour.tours").add("assoc_portal_card_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open my membership card",
            trigger: ".o_portal_index_card a[href='/my/card']",
            run: "click",
        },
        {
            content: "The current membership is shown",
            trigger: ".o_assoc_current_membership a.o_assoc_download_card[href$='/card']",
        },
        {
            content: "The renewal notice links to the renewal form",
            trigger: ".o_assoc_renewal a.o_assoc_renew[href*='helloasso.com']",
        },
        {
            content: "The memberships are listed",
            trigger: ".o_assoc_membership_row",
        },
    ],
});
