# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Before and after an upgrade of hbri_partnership: what users made survives, and still works.

    upgrade_check.py prepare -c odoo.conf -d DB --state counts.json   (on the previous release)
    upgrade_check.py check   -c odoo.conf -d DB --state counts.json   (after `-u hbri_partnership`)

`prepare` adds what users make and an upgrade must carry, for each rename of RENAMES the previous release still
has (its old field is stored): a favourite grouped (and sorted) by the old name, and where the table says so a
view customized in the database naming it and an export template listing it. Then it counts the rows of every
model of the addon and of the Odoo models it extends. `check` compares the counts (no row lost), runs the
favourites (their group-by is the new name and works), renders the customized views and reads the export
templates. Prints one line per problem; exits 1 when there is any. Hand-written: no library knows our renames.
"""

import argparse
import ast
import json
import sys

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config

# release, model, old field, new field, list view customized (xml id) or None, the export template follows it
RENAMES = (
    ("19.0.1.1.0", "hbri.partnership", "sector_mix", "sector_mix_id", "hbri_partnership.hbri_partnership_view_list", 1),
    ("19.0.1.2.0", "hbri.session.attendee", "eligibility_issue", "eligibility_code", None, 0),
)
CORE_MODELS = ["res.partner", "calendar.event", "mail.message", "ir.attachment", "ir.filters", "ir.ui.view"]
CORE_MODELS += ["ir.exports", "ir.exports.line"]


def row_counts(env):
    """{model: rows in its table} of the addon's stored models and the Odoo models it extends."""
    counts = {}
    for name in sorted(set(env["ir.model"].search([("model", "=like", "hbri.%")]).mapped("model") + CORE_MODELS)):
        model = env.get(name)
        if model is not None and not model._abstract and not model._transient and model._auto:
            env.cr.execute(f'SELECT count(*) FROM "{model._table}"')
            counts[name] = env.cr.fetchone()[0]
    return counts


def label(release, old, what):
    return f"{old}: {what} (saved before {release})"


def prepare(env, state):
    renames = []
    for release, model, old, _new, view_xmlid, export in RENAMES:
        field = env[model]._fields.get(old)
        if field is None or not field.store:
            continue
        renames.append(old)
        admin = [Command.link(env.ref("base.user_admin").id)]
        context, sort = f"{{'group_by': ['{old}']}}", f'["{old} desc"]'
        values = {"model_id": model, "user_ids": admin, "context": context, "sort": sort, "domain": "[]"}
        env["ir.filters"].create({"name": label(release, old, "favourite"), **values})
        if view_xmlid:
            name, inherit_id = label(release, old, "customized view"), env.ref(view_xmlid).id
            view = env["ir.ui.view"].create({"name": name, "model": model, "inherit_id": inherit_id, "arch": "<data/>"})
            # the arch as it was saved under the old name (the ORM of that release refuses it now)
            arch = f'<xpath expr="//field[@name=\'{old}\']" position="attributes">'
            arch += "<attribute name='optional'>show</attribute></xpath>"
            env.cr.execute(
                "UPDATE ir_ui_view SET arch_db = jsonb_build_object('en_US', %s) WHERE id = %s", [arch, view.id]
            )
        if export:
            lines = [Command.create({"name": "name"}), Command.create({"name": old})]
            env["ir.exports"].create({"name": label(release, old, "export"), "resource": model, "export_fields": lines})
    env.flush_all()
    counts = row_counts(env)
    with open(state, "w", encoding="utf-8") as out:
        json.dump({"counts": counts, "renames": renames}, out, indent=1, sort_keys=True)
    print(f"prepared: {sum(counts.values())} rows in {len(counts)} models; renames carried: {renames or 'none'}")


def check_rename(env, release, model, old, new, view_xmlid, export):
    """The problems of what users saved naming ``old``, now ``new``."""
    favourite = env["ir.filters"].search([("name", "=", label(release, old, "favourite"))])
    if not favourite:
        return [f"the favourite of {old} is gone"]
    groupby = ast.literal_eval(favourite.context).get("group_by", [])
    if groupby != [new] or favourite.sort != f'["{new} desc"]':
        return [f"the favourite of {old} groups by {groupby}, sorts by {favourite.sort}, expected {new}"]
    problems = []
    try:
        groups = env[model].formatted_read_group(favourite._get_eval_domain(), groupby, ["__count"])
        print(f"favourite of {old} grouped by {groupby}: {len(groups)} group(s)")
    except Exception as error:  # noqa: BLE001 - any failure of the favourite is the finding
        problems.append(f"the favourite grouped by {groupby} fails: {error}")
    if view_xmlid:
        try:
            arch = env[model].get_views([(env.ref(view_xmlid).id, "list")])["views"]["list"]["arch"]
            if 'optional="show"' not in arch.replace("'", '"'):
                problems.append(f"the customized view of {old} no longer applies")
        except Exception as error:  # noqa: BLE001
            problems.append(f"the customized view of {old} fails: {error}")
    if export:
        names = env["ir.exports"].search([("name", "=", label(release, old, "export"))]).export_fields.mapped("name")
        if names != ["name", new]:
            problems.append(f"the export template lists {names}, expected ['name', '{new}']")
        else:
            print(f"export template: {len(env[model].search([], limit=5).export_data(names)['datas'])} row(s) exported")
    return problems


def check(env, state):
    with open(state, encoding="utf-8") as handle:
        saved = json.load(handle)
    after = row_counts(env)
    problems = [
        f"{model}: {count} rows before the upgrade, {after.get(model, 0)} after"
        for model, count in sorted(saved["counts"].items())
        if after.get(model, 0) < count
    ]
    for rename in RENAMES:
        if rename[2] in saved["renames"]:
            problems += check_rename(env, *rename)
    for problem in problems:
        print(f"upgrade problem: {problem}")
    print(f"checked: {sum(after.values())} rows in {len(after)} models, {len(problems)} problem(s)")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["prepare", "check"])
    for option in ("-c/--config", "-d/--database"):
        parser.add_argument(*option.split("/"), required=True)
    parser.add_argument("--state", required=True, help="JSON file of the row counts before the upgrade")
    parser.add_argument("--logfile")
    args = parser.parse_args()
    odoo_args = ["-c", args.config, "-d", args.database, "--log-level", "warn", "--max-cron-threads", "0"]
    config.parse_config(odoo_args + (["--logfile", args.logfile] if args.logfile else []), setup_logging=True)
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tracking_disable": True})
        return prepare(env, args.state) if args.step == "prepare" else check(env, args.state)


if __name__ == "__main__":
    sys.exit(main())
