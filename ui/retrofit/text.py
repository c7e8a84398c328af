"""Text of the retrofit page as ``key: (中文, English)``; merged into ``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["RETROFIT_STRINGS"]

RETROFIT_STRINGS: dict[str, tuple[str, str]] = {
    "rf.caption": (
        "按六项循环化改造措施为村级工业园评分：先过资格门槛，再加权排序；用 SMAA-2 检验排序对权重"
        "是否稳健，并选出 3 个园区（番府〔2015〕84号 二(五)1）。",
        "Village parks scored on the six circular-retrofit measures: a gate first, then a "
        "weighted ranking; SMAA-2 tests how robust the ranking is to the weights, and three parks "
        "are chosen (plan clause 二(五)1).",
    ),
    "rf.weights": ("权重", "Weights"),
    "rf.scheme": ("权重方式", "Weighting"),
    "rf.scheme.equal": ("等权", "Equal"),
    "rf.scheme.given": ("滑块", "Sliders"),
    "rf.scheme.ahp": ("层次分析法（AHP）", "AHP pairwise"),
    "rf.scheme.entropy": ("熵权法", "Entropy"),
    "rf.method": ("方法", "Method"),
    "rf.method.wsm": ("加权求和", "Weighted sum"),
    "rf.method.topsis": ("TOPSIS", "TOPSIS"),
    "rf.normalization": ("归一化", "Normalisation"),
    "rf.norm.minmax": ("最小–最大", "Min–max"),
    "rf.norm.cdf": ("正态分布（z 分数）", "Normal CDF of z-score"),
    "rf.ahp_help": (
        "填写上三角：行措施相对列措施的重要性（Saaty 1–9 标度，1/3 表示列更重要）；"
        "一致性比率 CR 须小于 0.10。",
        "Fill the upper triangle: how much more important the row measure is than the column "
        "(Saaty 1–9; 1/3 means the column matters more). The consistency ratio CR must be < 0.10.",
    ),
    "rf.cr": ("一致性比率 CR = {cr:.3f}", "Consistency ratio CR = {cr:.3f}"),
    "rf.weights_used": ("所用权重", "Weights used"),
    "rf.choice": ("选园规则", "Choice rules"),
    "rf.n": ("选取园区数", "Parks to pick"),
    "rf.one_per_town": ("每个镇街至多一个", "At most one per town"),
    "rf.pins": ("钉选园区", "Pinned parks"),
    "rf.excludes": ("排除园区", "Excluded parks"),
    "rf.ranking": ("园区排名", "Ranking"),
    "rf.eligible_count": (
        "{n} 个园区中 {e} 个通过资格门槛（面积 ≥ {area:g} 公顷，企业 ≥ {firms} 家，位于产业区块，"
        "全面改造占比 ≤ {demo:.0%}）。",
        "{e} of {n} parks pass the gate (area ≥ {area:g} ha, ≥ {firms} firms, inside an "
        "industrial block, demolition share ≤ {demo:.0%}).",
    ),
    "rf.show_gated": ("显示未通过门槛的园区", "Show gated-out parks"),
    "rf.map": ("改造评分地图", "Retrofit score on the map"),
    "rf.map_caption": (
        "园区按改造评分着色（分位数分级，灰色为未通过门槛）；黑框为选中的园区。",
        "Parks coloured by retrofit score (quantile classes; grey: gated out); picks outlined.",
    ),
    "rf.robustness": ("排序稳健性（SMAA-2）", "Robustness of the ranking (SMAA-2)"),
    "rf.robustness_caption": (
        "围绕所选权重抽取 {draws:,} 组狄利克雷权重（集中度 {conc:g}，随机种子 {seed}）："
        "每个园区排第 1、2、3 名的概率。",
        "{draws:,} Dirichlet weight draws around the chosen weights (concentration {conc:g}, "
        "seed {seed}): the probability of each park ranking 1st, 2nd and 3rd.",
    ),
    "rf.picks": ("选定的园区", "The picks"),
    "rf.fragile": (
        "{park} 进入前三的概率仅 {p:.0%}（< {lim:.0%}），结论脆弱；使其落选的平均权重：{w}",
        "{park} is in the top three in only {p:.0%} of draws (< {lim:.0%}): a fragile pick; "
        "mean weights that displace it: {w}",
    ),
    "rf.robust": (
        "{park} 进入前三的概率 {p:.0%}",
        "{park} is in the top three in {p:.0%} of draws",
    ),
    "rf.short": ("合格园区不足：只选出 {k} 个。", "Not enough eligible parks: only {k} picked."),
    "rf.indicators": ("原始指标与参考值", "Raw indicators beside reference values"),
    "rf.choose_parks": ("选择园区", "Choose parks"),
    "rf.reference": ("参考值（DOMAIN §7）", "Reference (DOMAIN §7)"),
    "rf.route": ("建议升级路径（仅供参考）", "Suggested upgrade route (a suggestion)"),
    "rf.irradiance_note": ("注意：{note}", "Note: {note}"),
    "rf.scenarios": ("方案", "Scenarios"),
    "rf.scenario_name": ("方案名称", "Scenario name"),
    "rf.save": ("保存方案", "Save scenario"),
    "rf.saved": ("已保存方案「{name}」。", "Scenario {name!r} saved."),
    "rf.open": ("打开方案", "Open scenario"),
    "rf.open_button": ("打开", "Open"),
    "rf.opened": (
        "已打开方案「{name}」（{user}，{created}）：{parks}",
        "Opened scenario {name!r} ({user}, {created}): {parks}",
    ),
    "rf.reproduced": ("重新计算得到相同的园区。", "Recomputed: the same parks."),
    "rf.not_reproduced": (
        "重新计算得到的园区不同：{parks}",
        "Recomputed parks differ: {parks}",
    ),
    "rf.delete": ("删除方案", "Delete scenario"),
    "rf.compare": ("比较两个方案", "Compare two scenarios"),
    "rf.compare_a": ("方案 A", "Scenario A"),
    "rf.compare_b": ("方案 B", "Scenario B"),
    "rf.only_a": ("仅在 A 中", "Only in A"),
    "rf.only_b": ("仅在 B 中", "Only in B"),
    "rf.both": ("两者皆有", "In both"),
    "rf.changed": ("参数变化（原因）", "Parameters that changed (why)"),
    "rf.no_scenarios": ("尚无保存的方案。", "No saved scenario yet."),
    "rf.col.park_id": ("园区编号", "Park"),
    "rf.col.name": ("园区名称", "Name"),
    "rf.col.town": ("镇街", "Town"),
    "rf.col.eligible": ("合格", "Eligible"),
    "rf.col.ineligible_reason": ("未通过原因", "Gate reason"),
    "rf.col.score": ("评分", "Score"),
    "rf.col.rank": ("排名", "Rank"),
    "rf.col.p_top3": ("前三概率", "P(top 3)"),
    "rf.col.route_label": ("建议路径", "Suggested route"),
    "rf.m.heat": ("集中供热", "Central heating"),
    "rf.m.treatment": ("集中治污", "Central treatment"),
    "rf.m.water": ("中水回用", "Water reuse"),
    "rf.m.recycling": ("循环利用", "Recycling"),
    "rf.m.pv": ("分布式光伏", "Rooftop PV"),
    "rf.m.chain": ("产业补链", "Chain completion"),
    "rf.rank_label": ("第 {r} 名", "Rank {r}"),
    "rf.parameter": ("参数", "Parameter"),
    "rf.value_a": ("A", "A"),
    "rf.value_b": ("B", "B"),
}
