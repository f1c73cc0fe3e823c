import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("assoc_overview_tour", {
    url: "/odoo/action-assoc_contacts.action_assoc_dashboard",
    steps: () => [
        {
            content: "The overview shows the number of contacts",
            trigger: "button[name=action_open_contacts] .o_stat_value",
        },
        {
            content: "It lists the interactions of the last twelve months",
            trigger: ".o_field_widget[name=month_line_ids] .o_data_row:nth-child(12)",
        },
        {
            content: "Open the members",
            trigger: "button[name=action_open_members]",
            run: "click",
        },
        {
            content: "The members list opens",
            trigger: ".o_list_view .o_data_cell:contains(Aurélie Member)",
        },
    ],
});
