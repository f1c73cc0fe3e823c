import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("assoc_membership_record", {
    steps: () => [
        {
            trigger: ".o_list_button_add",
            content: "Record a new membership",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            content: "Choose the member",
            run: "edit Marie Dupont",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Marie Dupont)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=type_id] input",
            content: "Choose the membership type",
            run: "edit Adhésion découverte",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Adhésion découverte)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=date_end] input:value",
            content: "The validity period is computed",
        },
        {
            trigger: "button[name=action_confirm]",
            content: "Confirm the membership",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Confirmed)",
            content: "The membership is confirmed",
        },
    ],
});
