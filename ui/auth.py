"""Sign-in before any data is shown: the form, the first-sign-in password change, idle expiry and
sign-out. The rules (Argon2id hashes, lock-out, idle hours) live in :mod:`store.accounts`; this
module only asks and remembers.

The signed-in :class:`store.accounts.Session` lives in the non-widget key ``auth_session`` of the
browser session. :func:`sign_in_gate` runs before the navigation runs any page: without a valid
session it draws the form and stops the script, so no layer is read and nothing of the workspace
reaches the browser. The form's inputs carry the stable keys ``login_user`` and
``login_password`` (labelled 用户名 / 密码, Username / Password) for browser tests.
"""

from __future__ import annotations

import streamlit as st

from config import load_settings
from config.settings import AuthSettings
from errors import ParkPlanError, SignInError, UnknownKeyError
from store.accounts import (
    Account,
    Session,
    authenticate,
    get_account,
    set_password,
    sign_in_external,
)
from store.roles import ROLES, may
from store.sessions import touch
from ui.errors import show_error
from ui.i18n import lang, t
from ui.loaders import workspace

__all__ = ["SESSION_KEY", "current_account", "may_do", "sign_in_gate", "sign_out"]

SESSION_KEY = "auth_session"
_NOTICE = "auth_notice"  # a message for the next form (an expired session, a signed-out user)


def _config() -> AuthSettings:
    return load_settings().auth


def current_account() -> Account:
    """The signed-in account (only pages behind :func:`sign_in_gate` are run)."""
    session = st.session_state.get(SESSION_KEY)
    if not isinstance(session, Session):
        raise SignInError(t("auth.needed"))
    return session.account


def may_do(action: str, town: str | None = None) -> bool:
    """Whether the signed-in account may take ``action`` (to show or hide a control; the logic
    checks again when the action is taken)."""
    return may(current_account(), action, town)


def role_label(account: Account) -> str:
    label = ROLES[account.role].label[0 if lang() == "zh" else 1]
    return label if account.town is None else f"{label} · {account.town}"


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)
    st.session_state[_NOTICE] = t("auth.signed_out")
    if _config().provider and _provider_user():
        st.logout()  # the provider's cookie too


def _provider_user() -> str:
    """The identity provider's user (its e-mail, else its subject), "" when nobody is signed
    in there (``st.user`` has no ``is_logged_in`` before ``[auth]`` is set up in secrets)."""
    user = st.user.to_dict()
    if not user.get("is_logged_in"):
        return ""
    return str(user.get("email") or user.get("sub") or "")


def _provider_form(provider: str) -> None:
    """Sign-in through the intranet's identity provider (Streamlit's st.login, OIDC): the
    provider checks the password; the workspace's external account gives the role."""
    st.title(t("app.title"))
    st.subheader(t("auth.title"))
    if notice := st.session_state.get(_NOTICE):
        st.warning(notice)
    if identity := _provider_user():  # signed in at the provider, not (or no longer) here
        try:
            st.session_state[SESSION_KEY] = sign_in_external(workspace(), identity)
        except SignInError as exc:
            st.warning(str(exc))
            st.button(t("auth.sign_out"), key="provider_sign_out", on_click=st.logout)
            return
        st.session_state.pop(_NOTICE, None)
        st.rerun()
    st.button(t("auth.provider"), key="provider_sign_in", type="primary",
              on_click=st.login, args=(provider,))  # fmt: skip


def _sign_in() -> None:
    name = str(st.session_state.get("login_user", "")).strip()
    password = str(st.session_state.get("login_password", ""))
    st.session_state["login_password"] = ""  # never kept in the session
    try:
        st.session_state[SESSION_KEY] = authenticate(workspace(), name, password, config=_config())
        st.session_state.pop(_NOTICE, None)
    except SignInError as exc:
        st.session_state[_NOTICE] = str(exc)


def _form() -> None:
    st.title(t("app.title"))
    st.subheader(t("auth.title"))
    if notice := st.session_state.get(_NOTICE):
        st.warning(notice)
    with st.form("login", clear_on_submit=False):
        st.text_input(t("auth.user"), key="login_user", placeholder=t("auth.user_placeholder"))
        st.text_input(t("auth.password"), key="login_password", type="password")
        st.form_submit_button(t("auth.submit"), type="primary", on_click=_sign_in)
    st.caption(t("auth.help"))


def _change_password(session: Session) -> None:
    """The first sign-in of an account with a one-time password: a new one before anything."""
    st.title(t("app.title"))
    st.subheader(t("auth.change_title"))
    st.info(t("auth.change_why", name=session.account.name))
    with st.form("change_password"):
        st.text_input(t("auth.new_password"), key="new_password", type="password")
        st.text_input(t("auth.repeat_password"), key="repeat_password", type="password")
        done = st.form_submit_button(t("auth.change_submit"), type="primary")
    if not done:
        return
    new = str(st.session_state.get("new_password", ""))
    if new != str(st.session_state.get("repeat_password", "")):
        st.error(t("auth.mismatch"))
        return
    try:
        account = set_password(
            workspace(), session.account.name, new, config=_config(), by=session.account
        )
    except ParkPlanError as exc:
        show_error(exc)
        return
    st.session_state[SESSION_KEY] = Session(account, session.last_active)
    st.rerun()


def _fresh(session: Session) -> Session:
    """The session with the account as stored now: a role changed or an account disabled since
    sign-in counts from the next click, not from the next sign-in."""
    try:
        account = get_account(workspace(), session.account.name)
    except UnknownKeyError:
        raise SignInError(t("auth.needed")) from None
    if account.disabled:
        raise SignInError(f"{account.name}: 账户已停用 / this account is disabled")
    return Session(account, session.last_active)


def sign_in_gate() -> Account | None:
    """The signed-in account, active again now; ``None`` after drawing the sign-in form (or the
    first sign-in's password change) — the caller then runs no page. An unreachable workspace
    is reported at once, before anyone types a password."""
    workspace()
    session = st.session_state.get(SESSION_KEY)
    if isinstance(session, Session):
        try:
            session = _fresh(touch(session, config=_config()))
        except SignInError as exc:
            st.session_state.pop(SESSION_KEY, None)
            st.session_state[_NOTICE] = str(exc)
        else:
            st.session_state[SESSION_KEY] = session
            if not session.account.must_change:
                return session.account
            _change_password(session)
            return None
    if provider := _config().provider:
        _provider_form(provider)
    else:
        _form()
    return None
