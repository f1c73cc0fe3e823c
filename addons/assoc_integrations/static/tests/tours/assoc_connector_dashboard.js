import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("assoc_connector_dashboard", {
    url: "/odoo/action-assoc_integrations.action_assoc_connector_dashboard",
    steps: () => [
        {
            content: "The HelloAsso connector card shows its last run",
            trigger: ".o_kanban_record:contains('HelloAsso test'):contains('Last run')",
        },
        {
            content: "Its next run is shown too",
            trigger: ".o_kanban_record:contains('HelloAsso test') .o_assoc_connector_next_run",
        },
        {
            content: "Open the errors to look at",
            trigger: ".o_kanban_record:contains('HelloAsso test') .o_assoc_connector_errors",
            run: "click",
        },
        {
            content: "The rejected webhook event is listed",
            trigger: ".o_data_row:contains('Rejected') .o_data_cell:first",
            run: "click",
        },
        {
            content: "Its raw payload is kept",
            trigger: ".o_form_view .o_field_widget[name=body]:contains(eventType)",
        },
    ],
});
