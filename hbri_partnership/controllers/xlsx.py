# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from ..wizard.hbri_xlsx_export import XLSX_MIMETYPE


class HbriXlsxController(http.Controller):
    @http.route("/hbri/xlsx/<int:export_id>", type="http", auth="user", methods=["GET"], sitemap=False)
    def hbri_xlsx(self, export_id, **kwargs):
        """Download the spreadsheet an export record describes, built as the logged-in user.

        Export records are readable by their creator only: anyone else gets the same 404 as for an unknown id.
        """
        export = request.env["hbri.xlsx.export"].browse(export_id).exists()
        if not export:
            raise NotFound()
        try:
            export.check_access("read")
        except AccessError:
            raise NotFound() from None
        filename, content = export._render_xlsx()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(filename)),
                ("Content-Length", str(len(content))),
            ],
        )
