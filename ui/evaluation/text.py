"""Text of the evaluation page as ``key: (中文, English)``; merged into ``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["EVALUATION_STRINGS"]

EVALUATION_STRINGS: dict[str, tuple[str, str]] = {
    "nav.evaluation": ("亩均评价", "Yearly evaluation"),
    "ev.caption": (
        "年度亩均效益综合评价：企业按组别（规上、规下 ≥ 3 亩、规下 < 3 亩、租赁厂房）分别排名定级，"
        "一票否决事项直接定为 D 类，新建企业、公用事业和当年完成重点技改的企业不参评（T 类）。"
        "每个批次依次经过草稿、征求意见（镇街核对、企业提出异议）、公示、定稿；差别化价格只按定稿"
        "批次计算。",
        "The yearly evaluation: firms are graded within their cohort (above scale, below scale on "
        "≥ 3 mu, below scale on < 3 mu, renting); a veto forces D; young firms, utilities and "
        "firms completing a key retrofit are not graded (T). A batch goes through draft, review "
        "(towns check, firms object), publication and final; surcharges come from final batches.",
    ),
    "ev.done": ("{what}", "{what}"),
    "ev.run": ("运行新批次", "Run a batch"),
    "ev.run_year": ("评价年度", "Year"),
    "ev.run_name": ("批次名称", "Batch name"),
    "ev.run_button": ("运行评价", "Run the evaluation"),
    "ev.ran": ("批次 {name} 已生成（草稿）。", "Batch {name} was run (draft)."),
    "ev.none": ("还没有评价批次。", "No evaluation batch yet."),
    "ev.batch": ("评价批次", "Batch"),
    "ev.status": ("阶段", "Step"),
    "ev.year": ("年度", "Year"),
    "ev.firms": ("参评企业", "Firms"),
    "ev.objections": ("异议", "Objections"),
    "ev.pending": ("待处理异议", "Pending objections"),
    "ev.meta": (
        "由 {user} 于 {at} 运行；数据版本 {version}；异议截止 {until}。",
        "Run by {user} at {at}; data version {version}; objections until {until}.",
    ),
    "ev.advance": ("推进到“{step}”", "Advance to “{step}”"),
    "ev.advanced": ("批次已进入{step}。", "The batch is now at {step}."),
    "ev.final_note": (
        "本批次已定稿，不可更改；差别化价格按本批次执行。",
        "This batch is final and cannot be changed; its surcharges apply.",
    ),
    "ev.grades": ("评价结果", "Grades"),
    "ev.filter_town": ("镇街", "Town"),
    "ev.filter_grade": ("评价类别", "Grade"),
    "ev.all": ("全部", "All"),
    "ev.objection": ("登记异议", "Record an objection"),
    "ev.objection_help": (
        "征求意见阶段，镇街可为本镇街企业、区科工商信局可为任何企业登记异议：异议指标、主张数值"
        "与证明材料。",
        "During review a town records objections for its own firms, the bureau for any firm: "
        "the indicator, the claimed value and the evidence.",
    ),
    "ev.firm": ("企业", "Firm"),
    "ev.field": ("异议指标", "Indicator"),
    "ev.claimed": ("主张数值", "Claimed value"),
    "ev.evidence": ("证明材料", "Evidence file"),
    "ev.evidence_name": ("证明材料名称（或上传文件）", "Evidence (name, or upload the file)"),
    "ev.add_button": ("登记异议", "Record the objection"),
    "ev.added": ("异议 #{id} 已登记。", "Objection #{id} recorded."),
    "ev.decide": ("处理异议", "Decide an objection"),
    "ev.decide_pick": ("待处理异议", "Pending objection"),
    "ev.reason": ("理由", "Reason"),
    "ev.accept": ("采纳", "Accept"),
    "ev.reject": ("驳回", "Reject"),
    "ev.decided": (
        "异议 #{id} 已{what}：评价类别 {before} → {after}，加价合计 {s_before:,.2f} → "
        "{s_after:,.2f} 元。",
        "Objection #{id} {what}: grade {before} → {after}, surcharges {s_before:,.2f} → "
        "{s_after:,.2f} yuan.",
    ),
    "ev.objection_list": ("异议及处理结果", "Objections and outcomes"),
    "ev.no_objection": ("本批次没有异议。", "No objection in this batch."),
    "ev.log": ("变更记录", "Changes"),
    "ev.downloads": ("下载", "Downloads"),
    "ev.letters_town": ("告知书镇街", "Town of the letters"),
    "ev.letters": ("企业告知书（PDF）", "Notification letters (PDF)"),
    "ev.letters_for": ("下载内容：{town}，{n} 家企业。", "Downloads: {town}, {n} firms."),
    "ev.publicity": ("公示名单（Excel）", "Publicity list (Excel)"),
    "ev.record": ("批次记录（Excel）", "Batch record (Excel)"),
    "ev.role_cannot": ("当前角色不可进行此操作。", "Your role may not do this."),
    "ev.screen_batch": (
        "亩均评价批次（评价类别与判定依据）",
        "Evaluation batch (grades and rules)",
    ),
    "ev.screen_pick": ("评价批次", "Batch"),
    "ev.screen_none": ("（不显示）", "(none)"),
    "ev.action.evaluate": ("运行评价", "evaluation run"),
    "ev.action.advance": ("推进阶段", "step"),
    "ev.action.objection_add": ("登记异议", "objection recorded"),
    "ev.action.objection_accept": ("采纳异议", "objection accepted"),
    "ev.action.objection_reject": ("驳回异议", "objection rejected"),
    "ev.action.grade_change": ("类别变化", "grade changed"),
    "ev.col.seq": ("序号", "No."),
    "ev.col.at": ("时间", "Time"),
    "ev.col.user": ("操作人", "User"),
    "ev.col.action": ("操作", "Action"),
    "ev.col.detail": ("内容", "Detail"),
}
