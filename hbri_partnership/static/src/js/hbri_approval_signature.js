// Copyright 2026 HBRI Partnership Developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import { SignatureForm } from "@portal/signature_form/signature_form";

/**
 * Odoo's portal signature form, submitting the approval form of the case study page instead of its own RPC:
 * the signature travels with the page's fingerprint, scopes and CSRF token in one ordinary POST.
 */
export class HbriApprovalSignatureForm extends SignatureForm {
    async onClickSubmit() {
        const form = document.getElementById(this.props.formId);
        form.querySelector("input[name='signature']").value = this.signature
            .getSignatureImage()
            .split(",")[1];
        form.querySelector("input[name='signed_by']").value = this.signature.name || "";
        form.submit();
        // the page unloads
        return new Promise(() => {});
    }
}

registry
    .category("public_components")
    .add("hbri_partnership.approval_signature_form", HbriApprovalSignatureForm);
