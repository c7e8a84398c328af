"""The workspace: what is stored, on a GeoPackage file or a PostGIS schema. Plain Python.

- ``workspace``: one interface over the two back ends ``gpkg`` and ``postgis`` (with
  ``pg_connection`` and ``pg_schema``); ``copy``: a workspace copied between them
- ``imports``: a bureau's file checked, previewed (``changes``) and written; ``lock``: one writer
  at a time; ``history``: what each import, undo and restore did, each one atomic write;
  ``snapshots``: the compact states that undo and restore go back to; ``derived``: the firms'
  town and park, re-derived in the same write
- ``pending``: tables that ride along with the next write (an action's audit row)
- ``errorlog``: a bug's traceback to ``<workspace>.errors.log``, passwords scrubbed
- ``projects``: the technical-retrofit project library and its stage log; ``project_import``:
  a town's library file checked (every problem at once), previewed and written;
  ``project_checks``: the rows of such a file checked against the contract;
  ``project_actions``: its import, matching approval and stage change as a signed-in account
- ``firm_profile``: one firm's profile read from the workspace (places derived, every year's
  screen, its projects)
- ``evaluation``: the yearly evaluation's batches, grades, objections and change log;
  ``evaluation_actions``: a batch run and advanced as a signed-in account; ``objections``: a
  firm's objection recorded and decided; ``evaluation_common``: what those steps share
- ``violations``: the yearly violations table (一票否决) and its rows checked;
  ``violation_import``: its file checked and written as a signed-in account
- ``scenarios``: named park choices; ``targets``: the towns' editable target split
- ``accounts``: local accounts and sign-in (Argon2id) or the identity provider's users;
  ``sessions``: idle expiry and the first start's admin; ``roles``: who may do what;
  ``audit``: the append-only record of every decision; ``actions``: the writing actions,
  each checked against the role and audited
"""

__all__ = [
    "accounts",
    "actions",
    "audit",
    "changes",
    "copy",
    "derived",
    "errorlog",
    "evaluation",
    "evaluation_actions",
    "evaluation_common",
    "firm_profile",
    "gpkg",
    "history",
    "imports",
    "lock",
    "objections",
    "pending",
    "pg_connection",
    "pg_schema",
    "postgis",
    "project_actions",
    "project_checks",
    "project_import",
    "projects",
    "roles",
    "scenarios",
    "sessions",
    "snapshots",
    "targets",
    "violation_import",
    "violations",
    "workspace",
]
