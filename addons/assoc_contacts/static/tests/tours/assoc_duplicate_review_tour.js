import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("assoc_duplicate_review_tour", {
    url: "/odoo/action-assoc_contacts.action_assoc_duplicate",
    steps: () => [
        {
            content: "Each candidate pair shows its criterion",
            trigger: ".o_data_row:contains(Quillet) td[name=criterion]:contains(First and last name swapped)",
        },
        {
            content: "The two Quillet are two people: keep them distinct",
            trigger: ".o_data_row:contains(Quillet) button[name=action_keep_distinct]",
            run: "click",
        },
        {
            content: "The decided pair leaves the list to review",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Quillet)))",
        },
        {
            content: "The two Tourangeau share an email",
            trigger: ".o_data_row:contains(Tourangeau) td[name=criterion]:contains(Same email)",
        },
        {
            content: "Merge them",
            trigger: ".o_data_row:contains(Tourangeau) button[name=action_merge]",
            run: "click",
        },
        {
            content: "Their birth dates differ: keep the second one",
            trigger: ".modal .o_data_row td[name=value_b]:contains(02/03/1984)",
            run: "click",
        },
        {
            content: "Choose the second contact's value",
            trigger: ".modal .o_data_row .o_field_widget[name=keep] select",
            run: "selectByLabel Second contact",
        },
        {
            content: "Confirm the merge",
            trigger: ".modal-footer button[name=action_merge]",
            run: "click",
        },
        {
            content: "The kept contact opens",
            trigger: ".o_form_view .o_form_sheet .o_field_widget[name=birthdate]",
        },
    ],
});
