import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("assoc_custom_fields_tour", {
    url: "/odoo/action-assoc_contacts.action_assoc_custom_section",
    steps: () => [
        {
            content: "Create a section of custom fields",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name the section",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Pôle communication",
        },
        {
            content: "Add a field to the section",
            trigger: ".o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Label of the field",
            trigger: ".o_data_row .o_field_widget[name=label] input",
            run: "edit Disponible le week-end",
        },
        {
            content: "A yes/no field",
            trigger: ".o_data_row .o_field_widget[name=field_type] select",
            run: "selectByLabel Yes/No",
        },
        {
            content: "Save the section",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The section and its field are saved",
            trigger: ".o_form_saved .o_data_row td[name=label]:contains(Disponible le week-end)",
        },
        {
            content: "Show the new fields on the contacts",
            trigger: "button[name=action_apply]",
            run: "click",
        },
        {
            content: "Search the contact",
            trigger: ".o_searchview_input",
            run: "edit Tourneur",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the contact",
            trigger: ".o_data_cell:contains(Odile Tourneur)",
            run: "click",
        },
        {
            content: "The section is a page of the contact form",
            trigger: ".o_notebook .nav-link:contains(Pôle communication)",
            run: "click",
        },
        {
            content: "Tick the custom field",
            trigger: ".o_field_widget[name=x_assoc_disponible_le_week_end] input",
            run: "click",
        },
        {
            content: "Save the contact",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
