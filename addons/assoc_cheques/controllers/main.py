from odoo import http
from odoo.http import content_disposition, request

from ..report.slip_tables import slip_csv, slip_xlsx

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ChequeSlipController(http.Controller):
    @http.route("/assoc_cheques/slip/<int:slip_id>/export/<string:fmt>", type="http", auth="user")
    def export_slip(self, slip_id, fmt):
        if fmt not in MIMETYPES:
            raise request.not_found()
        slip = request.env["assoc.cheque.slip"].browse(slip_id).exists()
        if not slip:
            raise request.not_found()
        slip.check_access("read")
        header, rows = slip._export_table()
        content = slip_csv(header, rows) if fmt == "csv" else slip_xlsx(header, rows, slip.name)
        filename = f"{slip.name.replace('/', '-')}.{fmt}"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", MIMETYPES[fmt]),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
