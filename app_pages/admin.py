"""Page `admin` (admins only): the accounts and the append-only audit, filtered and downloaded."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from errors import AccessDeniedError
from exports.tables import Provenance, write_csv
from store import audit
from store.accounts import list_accounts
from store.roles import ROLES
from ui.auth import current_account, may_do
from ui.downloads import audited_download
from ui.i18n import lang, t
from ui.loaders import data_version, workspace

st.title(t("nav.admin"))
st.caption(t("admin.caption"))
if not may_do("manage_accounts"):
    raise AccessDeniedError(t("auth.admin_only", name=current_account().name))

ws = workspace()
zh = lang() == "zh"
st.subheader(t("admin.accounts"))
accounts = pd.DataFrame(
    [
        {
            t("adm.name"): a.name,
            t("adm.role"): ROLES[a.role].label[0 if zh else 1],
            t("adm.town"): a.town or "—",
            t("adm.disabled"): a.disabled,
            t("adm.must_change"): a.must_change,
            t("adm.locked_until"): a.locked_until or "—",
        }
        for a in list_accounts(ws)
    ]
)
st.dataframe(accounts, hide_index=True, key="admin_accounts")

st.subheader(t("admin.audit"))
table = audit.read_audit(ws)
left, middle, right = st.columns(3)
since = left.date_input(t("admin.since"), value=None, key="admin_since", format="YYYY-MM-DD")
users = ["", *sorted(set(table["user"]))]
user = middle.selectbox(
    t("admin.user"), users, key="admin_user", format_func=lambda u: u or t("admin.all")
)
actions = ["", *list(audit.AUDITED)]
action = right.selectbox(
    t("admin.action"), actions, key="admin_action",
    format_func=lambda a: t(f"audit.{a}") if a else t("admin.all"),
)  # fmt: skip
shown = audit.read_audit(ws, since=since, user=user or None)
if action:
    shown = shown.loc[shown["action"] == action]
st.caption(t("admin.rows", n=len(shown)))
view = shown.assign(action=[t(f"audit.{a}") for a in shown["action"]])
st.dataframe(
    view.iloc[::-1].rename(columns={c: t(f"adm.{c}") for c in audit.COLUMNS}),
    hide_index=True,
    key="admin_audit",
)


# made now (a deferred download runs outside the script's thread, without session or caches)
provenance = Provenance(
    "审计记录 audit", data_version(),
    parameters={"since": str(since or ""), "user": user, "action": action},
)  # fmt: skip
labels = {c: t(f"adm.{c}") for c in audit.COLUMNS}


def _csv() -> bytes:
    """The rows shown, as UTF-8 CSV with BOM, formula-safe, labelled in the page's language."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "audit.csv"
        write_csv(shown, path, provenance=provenance, labels=labels)
        return path.read_bytes()


audited_download(
    t("admin.download"), _csv, file_name="audit.csv", kind="table", key="admin_download",
    mime="text/csv",
)  # fmt: skip
