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
            content: "The web form shows what it last received, not runs",
            trigger: ".o_kanban_record:contains('Site form'):not(:has(.o_assoc_connector_last_run)) .o_assoc_connector_last_event",
        },
        {
            content: "The run with an error is to look at",
            trigger: ".o_kanban_record:contains('HelloAsso test') .o_assoc_connector_run_errors:contains('1')",
            run: "click",
        },
        {
            content: "It is listed with its errors",
            trigger: ".o_data_row:contains('HelloAsso test')",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .breadcrumb-item:not(.active) a",
            run: "click",
        },
        {
            content: "Open the webhook events to look at",
            trigger: ".o_kanban_record:contains('HelloAsso test') .o_assoc_connector_event_errors",
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
