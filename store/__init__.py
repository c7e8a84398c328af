"""The workspace: what is stored, on a GeoPackage file or a PostGIS schema. Plain Python.

- ``workspace``: one interface over the two back ends ``gpkg`` and ``postgis`` (with
  ``pg_connection`` and ``pg_schema``); ``copy``: a workspace copied between them
- ``imports``: a bureau's file checked, previewed (``changes``) and written; ``lock``: one writer
  at a time; ``history``: what each import and undo did
- ``scenarios``: named park choices; ``targets``: the towns' editable target split
- ``accounts``: local accounts and sign-in (Argon2id); ``roles``: who may do what;
  ``audit``: the append-only record of every decision; ``actions``: the writing actions,
  each checked against the role and audited
"""

__all__ = [
    "accounts",
    "actions",
    "audit",
    "changes",
    "copy",
    "gpkg",
    "history",
    "imports",
    "lock",
    "pg_connection",
    "pg_schema",
    "postgis",
    "roles",
    "scenarios",
    "targets",
    "workspace",
]
