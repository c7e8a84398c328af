"""The data contract of DATA_MODEL.md as data: layers, fields, types, labels.

One table drives validation, import header matching (English names or Chinese labels), the
app's labels and the exports' headers, so a field is described in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from errors import UnknownKeyError

__all__ = [
    "DATA_TABLES",
    "LAYERS",
    "PROJECTS",
    "TABLES",
    "VIOLATIONS",
    "Field",
    "LayerSchema",
    "label",
    "layer_schema",
]

# kinds: text, int, float, bool, uscc, industry_code, choice


@dataclass(frozen=True)
class Field:
    """One attribute of a layer."""

    name: str
    kind: str
    label_zh: str
    label_en: str
    required: bool = False
    unit: str = ""
    choices: tuple[str, ...] = ()
    default: object = None
    minimum: float | None = 0.0  # numbers: lowest allowed value (None = no bound)
    maximum: float | None = None

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True)
class LayerSchema:
    """A layer: its id field, geometry type and fields."""

    name: str
    label_zh: str
    label_en: str
    id_field: str
    geometry: str  # "Point" or "Polygon" (MultiPolygon accepted); "" for a table
    fields: tuple[Field, ...] = field(default_factory=tuple)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise UnknownKeyError(f"field of {self.name}", name, [f.name for f in self.fields])

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def required(self) -> list[str]:
        return [f.name for f in self.fields if f.required]

    def header_map(self) -> dict[str, str]:
        """Accepted column headers (English name, Chinese label, English label) → field name."""
        out: dict[str, str] = {}
        for f in self.fields:
            for key in (f.name, f.label_zh, f.label_en):
                out[key.strip().lower()] = f.name
        return out


def _num(
    name: str,
    zh: str,
    en: str,
    unit: str = "",
    *,
    required: bool = False,
    default: object = None,
    kind: str = "float",
    maximum: float | None = None,
) -> Field:
    return Field(name, kind, zh, en, required=required, unit=unit, default=default, maximum=maximum)


def _flag(name: str, zh: str, en: str) -> Field:
    return Field(name, "bool", zh, en, default=False)


def _year(name: str, zh: str, en: str, *, required: bool = False) -> Field:
    return Field(name, "int", zh, en, required=required, minimum=1949.0, maximum=2100.0)


ENTERPRISES = LayerSchema(
    "enterprises",
    "企业",
    "Enterprises",
    "record_id",
    "Point",
    (
        Field("record_id", "text", "记录编号", "Record id"),
        Field("uscc", "uscc", "统一社会信用代码", "Unified social credit code", required=True),
        Field("name", "text", "企业名称", "Enterprise name", required=True),
        Field(
            "industry_code", "industry_code", "行业代码", "Industry code (GB/T 4754)", required=True
        ),
        Field("above_scale", "bool", "规模以上", "Above designated size", required=True),
        _year("founded_year", "成立年份", "Year founded"),
        _year("survey_year", "调查年度", "Survey year", required=True),
        _num("employees", "从业人员", "Employees", "人", required=True, kind="int"),
        _num("land_area_m2", "用地面积", "Land area", "m²", required=True),
        _num("floor_area_m2", "建筑面积", "Floor area", "m²"),
        _num("gross_output", "工业总产值", "Gross industrial output", "万元", required=True),
        _num("value_added", "工业增加值", "Industrial value added", "万元", required=True),
        _num("revenue", "主营业务收入", "Main business revenue", "万元", required=True),
        _num("tax", "税收", "Tax paid", "万元", required=True),
        _num("rd_spend", "研发经费", "R&D spending", "万元"),
        _num("electricity_kwh", "用电量", "Electricity use", "kWh", required=True),
        _num("natural_gas_m3", "天然气", "Natural gas", "m³", default=0.0),
        _num("coal_t", "原煤", "Raw coal", "t", default=0.0),
        _num("diesel_t", "柴油", "Diesel", "t", default=0.0),
        _num("fuel_oil_t", "燃料油", "Fuel oil", "t", default=0.0),
        _num("lpg_t", "液化石油气", "LPG", "t", default=0.0),
        _num("heat_gj", "外购热力", "Purchased heat", "GJ", default=0.0),
        _num("water_m3", "新鲜水用量", "Fresh water use", "m³", required=True),
        _num("wastewater_t", "废水排放量", "Wastewater discharged", "t", default=0.0),
        _num("cod_t", "化学需氧量", "COD", "t", default=0.0),
        _num("nh3n_t", "氨氮", "Ammonia nitrogen", "t", default=0.0),
        _num("so2_t", "二氧化硫", "SO₂", "t", default=0.0),
        _num("nox_t", "氮氧化物", "NOx", "t", default=0.0),
        _num("permitted_emissions_t", "排污许可量", "Permitted emissions", "t"),
        _num(
            "solid_waste_t",
            "一般工业固废产生量",
            "General industrial solid waste",
            "t",
            default=0.0,
        ),
        _flag("rd_institution", "研发机构", "R&D institution"),
        _flag("high_tech", "高新技术企业", "High-tech enterprise"),
        _flag("robot_retrofit", "机器换人", "Robot retrofit"),
        _flag("tech_retrofit", "完成技改", "Technical retrofit done"),
        _flag("clean_production_audit", "清洁生产审核", "Clean-production audit"),
        _num("industrial_investment", "工业投资", "Industrial investment", "万元"),
        _num("tech_retrofit_investment", "技改投资", "Technical-retrofit investment", "万元"),
        _num("land_demand_m2", "用地需求", "Land demand", "m²"),
        _num(
            "years_in_d", "连续D类年数", "Consecutive years in class D", "年", kind="int", default=0
        ),
        Field("town", "text", "所在镇街", "Town"),
        Field("park_id", "text", "所属园区", "Park"),
    ),
)

PARKS = LayerSchema(
    "parks",
    "村级工业园",
    "Village industrial parks",
    "park_id",
    "Polygon",
    (
        Field("park_id", "text", "园区编号", "Park id", required=True),
        Field("name", "text", "园区名称", "Park name", required=True),
        Field("town", "text", "所在镇街", "Town", required=True),
        Field("village", "text", "所属村", "Village"),
        Field(
            "land_ownership",
            "choice",
            "土地权属",
            "Land ownership",
            choices=("集体", "国有", "混合"),
        ),
        Field(
            "in_industrial_block", "bool", "位于产业区块", "In an industrial block", default=False
        ),
        Field("has_operator", "bool", "有运营管理主体", "Has an operator", default=False),
        _num("roof_area_m2", "屋顶面积", "Roof area", "m²"),
        _num("building_coverage", "建筑系数", "Building coverage", "", maximum=1.0),
        _year("built_year", "建成年份", "Year built"),
    ),
)

PARCELS = LayerSchema(
    "parcels",
    "三旧地块",
    "三旧 redevelopment parcels",
    "parcel_id",
    "Polygon",
    (
        Field("parcel_id", "text", "地块编号", "Parcel id", required=True),
        Field("name", "text", "地块名称", "Parcel name", required=True),
        Field("town", "text", "所在镇街", "Town"),
        Field(
            "sanjiu_type",
            "choice",
            "三旧类型",
            "三旧 type",
            required=True,
            choices=("旧城镇", "旧厂房", "旧村庄"),
        ),
        Field("ownership", "choice", "权属", "Ownership", choices=("国有", "集体")),
        Field("current_use", "text", "地块用途", "Current use"),
        Field("land_class_code", "text", "地类编码", "Land-class code"),
        Field("planned_use", "text", "规划用途", "Planned use"),
        Field(
            "redevelopment_mode",
            "choice",
            "改造方式",
            "Redevelopment mode",
            required=True,
            choices=("全面改造", "微改造", "混合改造"),
        ),
        Field(
            "status", "choice", "状态", "Status", choices=("已入库", "已批复", "实施中", "已完成")
        ),
        _year("inventory_year", "入库年度", "Inventory year"),
    ),
)

TOWNS = LayerSchema(
    "towns",
    "镇街",
    "Towns",
    "town_code",
    "Polygon",
    (
        Field("town_code", "text", "镇街代码", "Town code", required=True),
        Field("name", "text", "镇街名称", "Town", required=True),
        Field("kind", "choice", "类型", "Kind", required=True, choices=("街道", "镇")),
        Field("approximate", "bool", "边界为近似", "Approximate outline", default=True),
    ),
)

HEAT_SOURCES = LayerSchema(
    "heat_sources",
    "热源",
    "Heat sources",
    "source_id",
    "Point",
    (
        Field("source_id", "text", "热源编号", "Source id", required=True),
        Field("name", "text", "热源名称", "Name", required=True),
        Field("kind", "choice", "类型", "Kind", required=True, choices=("热电联产", "集中锅炉")),
        _num("capacity_t_h", "供热能力", "Capacity", "t/h"),
        Field("assumed", "bool", "假设数据", "Assumed, not verified", default=True),
    ),
)

SEWAGE_PLANTS = LayerSchema(
    "sewage_plants",
    "污水处理厂",
    "Sewage plants",
    "plant_id",
    "Point",
    (
        Field("plant_id", "text", "污水厂编号", "Plant id", required=True),
        Field("name", "text", "污水厂名称", "Name", required=True),
        _num("capacity_m3_d", "处理能力", "Capacity", "m³/d"),
        Field("reclaimed_water", "bool", "再生水", "Reclaimed water", default=False),
        Field("approximate", "bool", "位置为近似", "Approximate location", default=True),
    ),
)

LAYERS: dict[str, LayerSchema] = {
    s.name: s for s in (TOWNS, PARKS, PARCELS, ENTERPRISES, HEAT_SOURCES, SEWAGE_PLANTS)
}


def _date(name: str, zh: str, en: str) -> Field:
    return Field(name, "date", zh, en, minimum=None)


def _wan(name: str, zh: str, en: str, *, required: bool = False) -> Field:
    return _num(name, f"{zh}（万元）", en, "万元", required=required)


# The technical-retrofit project library (二(一)1; the matching funds of 三(一)): an attribute
# table, no geometry. Park and town are not fields: they follow from the firm (its latest survey
# row) whenever the table is read. Types and stages are checked against the settings
# ([projects] types) and the stages of store.projects; dates are ISO text (YYYY-MM-DD).
PROJECTS = LayerSchema(
    "projects",
    "技改项目",
    "Technical-retrofit projects",
    "project_id",
    "",
    (
        Field("project_id", "text", "项目编号", "Project id", required=True),
        Field("uscc", "uscc", "统一社会信用代码", "Unified social credit code", required=True),
        Field("name", "text", "项目名称", "Project name", required=True),
        Field("type", "choice", "项目类型", "Project type", required=True),
        _wan("total_investment_wan", "总投资", "Total investment", required=True),
        _wan("equipment_investment_wan", "设备投资", "Equipment investment"),
        Field("city_key", "bool", "市重点", "City key project", default=False),
        Field("stage", "choice", "阶段", "Stage", required=True),
        _date("reserve_date", "储备日期", "Reserve date"),
        _date("landing_date", "落地日期", "Landing date"),
        _date("start_date", "开工日期", "Start date"),
        _date("production_date", "投产日期", "Production date"),
        _date("terminated_date", "终止日期", "Terminated date"),
        _date("planned_start_date", "计划开工日期", "Planned start date"),
        _date("planned_production_date", "计划投产日期", "Planned production date"),
        _wan("subsidy_province_wan", "省级补助", "Provincial subsidy"),
        _wan("subsidy_city_wan", "市级补助", "City subsidy"),
        _wan("matching_requested_wan", "区配套申请", "District matching requested"),
        _wan("matching_approved_wan", "区配套核准", "District matching approved"),
        _date("approval_date", "核准日期", "Approval date"),
        Field("approved_by", "text", "核准人", "Approved by"),
        _year("year", "入库年度", "Library year"),
    ),
)

# The yearly violations that veto a firm's 亩均 grade (一票否决, issue 25): an attribute table.
# kind is a key of config.sections_evaluation.VETO_KINDS (the file may give its Chinese label).
VIOLATIONS = LayerSchema(
    "violations",
    "违法违规记录",
    "Violations",
    "doc_no",
    "",
    (
        Field("uscc", "uscc", "统一社会信用代码", "Unified social credit code", required=True),
        _year("year", "年度", "Year", required=True),
        Field("kind", "choice", "类别", "Kind", required=True),
        Field("date", "date", "日期", "Date", required=True, minimum=None),
        Field("doc_no", "text", "文号", "Document number", required=True),
    ),
)

# attribute tables that are data (hashed into the data version, kept in the history's
# snapshots), by name; the layers are LAYERS
TABLES: dict[str, LayerSchema] = {PROJECTS.name: PROJECTS, VIOLATIONS.name: VIOLATIONS}
# every attribute table that is data: the imported ones and the projects' stage log
DATA_TABLES: tuple[str, ...] = (*TABLES, "project_stages")


def layer_schema(name: str) -> LayerSchema:
    """The schema of layer ``name``; the error lists the known layers."""
    if name not in LAYERS:
        raise UnknownKeyError("layer", name, list(LAYERS))
    return LAYERS[name]


def label(layer: str, field_name: str, lang: str = "zh") -> str:
    """The display label of a field of a layer or data table (falls back to the field name for
    derived columns)."""
    try:
        schema = TABLES[layer] if layer in TABLES else layer_schema(layer)
        return schema.field(field_name).label(lang)
    except UnknownKeyError:
        return field_name
