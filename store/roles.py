"""Who may do what: the five roles of issue 20 and the one check every writing action makes.

| role | may |
|---|---|
| admin | manage accounts; everything below |
| planner (区科工商信局) | everything on data, scenarios, targets, exports; approve the
  district's matching of retrofit projects (三(一)); import violations, run and advance the
  evaluation batches, record and decide objections (issue 25) |
| land (国土/城市更新) | read everything; export parcel lists and the pack; no imports |
| town (镇街, one town) | import the survey rows and the retrofit projects of its own town's
  firms (and set their stages); edit its own town's targets; read the district figures; export
  its own town's lists; record its own town's firms' objections to an evaluation batch |
| viewer | read only |

:func:`require` is called by the logic that writes (:mod:`store.actions`), not only by the pages
that hide buttons, so a forced call is refused too. A refusal is one
:class:`errors.AccessDeniedError` naming the role and what it may do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from errors import AccessDeniedError

__all__ = [
    "ACTIONS",
    "ROLES",
    "TOWN_SCOPED",
    "Actor",
    "RoleInfo",
    "allowed",
    "may",
    "require",
]

# action → (Chinese, English) description, in the order a refusal lists what a role may do
ACTIONS: dict[str, tuple[str, str]] = {
    "read": ("查看数据", "read the data"),
    "import_survey": ("导入企业调查数据", "import survey (enterprise) rows"),
    "import_layer": ("导入园区、地块图层", "import the parks and parcels layers"),
    "import_projects": (
        "导入技改项目库、更新项目阶段",
        "import retrofit projects, set their stages",
    ),
    "approve_matching": ("核准区配套资金", "approve the district's matching funds"),
    "import_violations": ("导入违法违规记录", "import the violations table"),
    "evaluate": ("运行亩均评价批次", "run an evaluation batch"),
    "batch_advance": ("推进评价批次阶段", "advance an evaluation batch"),
    "objection_record": ("登记企业异议", "record a firm's objection"),
    "objection_decide": ("采纳或驳回异议", "accept or reject an objection"),
    "undo": ("撤销导入", "undo an import"),
    "scenario_save": ("保存方案", "save scenarios"),
    "scenario_delete": ("删除方案", "delete scenarios"),
    "target_edit": ("编辑镇街目标", "edit town targets"),
    "export_parcels": ("导出地块清单", "export parcel lists"),
    "export_pack": ("导出决策包", "export the decision pack"),
    "export_briefing": ("导出简报", "export the briefing"),
    "export_table": ("导出表格", "export tables"),
    "manage_accounts": ("管理账户", "manage accounts"),
}

_DATA = tuple(a for a in ACTIONS if a != "manage_accounts")


@dataclass(frozen=True)
class RoleInfo:
    """One role: its names and the actions it may take."""

    key: str
    label: tuple[str, str]
    actions: frozenset[str]


ROLES: dict[str, RoleInfo] = {
    "admin": RoleInfo("admin", ("管理员", "administrator"), frozenset(ACTIONS)),
    "planner": RoleInfo("planner", ("规划（区科工商信局）", "planner"), frozenset(_DATA)),
    "land": RoleInfo(
        "land",
        ("国土/城市更新", "land and urban renewal"),
        frozenset({"read", "export_parcels", "export_pack"}),
    ),
    "town": RoleInfo(
        "town",
        ("镇街", "town"),
        frozenset(
            {
                "read",
                "import_survey",
                "import_projects",
                "target_edit",
                "export_parcels",
                "export_table",
                "objection_record",
            }
        ),
    ),
    "viewer": RoleInfo("viewer", ("只读", "viewer"), frozenset({"read"})),
}

# what a town account may do only for its own town
TOWN_SCOPED = frozenset(
    {
        "import_survey",
        "import_projects",
        "target_edit",
        "export_parcels",
        "export_table",
        "objection_record",
    }
)


class Actor(Protocol):
    """Anyone who acts: an account (:class:`store.accounts.Account`) or the CLI's administrator."""

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...

    @property
    def town(self) -> str | None: ...


def _role(actor: Actor) -> RoleInfo:
    info = ROLES.get(actor.role)
    if info is None:  # a role table edited by hand: refuse rather than guess
        raise AccessDeniedError(
            f"{actor.name}: 未知角色 {actor.role!r}，不可进行任何操作 / unknown role "
            f"{actor.role!r} may do nothing; roles: {', '.join(ROLES)}"
        )
    return info


def allowed(actor: Actor) -> list[str]:
    """The actions ``actor``'s role may take, in the order of :data:`ACTIONS`."""
    info = _role(actor)
    return [a for a in ACTIONS if a in info.actions]


def may(actor: Actor, action: str, town: str | None = None) -> bool:
    """True when :func:`require` would let ``actor`` take ``action`` (for ``town``)."""
    try:
        require(actor, action, town=town)
    except AccessDeniedError:
        return False
    return True


def _who(actor: Actor, info: RoleInfo) -> tuple[str, str]:
    town = f"（{actor.town}）" if info.key == "town" else ""
    en_town = f" ({actor.town})" if info.key == "town" else ""
    return f"{info.label[0]}{town}", f"{info.key}{en_town}"


def require(actor: Actor, action: str, town: str | None = None) -> None:
    """Refuse ``action`` (on ``town``'s data, when it concerns one town) unless the role may.

    A town account may take its town-scoped actions only for its own town: ``town`` must be
    given and be that town.

    Raises
    ------
    errors.AccessDeniedError
        Naming the role and what it may do; the caller has written nothing yet.
    KeyError
        ``action`` is not one of :data:`ACTIONS` (a programming error, not a refusal).
    """
    what = ACTIONS[action]
    info = _role(actor)
    zh_who, en_who = _who(actor, info)
    if action not in info.actions:
        may_zh = "、".join(ACTIONS[a][0] for a in allowed(actor))
        may_en = ", ".join(ACTIONS[a][1] for a in allowed(actor))
        raise AccessDeniedError(
            f"{actor.name}：角色 {zh_who} 不可{what[0]}；可：{may_zh} / "
            f"{actor.name}: role {en_who} may not {what[1]}; it may: {may_en}"
        )
    if info.key == "town" and action in TOWN_SCOPED and (not town or town != actor.town):
        other = town or "全区"
        raise AccessDeniedError(
            f"{actor.name}：角色 {zh_who} 只可对本镇街{what[0]}，不可对 {other} / "
            f"{actor.name}: role {en_who} may {what[1]} of its own town only, "
            f"not of {town or 'the whole district'}"
        )
