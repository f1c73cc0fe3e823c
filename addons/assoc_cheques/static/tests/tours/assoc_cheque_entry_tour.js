/** A volunteer types a pile of two cheques in the quick entry list, keyboard only:
 * Alt+C opens a line, Tab moves to the next cell (each step checks that the cell it
 * types in has the focus), Enter saves the cheque and opens the next line, Escape
 * drops the last empty line. */
import { registry } from "@web/core/registry";

const ROW = ".o_data_row.o_selected_row";

/** Type `text` in the focused cell `field`, then press `key` (the focus must already be there). */
function typeIn(field, text, key) {
    return {
        trigger: `${ROW} [name=${field}] input`,
        async run(helpers) {
            if (document.activeElement !== this.anchor) {
                throw new Error(`the keyboard focus is not on ${field}`);
            }
            if (text) {
                await helpers.edit(text);
            }
            if (key) {
                await helpers.press(key);
            }
        },
    };
}

function typeCheque(partner, number, drawer, bank, amount) {
    return [
        typeIn("assoc_cheque_received_date", "", "Tab"),
        typeIn("partner_id", partner),
        { trigger: `.o-autocomplete--dropdown-item:contains(${partner})`, run: "press Enter" },
        { trigger: `${ROW} [name=partner_id] input:value(${partner})`, run: "press Tab" },
        typeIn("assoc_cheque_number", number, "Tab"),
        typeIn("assoc_cheque_drawer", drawer, "Tab"),
        typeIn("assoc_cheque_bank", bank, "Tab"),
        typeIn("amount", amount, "Enter"),
        { trigger: `.o_data_row:not(.o_selected_row) [name=assoc_cheque_number]:contains(${number})` },
    ];
}

registry.category("web_tour.tours").add("assoc_cheque_entry_tour", {
    url: "/odoo/action-assoc_cheques.action_cheque_entry",
    steps: () => [
        { trigger: ".o_list_view .o_list_button_add", run: "press alt+c" },
        { trigger: ROW },
        ...typeCheque("Marie Dupont", "4410021", "Marie et Paul Dupont", "Crédit Lyonnais", "120"),
        ...typeCheque("Jean Lefèvre", "4410022", "Jean Lefèvre", "La Banque Postale", "35.50"),
        typeIn("assoc_cheque_received_date", "", "Escape"),
        { trigger: ".o_list_view:not(:has(.o_selected_row))" },
        { trigger: ".o_data_row:contains(4410022) [name=assoc_cheque_state]:contains(To deposit)" },
    ],
});
