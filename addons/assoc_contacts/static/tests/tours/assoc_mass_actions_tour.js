import { registry } from "@web/core/registry";

function runAction(label) {
    return [
        {
            content: "Select every contact found",
            trigger: "thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the actions",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: `Choose « ${label} »`,
            trigger: `.o-dropdown--menu .o_menu_item:contains(${label})`,
            run: "click",
        },
        {
            content: "The dialog counts the selected contacts",
            trigger: ".modal .o_field_widget[name=partner_count]:contains(3)",
        },
    ];
}

function pick(field, text) {
    return [
        {
            content: `Type ${text}`,
            trigger: `.modal .o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${text}`,
            trigger: `.o-autocomplete--dropdown-item:contains(${text})`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("assoc_mass_actions_tour", {
    url: "/odoo/action-assoc_contacts.action_assoc_contacts?view_type=list",
    steps: () => [
        {
            content: "Search the Vasseur family",
            trigger: ".o_searchview_input",
            run: "edit Vasseur",
        },
        {
            content: "Search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Three contacts found",
            trigger: ".o_list_view:has(.o_data_row:eq(2)):not(:has(.o_data_row:eq(3)))",
        },
        ...runAction("Add or remove tags"),
        ...pick("tag_ids", "Presse"),
        {
            content: "Apply the tag",
            trigger: ".modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        ...runAction("Add to a group"),
        ...pick("group_id", "Groupe local de Roubaix"),
        {
            content: "Add them to the group",
            trigger: ".modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        ...runAction("Record an interaction"),
        ...pick("type_id", "Phone call"),
        {
            content: "Summary of the interaction",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Invitation à la fête de quartier",
        },
        {
            content: "Record it on each contact",
            trigger: ".modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
