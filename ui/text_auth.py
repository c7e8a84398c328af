"""Text of the sign-in form, the sidebar's account panel and the admin page as
``key: (中文, English)``; merged into ``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["AUTH_STRINGS"]

AUTH_STRINGS: dict[str, tuple[str, str]] = {
    "auth.title": ("登录", "Sign in"),
    "auth.user": ("用户名", "Username"),
    "auth.user_placeholder": ("例如：化龙录入员", "e.g. hualong.clerk"),
    "auth.password": ("密码", "Password"),
    "auth.submit": ("登录", "Sign in"),
    "auth.help": (
        "账户由管理员用 `cli.py users add` 创建；首次启动时 scripts/run.sh 在控制台显示一次 admin "
        "的临时密码。连续 5 次密码错误将锁定账户 15 分钟。",
        "Accounts are created by the administrator with `cli.py users add`; on the first start "
        "scripts/run.sh prints admin's one-time password once on the console. Five wrong "
        "passwords in a row lock the account for 15 minutes.",
    ),
    "auth.needed": ("请先登录", "Sign in first"),
    "auth.provider": ("通过单位统一身份认证登录", "Sign in with the intranet's identity provider"),
    "auth.signed_out": ("已退出登录", "You have signed out"),
    "auth.change_title": ("首次登录：请设置新密码", "First sign-in: choose a new password"),
    "auth.change_why": (
        "{name} 的密码为一次性临时密码，须先改为只有您知道的新密码（至少 10 个字符）。",
        "The password of {name} is a one-time password: choose one only you know (at least 10 "
        "characters) first.",
    ),
    "auth.new_password": ("新密码", "New password"),
    "auth.repeat_password": ("再次输入新密码", "New password again"),
    "auth.change_submit": ("保存新密码", "Save the new password"),
    "auth.mismatch": ("两次输入的新密码不一致", "The two new passwords differ"),
    "auth.signed_in": ("当前用户", "Signed in as"),
    "auth.sign_out": ("退出登录", "Sign out"),
    "auth.role_note": (
        "您的角色可以：{may}",
        "Your role may: {may}",
    ),
    "nav.admin": ("账户与审计", "Accounts & audit"),
    "admin.caption": (
        "审计记录只增不改：每次登录、登录失败、锁定、导入、撤销、方案、目标修改、导出（含文件 "
        "SHA-256）与账户变更各一行。账户在服务器上用 `cli.py users` 管理。",
        "The audit is append-only: one row for every sign-in, failed sign-in, lock-out, import, "
        "undo, scenario, target edit, export (with the files' SHA-256) and account change. "
        "Accounts are managed on the server with `cli.py users`.",
    ),
    "admin.accounts": ("账户", "Accounts"),
    "admin.audit": ("审计记录", "Audit"),
    "admin.since": ("起始日期", "From"),
    "admin.user": ("用户", "User"),
    "admin.action": ("操作", "Action"),
    "admin.all": ("全部", "All"),
    "admin.rows": ("共 {n} 条", "{n} rows"),
    "admin.download": ("下载审计记录（CSV）", "Download the audit (CSV)"),
    "adm.name": ("用户名", "Name"),
    "adm.role": ("角色", "Role"),
    "adm.town": ("镇街", "Town"),
    "adm.disabled": ("已停用", "Disabled"),
    "adm.must_change": ("须改密码", "Must change password"),
    "adm.locked_until": ("锁定至", "Locked until"),
    "adm.seq": ("序号", "No."),
    "adm.when": ("时间（UTC）", "When (UTC)"),
    "adm.user": ("用户", "User"),
    "adm.action": ("操作", "Action"),
    "adm.object": ("对象", "Object"),
    "adm.checksum": ("校验值", "Checksum"),
    "adm.detail": ("说明", "Detail"),
    "auth.admin_only": (
        "{name}：此页仅管理员可用 / this page is for administrators only",
        "{name}: this page is for administrators only",
    ),
    "audit.sign_in": ("登录", "sign-in"),
    "audit.sign_in_failed": ("登录失败", "failed sign-in"),
    "audit.lock_out": ("账户锁定", "lock-out"),
    "audit.import": ("导入", "import"),
    "audit.undo": ("撤销", "undo"),
    "audit.restore": ("恢复", "restore"),
    "audit.scenario_save": ("保存方案", "scenario saved"),
    "audit.scenario_delete": ("删除方案", "scenario deleted"),
    "audit.target_edit": ("修改目标", "target edit"),
    "audit.export": ("导出", "export"),
    "audit.account_add": ("新建账户", "account added"),
    "audit.account_password": ("修改密码", "password changed"),
    "audit.account_disable": ("停用账户", "account disabled"),
    "audit.account_role": ("修改角色", "role changed"),
    "audit.approve_matching": ("核准区配套", "matching approved"),
    "audit.stage_change": ("项目阶段变更", "project stage changed"),
    "audit.evaluate": ("运行亩均评价批次", "evaluation batch run"),
    "audit.batch_advance": ("推进评价批次", "evaluation batch advanced"),
    "audit.objection_add": ("登记异议", "objection recorded"),
    "audit.objection_accept": ("采纳异议", "objection accepted"),
    "audit.objection_reject": ("驳回异议", "objection rejected"),
}
