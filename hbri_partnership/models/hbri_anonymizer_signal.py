# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the anonymization dictionary reads, watched: each change marks the transaction (it builds its own
dictionary from then on) and signals the other processes once it commits (``hbri.anonymizer._signal_change``).

Kept together in one file: the list of what invalidates the dictionary is one rule, read in one place (the
dictionary itself is read by ``hbri.anonymizer._known_partner_query`` and ``_read_dictionary_rows``).
"""

from odoo import api, models

# res.partner fields the dictionary reads (or that decide who is known: a contact's organization, its sector)
PARTNER_FIELDS = frozenset(("name", "email", "website", "phone", "is_company", "parent_id", "active", "hbri_sector_id"))


def _signal(env):
    env["hbri.anonymizer"]._signal_change()


def _may_become_known(partners):
    """Whether linking ``partners`` to the roundtable (an attendance, a presentation, a partnership, a case
    study, a membership or a consultation) or unlinking them can change who is known: not for partners known
    anyway through their own or their organization's sector."""
    return any(not (p.hbri_sector_id or p.commercial_partner_id.hbri_sector_id) for p in partners.sudo())


class HbriAnonymizerPartnerWatch(models.AbstractModel):
    """res.partner's part of the watch: res.partner is inherited elsewhere in the addon too, this keeps the
    list of what invalidates the dictionary in this one file."""

    _name = "hbri.anonymizer.partner.watch"
    _description = "Partner Changes That Change the Anonymization Dictionary"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        # a partner without sector nor organization is unknown until something links it to the roundtable
        if any(vals.get("hbri_sector_id") or vals.get("parent_id") for vals in vals_list):
            _signal(self.env)
        return partners

    def write(self, vals):
        if not PARTNER_FIELDS.isdisjoint(vals):
            _signal(self.env)
        return super().write(vals)

    def unlink(self):
        _signal(self.env)
        return super().unlink()


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "hbri.anonymizer.partner.watch"]


class HbriAnonymizerCompanyWatch(models.AbstractModel):
    """res.company's part of the watch (res.company is inherited elsewhere in the addon too)."""

    _name = "hbri.anonymizer.company.watch"
    _description = "Company Changes That Change the Anonymization Dictionary"

    @api.model_create_multi
    def create(self, vals_list):
        _signal(self.env)  # its partner stops being someone to hide
        return super().create(vals_list)

    def write(self, vals):
        if "hbri_legal_form_words" in vals or "partner_id" in vals:
            _signal(self.env)
        return super().write(vals)


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "hbri.anonymizer.company.watch"]


class HbriAnonymizerUsersWatch(models.AbstractModel):
    """res.users's part of the watch (res.users is inherited elsewhere in the addon too)."""

    _name = "hbri.anonymizer.users.watch"
    _description = "User Changes That Change the Anonymization Dictionary"

    @api.model_create_multi
    def create(self, vals_list):
        _signal(self.env)  # staff of the roundtable are known
        return super().create(vals_list)

    def write(self, vals):
        if "group_ids" in vals or "partner_id" in vals or "active" in vals:
            _signal(self.env)
        return super().write(vals)


class ResUsers(models.Model):
    _name = "res.users"
    _inherit = ["res.users", "hbri.anonymizer.users.watch"]


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        if "user_ids" in vals or "implied_ids" in vals:
            _signal(self.env)
        return super().write(vals)


class HbriPartnerAlias(models.Model):
    _inherit = "hbri.partner.alias"

    @api.model_create_multi
    def create(self, vals_list):
        _signal(self.env)
        return super().create(vals_list)

    def write(self, vals):
        _signal(self.env)
        return super().write(vals)

    def unlink(self):
        _signal(self.env)
        return super().unlink()


class HbriSector(models.Model):
    _inherit = "hbri.sector"

    def unlink(self):
        _signal(self.env)  # its organizations lose their sector (SQL "set null", no write)
        return super().unlink()


class _PartnerLinkMixin(models.AbstractModel):
    """A record linking partners to the roundtable: creating, relinking or deleting it can make a partner
    known or unknown."""

    _name = "hbri.anonymizer.partner.link"
    _description = "Link That Makes a Partner Known"
    _hbri_partner_fields = ("partner_id",)

    def _hbri_linked_partners(self):
        partners = self.env["res.partner"]
        for name in self._hbri_partner_fields:
            partners |= self.sudo()[name]
        return partners

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if _may_become_known(records._hbri_linked_partners()):
            _signal(self.env)
        return records

    def write(self, vals):
        fnames = set(self._hbri_partner_fields).intersection(vals)
        if fnames and _may_become_known(self._hbri_linked_partners()):
            _signal(self.env)
        result = super().write(vals)
        if fnames and _may_become_known(self._hbri_linked_partners()):
            _signal(self.env)
        return result

    def unlink(self):
        if _may_become_known(self._hbri_linked_partners()):
            _signal(self.env)
        return super().unlink()


class HbriSessionAttendee(models.Model):
    _name = "hbri.session.attendee"
    _inherit = ["hbri.session.attendee", "hbri.anonymizer.partner.link"]


class HbriPartnershipMember(models.Model):
    _name = "hbri.partnership.member"
    _inherit = ["hbri.partnership.member", "hbri.anonymizer.partner.link"]


class HbriMembership(models.Model):
    _name = "hbri.membership"
    _inherit = ["hbri.membership", "hbri.anonymizer.partner.link"]

    @api.model
    def _cron_update_memberships(self):
        result = super()._cron_update_memberships()
        self.env["hbri.anonymizer"]._purge_signals()
        return result


class HbriConsultation(models.Model):
    _name = "hbri.consultation"
    _inherit = ["hbri.consultation", "hbri.anonymizer.partner.link"]


class HbriPresentation(models.Model):
    _name = "hbri.presentation"
    _inherit = ["hbri.presentation", "hbri.anonymizer.partner.link"]
    _hbri_partner_fields = ("presenter_ids", "presenting_partner_ids")


class HbriCaseStudy(models.Model):
    _name = "hbri.case.study"
    _inherit = ["hbri.case.study", "hbri.anonymizer.partner.link"]
    _hbri_partner_fields = ("partner_ids",)
