# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast

from lxml import etree

from odoo.tests import tagged

from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriConsultationForm(HbriPartnershipCommon):
    """A consultation picks an existing organization: none is created from it, so that discarding the
    consultation leaves nothing behind (Odoo saves a record made in the "Create and edit" dialog at once)."""

    def test_organization_is_not_created_from_the_consultation(self):
        arch = self.env["hbri.consultation"].with_user(self.user_secretariat).get_views([(False, "form")])
        form = etree.fromstring(arch["views"]["form"]["arch"])
        field = form.xpath("//field[@name='partner_id']")[0]
        options = ast.literal_eval(field.get("options") or "{}")
        self.assertTrue(options.get("no_create"), "neither Create nor Create and edit… is offered")
        # the people met are still added from the consultation, as people of the chosen organization
        contacts = form.xpath("//field[@name='contact_ids']")[0]
        self.assertIn("'default_parent_id': partner_id", contacts.get("context"))
