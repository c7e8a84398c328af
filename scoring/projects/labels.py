"""What the project library's columns and follow-up states are called (Chinese first), for the
exports and the page."""

from __future__ import annotations

from collections.abc import Mapping

from geo.schema import PROJECTS

__all__ = ["BUDGET_LABELS", "FOLLOW_UP_LABELS", "LABELS"]

# the stored columns' labels (geo.schema.PROJECTS), then what is derived on reading
LABELS: Mapping[str, str] = {
    **{f.name: f.label_zh for f in PROJECTS.fields},
    "firm_name": "企业名称",
    "park_id": "所属园区",
    "town": "所在镇街",
    "key": "重点项目",
    "max_district_matching_wan": "区配套上限（万元）",
    "follow_up": "跟踪状态代码",
    "follow_up_label": "跟踪状态",
    "missed_date": "逾期的计划日期",
}

FOLLOW_UP_LABELS: Mapping[str, str] = {
    "on_time": "按期",
    "late_start": "逾期未开工",
    "late_production": "逾期未投产",
    "done": "已投产",
    "terminated": "已终止",
}

BUDGET_LABELS: Mapping[str, str] = {
    "year": "年度",
    "town": "镇街",
    "budget_wan": "区配套预算（万元）",
    "requested_wan": "申请（万元）",
    "approved_wan": "核准（万元）",
    "paid_wan": "已拨付（万元）",
    "remaining_wan": "剩余预算（万元）",
}
