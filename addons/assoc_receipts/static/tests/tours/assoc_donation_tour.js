/** @odoo-module **/

import { registry } from "@web/core/registry";

// Enter a cheque gift by hand and validate it; the per-gift receipt is issued at validation.
registry.category("web_tour.tours").add("assoc_receipts_donation_tour", {
    url: "/odoo/action-assoc_receipts.action_assoc_donation",
    steps: () => [
        {
            content: "Create a gift",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the donor",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Donor",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains('Tour Donor')",
            run: "click",
        },
        {
            content: "Amount",
            trigger: ".o_field_widget[name=amount] input",
            run: "edit 85",
        },
        {
            content: "Paid by cheque",
            trigger: ".o_field_widget[name=payment_method] select",
            run: 'select "cheque"',
        },
        {
            content: "Validate",
            trigger: ".o_form_view button[name=action_validate]",
            run: "click",
        },
        {
            content: "The gift is validated and its receipt issued",
            trigger: ".o_form_view .o_statusbar_status button[aria-checked=true]:contains('Validated')",
        },
        {
            trigger: ".o_form_view button[name=action_open_receipt]",
        },
    ],
});
