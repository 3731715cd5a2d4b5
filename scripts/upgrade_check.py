# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Before and after an upgrade of hbri_partnership: what users made survives, and still works.

    upgrade_check.py prepare -c odoo.conf -d DB --state counts.json   (on the previous release)
    upgrade_check.py check   -c odoo.conf -d DB --state counts.json   (after `-u hbri_partnership`)

`prepare` adds what users make and an upgrade must carry, for each rename the previous release still has:
before 19.0.1.1.0, a favourite grouped by the partnerships' sector mix saved under the field's old name
`sector_mix`, a view customized in the database naming it, and an export template listing it; before
19.0.1.2.0, a favourite grouping attendees by the stored sentence `eligibility_issue`. Then it counts the rows
of every model of the addon and of the Odoo models it extends. `check` compares the counts (no row lost), runs
the favourites (their group-by works), renders the customized view and reads the export template. Prints one
line per problem; exits 1 when there is any.
"""

import argparse
import ast
import json
import sys

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config

FAVOURITE = "Partnerships by sector mix (saved before 19.0.1.1.0)"
VIEW = "partnerships: my sector mix column (saved before 19.0.1.1.0)"
EXPORT = "Partnerships with sector mix (saved before 19.0.1.1.0)"
ATTENDEE_FAVOURITE = "Attendees by eligibility (saved before 19.0.1.2.0)"
CORE_MODELS = (
    "res.partner",
    "calendar.event",
    "mail.message",
    "ir.attachment",
    "ir.filters",
    "ir.ui.view",
    "ir.exports",
    "ir.exports.line",
)


def row_counts(env):
    """{model: rows in its table} of the addon's stored models and the Odoo models it extends."""
    models = env["ir.model"].search([("model", "=like", "hbri.%")]).mapped("model") + list(CORE_MODELS)
    counts = {}
    for name in sorted(set(models)):
        model = env.get(name)
        if model is None or model._abstract or model._transient or not model._auto:
            continue
        env.cr.execute(f'SELECT count(*) FROM "{model._table}"')
        counts[name] = env.cr.fetchone()[0]
    return counts


def prepare(env, state):
    renames = []
    if "sector_mix" in env["hbri.partnership"]._fields:
        prepare_sector_mix(env)
        renames.append("sector_mix")
    field = env["hbri.session.attendee"]._fields.get("eligibility_issue")
    if field is not None and field.store:
        env["ir.filters"].create(
            {
                "name": ATTENDEE_FAVOURITE,
                "model_id": "hbri.session.attendee",
                "user_ids": [Command.link(env.ref("base.user_admin").id)],
                "context": "{'group_by': ['eligibility_issue']}",
                "sort": '["eligibility_issue desc"]',
                "domain": "[]",
            }
        )
        renames.append("eligibility_issue")
    env.flush_all()
    counts = row_counts(env)
    with open(state, "w", encoding="utf-8") as out:
        json.dump({"counts": counts, "renames": renames}, out, indent=1, sort_keys=True)
    print(f"prepared: {sum(counts.values())} rows in {len(counts)} models; renames carried: {renames or 'none'}")


def prepare_sector_mix(env):
    base_view = env.ref("hbri_partnership.hbri_partnership_view_list")
    env["ir.filters"].create(
        {
            "name": FAVOURITE,
            "model_id": "hbri.partnership",
            "user_ids": [Command.link(env.ref("base.user_admin").id)],
            "context": "{'group_by': ['sector_mix']}",
            "domain": "[]",
        }
    )
    view = env["ir.ui.view"].create(
        {"name": VIEW, "model": "hbri.partnership", "inherit_id": base_view.id, "arch": "<data/>"}
    )
    # the arch as it was saved when the field was still `sector_mix` (the ORM of this release refuses it now)
    arch = (
        '<xpath expr="//field[@name=\'sector_mix\']" position="attributes">'
        "<attribute name='optional'>show</attribute></xpath>"
    )
    env.cr.execute("UPDATE ir_ui_view SET arch_db = jsonb_build_object('en_US', %s) WHERE id = %s", [arch, view.id])
    env["ir.exports"].create(
        {
            "name": EXPORT,
            "resource": "hbri.partnership",
            "export_fields": [Command.create({"name": "name"}), Command.create({"name": "sector_mix"})],
        }
    )


def check(env, state):
    problems = []
    with open(state, encoding="utf-8") as handle:
        saved = json.load(handle)
    before, renames = saved["counts"], saved["renames"]
    after = row_counts(env)
    for model, count in sorted(before.items()):
        if after.get(model, 0) < count:
            problems.append(f"{model}: {count} rows before the upgrade, {after.get(model, 0)} after")
    if "sector_mix" in renames:
        problems += check_sector_mix(env)
    if "eligibility_issue" in renames:
        problems += check_favourite(env, ATTENDEE_FAVOURITE, "hbri.session.attendee", ["eligibility_code"])
    for problem in problems:
        print(f"upgrade problem: {problem}")
    print(f"checked: {sum(after.values())} rows in {len(after)} models, {len(problems)} problem(s)")
    return 1 if problems else 0


def check_favourite(env, name, model, expected):
    """The favourite ``name`` exists, groups by ``expected`` and runs."""
    favourite = env["ir.filters"].search([("name", "=", name)])
    if not favourite:
        return [f"the favourite {name!r} is gone"]
    groupby = ast.literal_eval(favourite.context).get("group_by", [])
    if groupby != expected:
        return [f"the favourite {name!r} groups by {groupby}, expected {expected}"]
    try:
        groups = env[model].formatted_read_group(favourite._get_eval_domain(), groupby, ["__count"])
        print(f"favourite {name!r} grouped by {groupby}: {len(groups)} group(s)")
    except Exception as error:  # noqa: BLE001 - any failure of the favourite is the finding
        return [f"the favourite grouped by {groupby} fails: {error}"]
    return []


def check_sector_mix(env):
    problems = []
    favourite = env["ir.filters"].search([("name", "=", FAVOURITE)])
    if not favourite:
        problems.append("the favourite is gone")
    else:
        groupby = ast.literal_eval(favourite.context).get("group_by", [])
        try:
            groups = env["hbri.partnership"].formatted_read_group(favourite._get_eval_domain(), groupby, ["__count"])
            print(f"favourite grouped by {groupby}: {len(groups)} group(s)")
        except Exception as error:  # noqa: BLE001 - any failure of the favourite is the finding
            problems.append(f"the favourite grouped by {groupby} fails: {error}")
    view = env["ir.ui.view"].search([("name", "=", VIEW)])
    if not view:
        problems.append("the customized view is gone")
    else:
        try:
            arch = env["hbri.partnership"].get_views([(view.inherit_id.id, "list")])["views"]["list"]["arch"]
            if 'optional="show"' not in arch.replace("'", '"'):
                problems.append("the customized view no longer applies")
        except Exception as error:  # noqa: BLE001
            problems.append(f"the customized view fails: {error}")
    export = env["ir.exports"].search([("name", "=", EXPORT)])
    names = export.export_fields.mapped("name")
    if names != ["name", "sector_mix_id"]:
        problems.append(f"the export template lists {names}, expected ['name', 'sector_mix_id']")
    else:
        export_data = env["hbri.partnership"].search([], limit=5).export_data(names)
        print(f"export template: {len(export_data['datas'])} row(s) exported")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["prepare", "check"])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--state", required=True, help="JSON file of the row counts before the upgrade")
    parser.add_argument("--logfile")
    args = parser.parse_args()
    odoo_args = ["-c", args.config, "-d", args.database, "--log-level", "warn", "--max-cron-threads", "0"]
    if args.logfile:
        odoo_args += ["--logfile", args.logfile]
    config.parse_config(odoo_args, setup_logging=True)
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tracking_disable": True})
        if args.step == "prepare":
            prepare(env, args.state)
            return 0
        return check(env, args.state)


if __name__ == "__main__":
    sys.exit(main())
