/** @odoo-module **/

import { registry } from "@web/core/registry";

// A donor opens "Payments and receipts": their receipts can be downloaded, their gifts and
// payments are listed.
registry.category("web_tour.tours").add("assoc_portal_payments_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open payments and receipts",
            trigger: ".o_portal_index_card a[href='/my/payments']",
            run: "click",
        },
        {
            content: "A receipt can be downloaded",
            trigger: ".o_assoc_receipt_row a.o_assoc_download_receipt[href^='/my/payments/receipt/']",
        },
        {
            content: "The gifts are listed",
            trigger: ".o_assoc_donation_row",
        },
        {
            content: "The payments are listed",
            trigger: ".o_assoc_payment_row",
        },
    ],
});
