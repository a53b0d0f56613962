#!/usr/bin/env python3
"""Generate and verify nianbao's test fixtures and the bundled sample report.

All texts are invented (bodies of the non-existent cities 青岚市 and 江北市); no real report is
copied. Every fixture is produced from a small number of templates so that each positive/negative
case differs from its clean template only where its rule is exercised.

Outputs:
  examples/sample-report.txt            the README demo (exactly four deliberate defects)
  server/tests/fixtures/*.txt           one file per case
  server/tests/fixtures/README.md       the expectations table (the spec tests are written against)

The expectations are written by hand in CASES below (code, severity, anchor text, cell). Line
numbers in the README are computed from the anchors, so they stay right when a template changes.
A small independent checker (`mini_check`) re-parses every written file, recomputes every sum,
average, date and heading, and must agree exactly with the hand-written expectations for the
codes it understands — that is the "double-check every sum" step.

Usage:
  python3 tools/fixtures.py           write all files, then verify them
  python3 tools/fixtures.py --check   verify only (files on disk must equal what would be written)
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "server" / "tests" / "fixtures"
SAMPLE = ROOT / "examples" / "sample-report.txt"
DEFAULT_TODAY = dt.date(2026, 11, 30)

T = "\t"

# ---------------------------------------------------------------------------------------------
# table 三 layout
# ---------------------------------------------------------------------------------------------

# (row id, label of the 三、 group cell when it starts here, label of the （三）…（六） group cell
#  when it starts here, own label)
T3_ROWS = [
    ("new", None, None, "一、本年新收政府信息公开申请数量"),
    ("carried", None, None, "二、上年结转政府信息公开申请数量"),
    ("r1", "三、本年度办理结果", None, "（一）予以公开"),
    ("r2", None, None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("r3_1", None, "（三）不予公开", "1.属于国家秘密"),
    ("r3_2", None, None, "2.其他法律行政法规禁止公开"),
    ("r3_3", None, None, "3.危及“三安全一稳定”"),
    ("r3_4", None, None, "4.保护第三方合法权益"),
    ("r3_5", None, None, "5.属于三类内部事务信息"),
    ("r3_6", None, None, "6.属于四类过程性信息"),
    ("r3_7", None, None, "7.属于行政执法案卷"),
    ("r3_8", None, None, "8.属于行政查询事项"),
    ("r4_1", None, "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("r4_2", None, None, "2.没有现成信息需要另行制作"),
    ("r4_3", None, None, "3.补正后申请内容仍不明确"),
    ("r5_1", None, "（五）不予处理", "1.信访举报投诉类申请"),
    ("r5_2", None, None, "2.重复申请"),
    ("r5_3", None, None, "3.要求提供公开出版物"),
    ("r5_4", None, None, "4.无正当理由大量反复申请"),
    ("r5_5", None, None, "5.要求行政机关确认或重新出具已获取信息"),
    ("r6_1", None, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("r6_2", None, None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("r6_3", None, None, "3.其他"),
    ("total", None, None, "（七）总计"),
    ("fwd", None, None, "四、结转下年度继续办理"),
]
RESULT_IDS = [r[0] for r in T3_ROWS if r[0].startswith("r")]
RESULT_IDS_2019 = [r for r in RESULT_IDS if not r.startswith("r6_")] + ["r6"]
APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
COLS = APPLICANTS + ["总计"]
T3_HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def t3_complete(rows: dict[str, list[int]], layout: str = "2021") -> dict[str, list]:
    """Given the result rows, 二 and 四 (six applicant numbers each), derive （七）, 一 and 总计."""
    ids = RESULT_IDS if layout == "2021" else RESULT_IDS_2019
    out = {k: list(v) for k, v in rows.items()}
    out["total"] = [sum(out[r][i] for r in ids) for i in range(6)]
    if "new" not in out:
        out["new"] = [out["total"][i] + out["fwd"][i] - out["carried"][i] for i in range(6)]
    for k, v in out.items():
        assert all(x >= 0 for x in v), (k, v)
        if len(v) == 6:
            v.append(sum(v))
    return {k: [str(x) for x in v] for k, v in out.items()}


def t3_lines(d: dict[str, list[str]], style: str = "huaian", layout: str = "2021",
             order: list[str] | None = None, drop: tuple = (), drop_col: int | None = None) -> list[str]:
    """Render table 三 as TAB-separated lines in one of the shapes real reports have."""
    header = {
        "huaian": [T3_HEADER_NOTE + T + "申请人情况",
                   T + "自然人" + T + "法人或其他组织" + T * 5 + "总计",
                   T * 2 + T.join(APPLICANTS[1:6]) + T],
        "seed": [T3_HEADER_NOTE + T + "申请人情况" + T * 6 + "总计",
                 T + "自然人" + T + "法人或其他组织" + T * 5,
                 T * 2 + T.join(APPLICANTS[1:6]) + T],
        "pingtan": [T3_HEADER_NOTE + T + "申请人情况",
                    "自然人" + T + "法人或其他组织" + T + "总计",
                    T.join(APPLICANTS[1:6])],
    }
    hstyle = {"seed": "seed", "pingtan-header": "pingtan"}.get(style, "huaian")
    lines = list(header[hstyle])
    if drop_col is not None:  # remove one 法人 sub-column from the header and every row
        name = APPLICANTS[drop_col]
        lines[1] = lines[1].replace(T * 5, T * 4, 1)
        lines[2] = lines[2].replace(name + T, "", 1)
    rows = [r for r in T3_ROWS if r[0] not in drop]
    if layout == "2019":
        rows = [r for r in rows if not r[0].startswith("r6_")]
        idx = [r[0] for r in rows].index("total")
        rows.insert(idx, ("r6", None, None, "（六）其他处理"))
    if order:
        byid = {r[0]: r for r in rows}
        rows = [byid[i] for i in order]
    group_of = {}
    g = None
    for rid, g1, g2, lab in T3_ROWS:
        if g2:
            g = g2
        if rid.startswith("r3") or rid.startswith("r4") or rid.startswith("r5") or rid.startswith("r6_"):
            group_of[rid] = g
    seen_groups: set = set()
    for rid, g1, g2, lab in rows:
        vals = list(d[rid])
        if drop_col is not None:
            del vals[drop_col]
        if style == "labelvariants":
            lab = re.sub(r"^(\d)\.", r"\1、", lab)
            lab = lab.replace("逾期不补正、", "逾期不补正，").replace("缴纳费用、", "缴纳费用，")
            lab = {"（一）予以公开": "(一) 予以公开",
                   "（二）部分公开（区分处理的，只计这一情形，不计其他情形）":
                       "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)",
                   "（七）总计": "(七) 总计"}.get(lab, lab)
            g2 = {"（三）不予公开": "(三) 不予公开", "（四）无法提供": "(四) 无法提供",
                  "（五）不予处理": "(五) 不予处理", "（六）其他处理": "(六) 其他处理"}.get(g2, g2)
        if style == "spaced":
            lab = {"（一）予以公开": "（一） 予以公开", "（七）总计": "（七） 总计",
                   "1.属于国家秘密": "1. 属于国家秘密", "2.重复申请": "2. 重复 申请",
                   "一、本年新收政府信息公开申请数量": "一、 本年新收政府信息公开申请数量"}.get(lab, lab)
            g1 = "三、 本年度办 理结果" if g1 else g1
        if style == "pipe":
            if rid in ("new", "carried", "fwd"):
                cells = [lab, "", ""]
            elif rid in ("r1", "r2", "total", "r6"):
                cells = [g1 or "", lab, ""]
            else:
                cells = ["", g2 or "", lab]
            lines.append("| " + " | ".join(cells + vals) + " |")
            continue
        if rid in ("new", "carried", "fwd"):
            cells = [lab]
            if style == "seed" and rid != "new":
                cells = [lab, ""]
        elif style == "pingtan":
            if rid == "r1":
                cells = [g1, lab]
            elif rid == "r4_1":
                cells = ["三、本年度办理结果", g2, lab]
            elif g2:
                cells = [g2, lab]
            else:
                cells = [lab]
        elif style == "grouplines3" and rid == "r1":
            lines.append(g1)
            cells = ["", lab]
        elif style == "grouplines6" and g2 == "（六）其他处理":
            lines.append(g2)
            cells = ["", "", lab]
        elif rid == "r1":
            cells = [g1, lab]
        elif rid in ("r2", "total", "r6"):
            cells = ["", lab]
            if style == "seed" and rid == "total":
                cells = [lab, ""]
        else:
            first_of_group = group_of.get(rid) not in seen_groups
            if order:  # rows moved: the group cell goes with the first line shown of its group
                g2 = group_of[rid] if first_of_group else None
            cells = ["", g2, lab] if g2 else ["", "", lab]
            if style == "seed" and rid == "r6_3":
                cells = [lab, ""]
        if rid in group_of:
            seen_groups.add(group_of[rid])
        trail = [""] if style == "seed" and rid in ("carried", "total", "fwd", "r6_3", "r1") else []
        lines.append(T.join(cells + vals + trail))
    return lines


def t3_pipe(d) -> list[str]:
    head = ["| " + T3_HEADER_NOTE + " |  |  | 申请人情况 |  |  |  |  |  |  |",
            "|---|---|---|---|---|---|---|---|---|---|",
            "|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |",
            "|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |"]
    return head + t3_lines(d, style="pipe")[3:]


def t3_line(d, rid, style="huaian"):
    """The one rendered line of row `rid` (used to edit a single row in a variant)."""
    lines = t3_lines(d, style)
    labels = {r[0]: r[3] for r in T3_ROWS}
    hits = [l for l in lines if labels[rid] in l]
    assert len(hits) == 1, (rid, hits)
    return hits[0]


# ---------------------------------------------------------------------------------------------
# tables 二 and 四
# ---------------------------------------------------------------------------------------------

def t2_2021(regs, norms, lic, pen, coe, fee, pipe=False) -> list[str]:
    rows = [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *regs],
        ["行政规范性文件", *norms],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", lic, "", ""],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政处罚", pen, "", ""],
        ["行政强制", coe, "", ""],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", fee, "", ""],
    ]
    if pipe:
        return ["| " + " | ".join(r) + " |" for r in rows]
    return [T.join(r) for r in rows]


def t2_2019() -> list[str]:
    rows = [
        ["第二十条第（一）项"],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "0"],
        ["规范性文件", "6", "6", "58"],
        ["第二十条第（五）项"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "132", "-3", "9635"],
        ["其他对外管理服务事项", "47", "2", "3218"],
        ["第二十条第（六）项"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政处罚", "1026", "15", "2417"],
        ["行政强制", "38", "0", "156"],
        ["第二十条第（八）项"],
        ["信息内容", "上一年项目数量", "本年增/减"],
        ["行政事业性收费", "21", "-2"],
        ["第二十条第（九）项"],
        ["信息内容", "采购项目数量", "采购总金额"],
        ["政府集中采购", "86", "4526.3"],
    ]
    return [T.join(r) for r in rows]


T4_SUB = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def t4_values(review, direct, after) -> list[str]:
    out = []
    for g in (review, direct, after):
        out += [str(x) for x in g] + [str(sum(g))]
    return out


def t4_lines(vals: list[str], style="seed") -> list[str]:
    if style == "seed":
        head = ["行政复议" + T * 5 + "行政诉讼" + T * 9,
                T.join(T4_SUB) + T + "未经复议直接起诉" + T * 5 + "复议后起诉" + T * 4,
                T * 5 + T.join(T4_SUB + T4_SUB)]
    elif style == "huaian":
        head = ["行政复议" + T * 5 + "行政诉讼",
                T * 5 + "未经复议直接起诉" + T * 5 + "复议后起诉",
                T.join(T4_SUB * 3)]
    elif style == "pipe":
        return ["| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |",
                "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |",
                "|  |  |  |  |  | " + " | ".join(T4_SUB * 2) + " |",
                "| " + " | ".join(vals) + " |"]
    else:
        raise ValueError(style)
    return head + [T.join(vals)]


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

def edit(text: str, old: str, new: str, count: int = 1) -> str:
    n = text.count(old)
    assert n == count, f"expected {count} occurrence(s) of {old!r}, found {n}"
    return text.replace(old, new)


def join(blocks: list, blank: bool = True) -> str:
    """Blocks are strings or lists of lines; blank lines between blocks (as copied from Word)."""
    out: list[str] = []
    for b in blocks:
        ls = b if isinstance(b, list) else [b]
        out.extend(ls)
        if blank:
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# template A: 青岚市交通运输局, report on 2024 (department, 2021 layout) — base of most cases
# ---------------------------------------------------------------------------------------------

DEPT = "青岚市交通运输局"
DEPT_T3 = t3_complete({
    "carried": [4, 1, 0, 0, 0, 0],
    "fwd": [2, 1, 0, 0, 0, 0],
    "r1": [18, 3, 0, 0, 1, 0],
    "r2": [4, 1, 0, 0, 0, 0],
    "r3_1": [0] * 6, "r3_2": [0] * 6, "r3_3": [0] * 6,
    "r3_4": [1, 0, 0, 0, 0, 0],
    "r3_5": [0] * 6,
    "r3_6": [1, 0, 0, 0, 0, 0],
    "r3_7": [2, 0, 0, 0, 0, 0],
    "r3_8": [0] * 6,
    "r4_1": [8, 1, 0, 0, 1, 0],
    "r4_2": [2, 0, 0, 0, 0, 0],
    "r4_3": [0] * 6,
    "r5_1": [2, 0, 0, 0, 0, 0],
    "r5_2": [1, 0, 0, 0, 0, 0],
    "r5_3": [0] * 6, "r5_4": [0] * 6, "r5_5": [0] * 6,
    "r6_1": [1, 1, 0, 0, 0, 0],
    "r6_2": [0] * 6,
    "r6_3": [1, 0, 0, 0, 0, 1],
})
assert DEPT_T3["new"][6] == "48" and DEPT_T3["total"][6] == "50"
DEPT_T4 = t4_values([1, 1, 0, 1], [1, 0, 0, 0], [0, 0, 0, 0])

DEPT_PREAMBLE = (
    "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
    "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
    "本报告电子版可在青岚市人民政府门户网站“政府信息公开”专栏查阅。如对本报告有疑问，请与青岚市交通运输局办公室联系（地址：青岚市滨江路218号）。")
DEPT_S1_INTRO = ("2024年，青岚市交通运输局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和省、市政务公开工作部署，"
                 "围绕交通基础设施建设、运输服务保障、行业安全监管等重点工作，持续深化决策、执行、管理、服务、结果“五公开”，政府信息公开工作质量进一步提升。")
DEPT_S1_1 = ("全年通过局门户网站累计公开政府信息1247条，其中，机构职能类信息15条，政策文件及解读类信息96条，通知公告类信息238条，工作动态类信息671条，行业统计数据类信息227条，平均每月公开信息104条。"
             "通过“青岚交通”微信公众号发布信息386条，及时公开公交线路调整、道路施工绕行、客运班线变更等与群众出行密切相关的信息。")
DEPT_S1_2 = ("严格执行依申请公开受理、登记、审核、答复等工作流程，规范答复文书格式，做到依法、及时、准确答复。"
             "全年共收到政府信息公开申请48件，上年结转申请5件，已办结50件，另有3件因在法定答复期限内结转下年度继续办理。"
             "申请内容主要集中在道路建设项目征迁补偿、出租汽车经营许可、交通行政处罚等方面。")
DEPT_S1_3 = ("2024年，我局制发行政规范性文件3件，废止2件，截至年底现行有效行政规范性文件32件，均已在门户网站“行政规范性文件”栏目集中公开。"
             "严格落实政府信息公开属性源头认定和发布前保密审查制度，坚持“先审查、后公开”“一事一审”，全年未发生泄密和不当公开情况。")
DEPT_S1_4 = ("以门户网站为第一平台，优化调整“政府信息公开”专栏栏目设置，规范法定主动公开内容、法规文件、政策解读等栏目的更新维护。"
             "2024年6月28日完成局门户网站集约化迁移，实现信息统一发布、统一管理。加强政务新媒体日常巡查，确保内容准确、更新及时、互动规范。")
DEPT_S1_5 = ("将政务公开工作纳入局机关年度绩效考核，明确分管领导和专职工作人员。全年组织政务公开专题培训2次，参训人员累计136人次；"
             "按季度开展门户网站和政务新媒体自查，发现并整改错别字、链接失效等问题17个。")
DEPT_S5 = ("我局政府信息公开工作虽取得一定成效，但仍存在一些不足：一是政策解读形式较为单一，图表图解、视频解读等方式运用不够；二是依申请公开答复的规范性有待进一步提升。"
           "下一步，我局将丰富政策解读形式，推行图文、音视频等多元化解读，提高解读的针对性和可读性；加强依申请公开业务培训，完善答复文书范本，持续提升答复质量。")
DEPT_S6 = "本年度未收取政府信息公开信息处理费。无其他需要报告的事项。"


def dept(t3=None, t3_style="huaian", t3_kw=None, t4=None, t4_style="seed", t2=None,
         blank=True, sec5_heading="五、存在的主要问题及改进情况") -> str:
    t3 = t3 or DEPT_T3
    t2 = t2 or dict(regs=("0", "0", "0"), norms=("3", "2", "32"), lic="1862", pen="417", coe="12", fee="0")
    blocks = [
        [DEPT, "2024年政府信息公开工作年度报告"],
        DEPT_PREAMBLE,
        "一、总体情况",
        DEPT_S1_INTRO,
        "（一）主动公开情况", DEPT_S1_1,
        "（二）依申请公开情况", DEPT_S1_2,
        "（三）政府信息管理情况", DEPT_S1_3,
        "（四）政府信息公开平台建设情况", DEPT_S1_4,
        "（五）政府信息公开监督保障情况", DEPT_S1_5,
        "二、主动公开政府信息情况",
        t2_2021(**t2),
        "三、收到和处理政府信息公开申请情况",
        t3_lines(t3, t3_style, **(t3_kw or {})),
        "四、政府信息公开行政复议、行政诉讼情况",
        t4_lines(t4 or DEPT_T4, t4_style),
        sec5_heading, DEPT_S5,
        "六、其他需要报告的事项", DEPT_S6,
        [DEPT, "2025年1月20日"],
    ]
    return join(blocks, blank)


BASE = dept()


def t3_with(**changes) -> dict:
    """A copy of the department table 三 with some cells replaced: changes = {rid: {col: value}}."""
    d = {k: list(v) for k, v in DEPT_T3.items()}
    for rid, cells in changes.items():
        for col, v in cells.items():
            d[rid][COLS.index(col)] = str(v)
    return d


def base_row(rid: str, style: str = "huaian") -> str:
    return t3_line(DEPT_T3, rid, style)


def base_with_rows(**changes) -> str:
    """BASE with table 三 rows edited in place (only the changed lines differ)."""
    d = t3_with(**changes)
    text = BASE
    for rid in changes:
        text = edit(text, t3_line(DEPT_T3, rid), t3_line(d, rid))
    return text


# ---------------------------------------------------------------------------------------------
# template B: 青岚市人民政府, report on 2024 (government, non-zero numbers everywhere)
# ---------------------------------------------------------------------------------------------

GOV = "青岚市人民政府"
GOV_T3 = t3_complete({
    "carried": [23, 3, 1, 1, 1, 1],
    "fwd": [31, 4, 1, 1, 2, 1],
    "r1": [412, 38, 3, 5, 9, 6],
    "r2": [96, 11, 1, 2, 3, 2],
    "r3_1": [3, 1, 1, 1, 1, 1],
    "r3_2": [12, 2, 1, 1, 1, 1],
    "r3_3": [4, 1, 1, 1, 1, 1],
    "r3_4": [21, 4, 1, 1, 2, 1],
    "r3_5": [9, 2, 1, 1, 1, 1],
    "r3_6": [15, 3, 1, 1, 1, 2],
    "r3_7": [11, 2, 1, 1, 2, 1],
    "r3_8": [37, 5, 1, 1, 1, 1],
    "r4_1": [186, 19, 2, 3, 6, 4],
    "r4_2": [24, 4, 1, 1, 1, 1],
    "r4_3": [7, 1, 1, 1, 1, 1],
    "r5_1": [33, 3, 1, 1, 1, 2],
    "r5_2": [18, 2, 1, 1, 1, 1],
    "r5_3": [5, 1, 1, 1, 1, 1],
    "r5_4": [6, 1, 1, 1, 1, 1],
    "r5_5": [4, 1, 1, 1, 1, 1],
    "r6_1": [27, 3, 1, 1, 2, 1],
    "r6_2": [3, 1, 1, 1, 1, 1],
    "r6_3": [19, 2, 1, 1, 1, 2],
})
GOV_T4 = t4_values([41, 12, 27, 9], [14, 3, 6, 4], [8, 2, 3, 2])


def gov(date_line="2025年3月20日") -> str:
    n, c, t, f = (GOV_T3[k][6] for k in ("new", "carried", "total", "fwd"))
    rv, lit = GOV_T4[4], str(int(GOV_T4[9]) + int(GOV_T4[14]))
    blocks = [
        [GOV, "2024年政府信息公开工作年度报告"],
        ("本报告由青岚市人民政府办公室根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。"
         "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。本报告电子版可在青岚市人民政府门户网站查阅，如对本报告有疑问，请与青岚市人民政府办公室联系（地址：青岚市人民大道1号）。"),
        "一、总体情况",
        ("2024年，青岚市人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，认真落实《条例》各项规定，"
         "以公开促落实、强监管、优服务，政务公开工作取得新成效。"),
        "（一）主动公开情况",
        ("全年通过市政府门户网站主动公开政府信息8736条，其中，政策文件类信息612条，政策解读类信息305条，财政预决算类信息1284条，重点领域信息2967条，政务动态类信息3568条，平均每月公开信息728条。"
         "新增公开市政府规章2件、市政府及市政府办公室行政规范性文件11件，组织召开新闻发布会24场。"),
        "（二）依申请公开情况",
        (f"全年共收到政府信息公开申请{n}件，上年结转申请{c}件，已办结{t}件，另有{f}件结转下年度继续办理，均在法定期限内答复。"
         f"因政府信息公开工作被申请行政复议{rv}件，被提起行政诉讼{lit}件。"),
        "（三）政府信息管理情况",
        "动态调整政府信息公开目录，全年对87件现行有效行政规范性文件开展合法性、时效性评估，落实公开属性源头认定和保密审查机制。",
        "（四）政府信息公开平台建设情况",
        "推进市、县两级政府网站集约化建设，完善政务公开专区，全市在运维政务新媒体共计64个，全年开展政务新媒体检查4次。",
        "（五）政府信息公开监督保障情况",
        ("将政务公开工作纳入全市综合绩效考核，组织第三方开展社会评议，全年开展政务公开业务培训6场，培训人员累计580人次。"
         "全年未发生因政府信息公开工作不力被责任追究的情况。"),
        "二、主动公开政府信息情况",
        t2_2021(("2", "1", "14"), ("11", "6", "87"), "25618", "9347", "612", "3268.45"),
        "三、收到和处理政府信息公开申请情况",
        t3_lines(GOV_T3),
        "四、政府信息公开行政复议、行政诉讼情况",
        t4_lines(GOV_T4),
        "五、存在的主要问题及改进情况",
        ("对照上级要求和群众期待，全市政务公开工作仍存在一些短板：部分单位政策解读质量不高，基层政务公开专区建设不够均衡。"
         "下一步，我市将健全政策解读工作机制，推动基层政务公开标准化规范化提质增效，加强对县区和市直部门的业务指导和考核评估。"),
        "六、其他需要报告的事项",
        "2024年，全市共收取政府信息公开信息处理费1200元。市政府办公室按照《政府信息公开信息处理费管理办法》，对超出合理范围的申请依法收费。",
        [GOV, date_line],
    ]
    return join(blocks)


# ---------------------------------------------------------------------------------------------
# template C: 青岚市东湖区人民政府, report on 2020, 2019 layout
# ---------------------------------------------------------------------------------------------

DH = "青岚市东湖区人民政府"
DH_T3 = t3_complete({
    "carried": [2, 0, 0, 0, 0, 0],
    "fwd": [3, 1, 0, 0, 0, 0],
    "r1": [21, 4, 0, 1, 0, 0],
    "r2": [6, 1, 0, 0, 0, 0],
    "r3_1": [0] * 6, "r3_2": [1, 0, 0, 0, 0, 0], "r3_3": [0] * 6, "r3_4": [2, 0, 0, 0, 0, 0],
    "r3_5": [0] * 6, "r3_6": [1, 0, 0, 0, 0, 0], "r3_7": [3, 0, 0, 0, 0, 0], "r3_8": [1, 0, 0, 0, 0, 0],
    "r4_1": [14, 2, 0, 0, 1, 0], "r4_2": [1, 0, 0, 0, 0, 0], "r4_3": [2, 0, 0, 0, 0, 0],
    "r5_1": [4, 0, 0, 0, 0, 0], "r5_2": [2, 0, 0, 0, 0, 0], "r5_3": [0] * 6, "r5_4": [0] * 6,
    "r5_5": [0] * 6,
    "r6": [3, 0, 0, 0, 0, 1],
}, layout="2019")
DH_T4 = t4_values([2, 1, 1, 0], [1, 0, 1, 0], [0, 0, 0, 1])


def dh() -> str:
    n = DH_T3["new"][6]
    blocks = [
        [DH, "2020年政府信息公开工作年度报告"],
        ("根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，东湖区人民政府办公室编制了本报告。"
         "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。如对本报告有疑问，请与东湖区人民政府办公室联系。"),
        "一、总体情况",
        ("2020年，东湖区人民政府坚持以公开为常态、不公开为例外，围绕疫情防控、复工复产、民生保障等重点工作加大信息公开力度，切实保障人民群众知情权、参与权、表达权和监督权。"
         "全年主动公开政府信息4318条，其中，疫情防控类信息862条，政策文件及解读类信息341条，财政资金类信息597条，重点领域信息1206条，其他信息1312条。"
         f"全年共收到政府信息公开申请{n}件，均在法定期限内予以答复。"),
        "（一）推进重点领域信息公开",
        "及时发布疫情防控通告、复工复产扶持政策和惠企资金兑现信息，全年政府集中采购项目86个，采购信息全部依法公开。",
        "（二）加强政策解读和回应关切",
        "坚持政策文件与解读材料同步起草、同步审签、同步发布，全年开展在线访谈12期，回复网民留言1874条。",
        "（三）夯实公开平台和制度保障",
        "完善区政府门户网站政府信息公开专栏，更新政府信息公开指南和目录，将政务公开纳入区直部门年度绩效考核。",
        "二、主动公开政府信息情况",
        t2_2019(),
        "三、收到和处理政府信息公开申请情况",
        t3_lines(DH_T3, layout="2019"),
        "四、政府信息公开行政复议、行政诉讼情况",
        t4_lines(DH_T4),
        "五、存在的主要问题及改进情况",
        ("一是部分单位对政策解读重视不够，解读形式不够丰富；二是基层政务公开标准化规范化工作推进不够平衡。"
         "下一步，我区将加强业务培训和督促检查，推动政务公开工作提质增效。"),
        "六、其他需要报告的事项",
        "本年度未收取政府信息公开信息处理费。",
        [DH, "2021年3月16日"],
    ]
    return join(blocks)


# ---------------------------------------------------------------------------------------------
# template D: 青岚市水利局, report on 2023, canonical markup (headings with #, pipe tables)
# ---------------------------------------------------------------------------------------------

SL = "青岚市水利局"
SL_T3 = t3_complete({
    "carried": [1, 0, 0, 0, 0, 0],
    "fwd": [2, 0, 0, 0, 0, 0],
    "r1": [9, 2, 0, 0, 0, 1],
    "r2": [3, 0, 0, 0, 0, 0],
    "r3_1": [0] * 6, "r3_2": [0] * 6, "r3_3": [0] * 6, "r3_4": [1, 0, 0, 0, 0, 0], "r3_5": [0] * 6,
    "r3_6": [0] * 6, "r3_7": [0] * 6, "r3_8": [0] * 6,
    "r4_1": [5, 1, 1, 0, 0, 0], "r4_2": [1, 0, 0, 0, 0, 0], "r4_3": [0] * 6,
    "r5_1": [1, 0, 0, 0, 0, 0], "r5_2": [0] * 6, "r5_3": [0] * 6, "r5_4": [0] * 6, "r5_5": [0] * 6,
    "r6_1": [0] * 6, "r6_2": [0] * 6, "r6_3": [1, 0, 0, 0, 0, 0],
})
SL_T4 = t4_values([1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])


def sl() -> str:
    n = SL_T3["new"][6]
    blocks = [
        [SL, "2023年政府信息公开工作年度报告"],
        ("根据《中华人民共和国政府信息公开条例》（国务院令第711号）和国办公开办函〔2021〕30号的要求，编制本报告。"
         "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),
        "# 一、总体情况",
        "2023年，青岚市水利局围绕防汛抗旱、水资源管理、水利工程建设等重点工作，扎实推进政府信息公开。",
        "## （一）主动公开情况",
        "全年通过局门户网站公开政府信息684条，其中，防汛抗旱信息213条，水利工程建设信息157条，政策文件及解读信息48条，工作动态信息266条，平均每月公开信息57条。",
        "## （二）依申请公开情况",
        f"全年共收到政府信息公开申请{n}件，上年结转申请1件，已办结{SL_T3['total'][6]}件，2件结转下年度继续办理。",
        "## （三）政府信息管理情况",
        "严格执行信息发布审核制度，对现行有效的9件行政规范性文件进行梳理并集中公开。",
        "## （四）政府信息公开平台建设情况",
        "优化门户网站“水情信息”专栏，汛期每日发布重点水库水位和降雨信息。",
        "## （五）政府信息公开监督保障情况",
        "将政务公开纳入局机关年度考核，全年开展业务培训2次。",
        "# 二、主动公开政府信息情况",
        t2_2021(("0", "0", "0"), ("2", "1", "9"), "356", "48", "3", "0", pipe=True),
        "# 三、收到和处理政府信息公开申请情况",
        t3_pipe(SL_T3),
        "# 四、政府信息公开行政复议、行政诉讼情况",
        t4_lines(SL_T4, "pipe"),
        "# 五、存在的主要问题及改进情况",
        "政策解读的通俗化水平还需提高。下一步，我局将更多采用图解、短视频等形式解读涉水政策。",
        "# 六、其他需要报告的事项",
        "本年度未收取政府信息公开信息处理费。",
        [SL, "2024年1月18日"],
    ]
    return join(blocks)


# ---------------------------------------------------------------------------------------------
# the sample: 江北市生态环境局, report on 2025, with exactly four deliberate defects
# ---------------------------------------------------------------------------------------------

JB = "江北市生态环境局"
JB_T3 = t3_complete({
    "carried": [3, 1, 0, 0, 0, 0],
    "fwd": [4, 0, 0, 0, 1, 0],
    "r1": [24, 4, 1, 1, 1, 0],
    "r2": [6, 2, 0, 0, 0, 0],
    "r3_1": [0] * 6, "r3_2": [1, 0, 0, 0, 0, 0], "r3_3": [0] * 6, "r3_4": [2, 1, 0, 0, 0, 0],
    "r3_5": [1, 0, 0, 0, 0, 0], "r3_6": [2, 0, 0, 0, 0, 0], "r3_7": [1, 0, 0, 0, 0, 0], "r3_8": [0] * 6,
    "r4_1": [9, 1, 0, 1, 1, 0], "r4_2": [2, 1, 0, 0, 0, 0], "r4_3": [1, 0, 0, 0, 0, 0],
    "r5_1": [3, 0, 0, 0, 0, 1], "r5_2": [1, 0, 0, 0, 0, 0], "r5_3": [0] * 6, "r5_4": [0] * 6,
    "r5_5": [1, 0, 0, 0, 0, 0],
    "r6_1": [1, 1, 0, 0, 0, 0], "r6_2": [0] * 6, "r6_3": [1, 0, 0, 0, 0, 0],
})
JB_T4 = t4_values([2, 0, 1, 0], [1, 0, 0, 1], [0, 0, 0, 0])


def sample(defects: bool = True) -> str:
    t3 = {k: list(v) for k, v in JB_T3.items()}
    if defects:  # (a) （七）总计 自然人 off by one, nothing else changed
        t3["total"][0] = str(int(t3["total"][0]) + 1)
    y_period = "2024" if defects else "2025"  # (b)
    brackets = "[2021]" if defects else "〔2021〕"  # (c)
    stale = "2024" if defects else "2025"  # (d)
    n, c, t, f = (JB_T3[k][6] for k in ("new", "carried", "total", "fwd"))
    blocks = [
        [JB, "2025年政府信息公开工作年度报告"],
        (f"本报告依据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函{brackets}30号）编制。"
         f"本报告中所列数据的统计期限自{y_period}年1月1日起至{y_period}年12月31日止。本报告电子版可在江北市生态环境局门户网站“政府信息公开”专栏下载。如对本报告有疑问，请与江北市生态环境局办公室联系（地址：江北市临江大道66号）。"),
        "一、总体情况",
        ("2025年，江北市生态环境局以习近平生态文明思想为指导，认真贯彻落实《条例》，围绕环境质量改善、污染防治攻坚、生态环境执法等重点工作，"
         "坚持以公开为常态、不公开为例外，持续提升生态环境领域政府信息公开的质量和实效。"),
        "（一）主动公开情况",
        ("全年通过局门户网站主动公开政府信息1538条，其中，机构职能类信息8条，政策文件及解读类信息64条，通知公告类信息197条，环境质量信息512条，工作动态类信息757条，平均每月公开信息128条，信息发布总量较2024年增长9.3%。"
         "按月发布全市环境空气质量和地表水水质状况，及时公开建设项目环境影响评价受理、拟审批和审批结果信息。"),
        "（二）依申请公开情况",
        (f"全年共收到政府信息公开申请{n}件，上年结转申请{c}件，已办结{t}件，另有{f}件因在法定答复期限内结转下年度继续办理。"
         "申请内容主要涉及建设项目环评审批、企业排污许可和环境违法行为查处等。"),
        "（三）政府信息管理情况",
        (f"{stale}年，我局对现行有效的17件行政规范性文件进行了全面清理，全年制发行政规范性文件2件、废止1件，清理结果已在门户网站集中公开。"
         "严格执行公开属性源头认定和保密审查制度，坚持“先审查、后公开”。"),
        "（四）政府信息公开平台建设情况",
        "优化门户网站“政府信息公开”专栏，新增“环境质量信息”“环境执法信息”子栏目，推动“江北生态环境”微信公众号与门户网站同步发布重要信息。",
        "（五）政府信息公开监督保障情况",
        "将政府信息公开工作纳入局机关年度考核，全年组织业务培训3次，按季度开展网站和政务新媒体自查，发现问题均已整改到位。",
        "二、主动公开政府信息情况",
        t2_2021(("0", "0", "0"), ("2", "1", "17"), "386", "243", "31", "0"),
        "三、收到和处理政府信息公开申请情况",
        t3_lines(t3),
        "四、政府信息公开行政复议、行政诉讼情况",
        t4_lines(JB_T4),
        "五、存在的主要问题及改进情况",
        ("一是生态环境政策解读的通俗化、可视化程度不高；二是依申请公开答复的说理还不够充分。"
         "2026年，我局将推出更多图解和短视频解读产品，完善依申请公开答复文书范本，加强对承办人员的业务培训，进一步提升答复质量。"),
        "六、其他需要报告的事项",
        "根据《政府信息公开信息处理费管理办法》，本年度我局未收取政府信息公开信息处理费。无其他需要报告的事项。",
        [JB, "2026年1月20日"],
    ]
    return join(blocks)


# ---------------------------------------------------------------------------------------------
# the cases
# ---------------------------------------------------------------------------------------------

def lines_of(text):
    return text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")


LONG_UNIT = "推进政府网站与政务新媒体集约化、规范化建设，加强栏目内容保障和日常监测，"


def long_line() -> str:
    s = (LONG_UNIT * (20000 // len(LONG_UNIT) + 1))[:19999] + "。"
    assert len(s) == 20000
    return s


def build_cases():
    """Returns [(name, text, today, [expectations], why)].

    An expectation is (code, severity, anchor, cell, note): `anchor` is a substring of exactly one
    line of the file (that line is the diagnostic's line), `cell` names the table cell if any.
    """
    C = []

    def case(name, text, exp, why, today=DEFAULT_TODAY):
        C.append((name, text, today, exp, why))

    title = "2024年政府信息公开工作年度报告"
    sig = "2025年1月20日"

    # --- clean files --------------------------------------------------------------------------
    case("clean-2024-department.txt", BASE, [],
         "The base template of most -pos/-neg files: a correct 2024 report of a city department "
         "(青岚市交通运输局), dated 2025年1月20日 (deadline 1月31日). Prose totals agree with themselves and "
         "with tables 三/四; `平均每月公开信息104条` = 1247 / 12 = 103.9 rounded.")
    case("clean-2024-city-government.txt", gov(), [],
         "A correct 2024 report of a city government (青岚市人民政府), every count in tables 二–四 non-zero, "
         "dated 2025年3月20日 — within the 3月31日 deadline that applies to 人民政府. 8736 / 12 = 728 exactly.")
    case("clean-2020-layout-2019.txt", dh(), [],
         "A correct 2020 report of a district government in the 2019 layout (table 二 with 上一年项目数量/本年增/减 "
         "and the （九） block; table 三 with a single （六）其他处理 row). For a 2020 report that layout and the "
         "citation of 国办公开办函〔2019〕60号 are correct — no `stale-format`, no `superseded-citation`. "
         "Negative numbers in the 本年增/减 column (-3, -2) are valid there (no `invalid-number`).")
    case("clean-pipe-tables.txt", sl(), [],
         "A correct 2023 report in the canonical markup: `# 一、…` sections, `## （一）…` subsections, "
         "pipe tables with merged cells as empty pipe cells; table 三 has the optional `|---|` rule line after its "
         "first row, tables 二 and 四 do not. Dated 2024年1月18日.")

    # --- structure ----------------------------------------------------------------------------
    t = BASE
    t = edit(t, "\n六、其他需要报告的事项\n\n" + DEPT_S6 + "\n", "")
    case("missing-section-pos.txt", t,
         [("missing-section", "error", "五、存在的主要问题及改进情况", None, "六、其他需要报告的事项 is absent")],
         "Section 六 (heading and text) deleted. No section follows the gap, so the finding is anchored on the "
         "last present heading (五); the fix inserts `六、其他需要报告的事项` before the signature.")
    case("missing-section-neg.txt", BASE.replace("\n\n", "\n"), [],
         "The base without any blank line (as copied from a web page, like the 淮安 report): headings are "
         "recognised without blank lines around them.")

    s5 = "五、存在的主要问题及改进情况\n\n" + DEPT_S5 + "\n\n"
    s6 = "六、其他需要报告的事项\n\n" + DEPT_S6 + "\n\n"
    case("section-order-pos.txt", edit(BASE, s5 + s6, s6 + s5),
         [("section-order", "warning", "五、存在的主要问题及改进情况", None, "五 after 六")],
         "Sections 五 and 六 swapped (both correctly numbered). Reported on the heading whose number is lower "
         "than one seen before it (五), not on 六.")
    case("section-order-neg.txt",
         edit(BASE, DEPT_S5, "（一）存在的主要问题\n\n" + DEPT_S5.split("下一步，")[0]
              + "\n\n（二）改进措施\n\n下一步，" + DEPT_S5.split("下一步，")[1]),
         [], "Section 五 split into subsections （一）（二）: subsection numbering restarts inside each section and "
             "is not section order.")
    case("duplicate-section-pos.txt",
         edit(BASE, s5, "五、存在的主要问题及改进情况\n\n一是政务公开工作机制还不够健全；二是信息公开的及时性有待提高。下一步，我局将进一步健全工作机制。\n\n" + s5),
         [("duplicate-section", "error", "五、存在的主要问题及改进情况", None, "second occurrence")],
         "Section 五 appears twice (last year's paragraph left above the new one). Reported on the second "
         "heading only; no `section-order` (the numbers never go down).")
    # anchor line: the 2nd occurrence — handled by `nth` below
    case("duplicate-section-neg.txt",
         edit(BASE, "要求编制。", "要求编制。本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项等六个部分。"),
         [], "The preamble names all six sections in prose (like the 平潭 reports): names inside a sentence are not "
             "headings.")
    case("section-number-pos.txt", edit(BASE, "三、收到和处理政府信息公开申请情况", "二、收到和处理政府信息公开申请情况"),
         [("section-number", "error", "二、收到和处理政府信息公开申请情况", None, "expected 三、")],
         "The heading of section 三 numbered `二、` (as in the 2019 平潭 bureau report). Only the numbering slip is "
         "reported (fix: `三、`): the section is identified by its title, so no missing-section, "
         "duplicate-section or section-order.")
    case("section-number-neg.txt", dept(t3_style="grouplines3"), [],
         "Table 三's merged cell `三、本年度办理结果` comes out on a line of its own (no TAB) before the `（一）予以公开` "
         "row, as in many Word/PDF copies. A line starting with `三、` that is not a known heading is not a section "
         "heading (and it does not end the table).")
    case("section-title-pos.txt", edit(BASE, "五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
         [("section-title", "hint", "五、政府信息公开工作存在的主要问题及改进情况", None, "official: 存在的主要问题及改进情况")],
         "A common variant heading (the wording of 条例第五十条). The section is still recognised as 五; a hint "
         "proposes the official wording.")
    t = edit(BASE, "一、总体情况", "一、 总体情况")
    t = edit(t, "五、存在的主要问题及改进情况", "五、　存在的主要问题及改进情况")
    case("section-title-neg.txt", t, [],
         "Headings with a space / an ideographic space after `、`: whitespace inside a heading is not a wording "
         "difference.")

    # --- tables: presence and layout -----------------------------------------------------------
    t4 = "\n".join(t4_lines(DEPT_T4)) + "\n\n"
    case("missing-table-pos.txt", edit(BASE, t4, ""),
         [("missing-table", "error", "四、政府信息公开行政复议、行政诉讼情况", None, "table 四")],
         "Table 四 deleted; the heading of section 四 is followed directly by section 五. Anchored on the heading "
         "of the section that should hold the table.")
    case("missing-table-neg.txt", dept(t4_style="huaian"), [],
         "Table 四 with its header in another real arrangement (the 淮安 one: the 15 result labels on one line). Same "
         "numbers; the table is found and read.")
    case("missing-row-pos.txt", dept(t3_kw={"drop": ("r3_8",)}),
         [("missing-row", "error", "（本列数据的勾稽关系为", None, "（三）8.属于行政查询事项")],
         "Row （三）8.属于行政查询事项 deleted (it was all zeros, so every sum still holds). Anchored on the "
         "table's first line. Not `stale-format`: only the （五）5 and （六）1–3 rows mark "
         "the 2019 layout.")
    case("missing-row-neg.txt", dept(t3_style="labelvariants"), [],
         "Row labels in other real spellings: `1、属于…` instead of `1.`, half-width `(一) ` with a space, "
         "`，` instead of `、` inside the （六）1–2 labels, `(二) 部分公开(区分处理的, 只计…)`. All rows are found.")
    case("missing-column-pos.txt", dept(t3_kw={"drop_col": 2}),
         [("missing-column", "error", "一、本年新收政府信息公开申请数量", None, "科研机构")],
         "Table 三 without the 科研机构 column (header and every row have 6 numbers; the column was all zeros). "
         "Reported once, on the first data row that lacks the column (row 一; the other rows may be related "
         "locations). The remaining columns are "
         "mapped by their header labels, so no arithmetic rule fires.")
    case("missing-column-neg.txt", dept(t3_style="pingtan-header"), [],
         "Table 三's header in the 平潭 arrangement (`自然人→法人或其他组织→总计` / the five sub-columns with no leading "
         "empty cells). All seven columns are present.")
    case("stale-format-pos.txt",
         dept(t3=t3_complete({k: [int(x) for x in DEPT_T3[k][:6]] for k in DEPT_T3
                              if k not in ("total", "new", "r6_1", "r6_2", "r6_3")}
                             | {"r6": [2, 1, 0, 0, 0, 1]}, layout="2019"), t3_kw={"layout": "2019"}),
         [("stale-format", "warning", "（本列数据的勾稽关系为", None, "single （六） row")],
         "A 2024 report whose table 三 has the 2019 single row `（六）其他处理` (its numbers are the sum of the three "
         "2021 rows, so every sum holds). Reported once, on the table's first line; the absent （六）1–3 rows are part of this "
         "finding, not separate `missing-row`s.")
    case("stale-format-neg.txt", dept(t3_style="grouplines6"), [],
         "The merged `（六）其他处理` cell is on a line of its own (no TAB), followed by the "
         "three sub-rows `1.` `2.` `3.其他`. A group label line is not the old single （六） row.")

    # --- arithmetic ---------------------------------------------------------------------------
    case("table3-balance-pos.txt", base_with_rows(fwd={"自然人": 3, "商业企业": 0}),
         [("table3-balance", "error", "（七）总计", "自然人", "一+二 = 43, 三（七）+四 = 44; fix: 四 → 2"),
          ("table3-balance", "error", "（七）总计", "商业企业", "一+二 = 7, 三（七）+四 = 6; fix: 四 → 1")],
         "Row 四 自然人 2→3 and 商业企业 1→0 (row 总计 still 3, so `table3-row-total` holds; the prose `3件结转` "
         "still agrees). The balance fails in two columns; each finding is anchored on the （七）总计 cell of its "
         "column (the four cells of the equation as related locations) and offers the fix on row 四.")
    case("table3-balance-neg.txt", dept(t3_style="seed"), [],
         "Table 三 with the stray cells of the 攀枝花 copy: an empty cell after the label of rows 二, （七）, 四 and "
         "`3.其他`, trailing TABs, `总计` on the first header line. Data cells are the last seven cells after trailing "
         "empty cells are dropped; read that way everything balances.")
    case("table3-results-total-pos.txt", base_with_rows(r1={"商业企业": 5, "总计": 24}),
         [("table3-results-total", "error", "（七）总计", "商业企业", "（七）= 6, sum of result rows = 8"),
          ("table3-results-total", "error", "（七）总计", "总计", "（七）= 50, sum of result rows = 52")],
         "（一）予以公开 商业企业 3→5 and its 总计 22→24 (the row total holds). The result rows no longer add up to "
         "（七） in two columns; the balance still holds (（七） unchanged), so only this rule catches it, as in the "
         "2020 平潭 report.")
    case("table3-results-total-neg.txt", dept(t3_style="pingtan"), [],
         "Table 三 rows in the 平潭 arrangement: no leading empty cells for merged cells, the group label only on the "
         "first sub-row, `三、本年度办理结果` repeated before `（四）无法提供`. The rows are identified by label; "
         "nothing is counted twice.")
    case("table3-row-total-pos.txt", base_with_rows(r1={"自然人": 17}, r2={"自然人": 5}),
         [("table3-row-total", "error", "（一）予以公开", "总计", "总计 22, sum 21"),
          ("table3-row-total", "error", "（二）部分公开", "总计", "总计 5, sum 6")],
         "One request moved from （一） to （二） in the 自然人 column without updating the 总计 cells. Column sums are "
         "unchanged, so only the two row totals fail.")
    case("table3-row-total-neg.txt", base_with_rows(r1={"自然人": 17, "总计": 21}, r2={"自然人": 5, "总计": 6}), [],
         "The same move with the 总计 cells updated: all sums hold.")
    case("table4-total-pos.txt", edit(BASE, T.join(DEPT_T4), T.join(["1", "1", "0", "1", "4"] + DEPT_T4[5:])),
         [("table4-total", "error", T.join(["1", "1", "0", "1", "4"]), "行政复议 总计", "总计 4, sum 3")],
         "行政复议 总计 says 4; its four results add up to 3.")
    case("table4-total-neg.txt", edit(BASE, T.join(DEPT_T4), T.join(["1", "1", "1", "0", "3"] + DEPT_T4[5:])), [],
         "The pending review moved to 其他结果; the total is unchanged and still right.")

    t = BASE
    t = edit(t, "行政处罚\t417\t\t", "行政处罚\t417.5\t\t")
    t = edit(t, "行政强制\t12\t\t", "行政强制\t-12\t\t")
    t = edit(t, base_row("r5_3"), base_row("r5_3").replace("3.要求提供公开出版物\t0", "3.要求提供公开出版物\t无"))
    case("invalid-number-pos.txt", t,
         [("invalid-number", "error", "行政处罚\t417.5", "本年处理决定数量", "fractional"),
          ("invalid-number", "error", "行政强制\t-12", "本年处理决定数量", "negative"),
          ("invalid-number", "error", "3.要求提供公开出版物\t无", "自然人", "not a number")],
         "Three cells that are not counts: a fraction and a negative number in table 二, `无` in table 三 (read as 0, "
         "so the sums still hold).")
    t = edit(BASE, "行政许可\t1862\t\t", "行政许可\t1,862\t\t")
    t = edit(t, "行政事业性收费\t0\t\t", "行政事业性收费\t36.85\t\t")
    case("invalid-number-neg.txt", t, [],
         "Valid numbers that look unusual: a count with a thousands separator (`1,862`) and a fee with decimals "
         "(`36.85` 万元 — the （八） column is an amount, not a count).")

    # --- prose --------------------------------------------------------------------------------
    case("narrative-sum-pos.txt", edit(BASE, "工作动态类信息671条", "工作动态类信息670条"),
         [("narrative-sum", "warning", "累计公开政府信息1247条", None, "1247 vs 15+96+238+670+227 = 1246")],
         "The breakdown after `其中，` adds up to 1246, the stated total is 1247.")
    t = edit(BASE, "及时公开公交线路调整", "其中包括政策图解23条、短视频解读9条，及时公开公交线路调整")
    t = edit(t, "已办结50件，", "已办结50件（含上年度结转申请5件），")
    t = edit(t, "参训人员累计136人次；", "参训人员累计136人次，其中局机关干部48人次；")
    case("narrative-sum-neg.txt", t, [],
         "Three lists that are not exhaustive breakdowns: `其中包括…` (23 + 9 ≠ 386), `办结50件（含上年度结转申请5件）` "
         "(a number that includes another), and a single-item `其中局机关干部48人次`.")
    case("narrative-average-pos.txt", edit(BASE, "平均每月公开信息104条", "平均每月公开信息125条"),
         [("narrative-average", "hint", "平均每月公开信息125条", None, "1247 / 12 = 103.9")],
         "The average was not updated (125 is last year's). 1247 / 12 = 103.9.")
    case("narrative-average-neg.txt", edit(BASE, "平均每月公开信息104条", "平均每月公开信息103条"), [],
         "103 is 1247 / 12 = 103.9 truncated. Accepted: floor and ceiling of total / months are both right (the seed's "
         "146 for 1762 / 12 = 146.8 is the same case).")
    t = edit(BASE, "全年共收到政府信息公开申请48件", "全年共收到政府信息公开申请52件")
    t = edit(t, "申请内容主要集中在", "本年度未发生因政府信息公开引发的行政复议、行政诉讼案件。申请内容主要集中在")
    case("narrative-table-mismatch-pos.txt", t,
         [("narrative-table-mismatch", "warning", "全年共收到政府信息公开申请52件", None, "prose 52, table 三 row 一 总计 48"),
          ("narrative-table-mismatch", "warning", "全年共收到政府信息公开申请52件", None, "`未发生…行政复议、行政诉讼` but table 四 has 3 + 1 cases")],
         "Two contradictions on one line: the number of new applications (table says 48), and a sentence copied "
         "from a year without cases while table 四 has 3 reviews and 1 lawsuit. Both anchored on that line (each on "
         "its own phrase).")
    t = edit(BASE, "已办结50件，", "已办结50件（含上年度结转申请5件），")
    t = edit(t, "申请内容主要集中在",
             "因政府信息公开工作被申请行政复议3件，其中结果维持1件、结果纠正1件、尚未审结1件；被提起行政诉讼1件，法院判决维持。申请内容主要集中在")
    case("narrative-table-mismatch-neg.txt", t, [],
         "Prose that agrees with the tables in non-trivial ways: `办结50件（含上年度结转申请5件）` (50 = （七）总计, 5 = "
         "row 二), review cases 3 = 1 + 1 + 1 with 其他结果 omitted, 1 lawsuit = 直接起诉 1 + 复议后起诉 0.")

    # --- title, dates -------------------------------------------------------------------------
    case("missing-title-year-pos.txt", edit(BASE, "\n" + title + "\n", "\n政府信息公开工作年度报告\n"),
         [("missing-title-year", "error", "=政府信息公开工作年度报告", None, "no year")],
         "The title line lost its year. The checker falls back to the statistics period (2024) for everything "
         "else, so nothing else fires.")
    case("missing-title-year-neg.txt", edit(BASE, DEPT + "\n" + title + "\n", DEPT + "2024 年度政府信息公开工作年度报告\n"), [],
         "Title on one line, with `年度` and a space inside the year (`2024 年度`), as PDF copies give it.")
    case("period-mismatch-pos.txt", edit(BASE, "自2024年1月1日起至2024年12月31日止", "自2023年1月1日起至2023年12月31日止"),
         [("period-mismatch", "error", "统计期限自2023年1月1日", None, "expected 2024-01-01 – 2024-12-31")],
         "Statistics period copied from last year. Only `period-mismatch` — the years in the period sentence are not "
         "also `stale-year`.")
    case("period-mismatch-neg.txt", edit(BASE, "自2024年1月1日起至2024年12月31日止", "自2024年1月1日起至12月31日止"), [],
         "The end of the period written without its year (`至12月31日止`): it inherits 2024 from the start date.")
    case("period-partial-year.txt",
         edit(edit(BASE, "本报告中所列数据的统计期限自2024年1月1日起",
                   "青岚市交通运输局于2024年3月1日由原青岚市交通局和青岚市港航管理局整合组建，本报告中所列数据的统计期限自2024年3月1日起"),
              "，平均每月公开信息104条。", "。"),
         [("period-mismatch", "warning", "统计期限自2024年3月1日", None, "shorter period inside 2024")],
         "A body created on 2024年3月1日: the period lies inside the report year, so `period-mismatch` is a warning, "
         "not an error (like the 2019 平潭 bureau report). The monthly average was removed from this file because "
         "its divisor (10 or 12 months) would be a separate question.")
    case("publish-date-early-pos.txt", edit(BASE, sig, "2024年12月31日"),
         [("publish-date-early", "error", "=2024年12月31日", None, "on or before 2024-12-31")],
         "Dated 2024年12月31日, the last day of the report year: the year had not ended. The first acceptable date is "
         "2025年1月1日.")
    case("publish-date-early-neg.txt", edit(BASE, sig, "2025年1月2日"), [],
         "Dated 2025年1月2日, just after the year ended (like the 平潭 bureau's 2020年1月2日).")
    case("publish-date-late-pos.txt", edit(BASE, sig, "2025年3月20日"),
         [("publish-date-late", "warning", "2025年3月20日", None, "department: deadline 2025年1月31日")],
         "A department (交通运输局) dated 2025年3月20日: the 1月31日 deadline of 条例第四十九条第一款 applies.")
    case("publish-date-late-neg.txt", gov(), [],
         "Identical to clean-2024-city-government.txt, kept under this name as the pair of publish-date-late-pos: "
         "a 人民政府 dated 2025年3月20日 is within the 3月31日 deadline of 第四十九条第二款.")
    case("publish-date-deadline-day.txt", edit(BASE, sig, "2025年1月31日"), [],
         "A department dated on the deadline day itself: `1月31日前` includes 1月31日.")
    case("invalid-date-pos.txt", edit(BASE, "2024年6月28日完成", "2024年6月31日完成"),
         [("invalid-date", "error", "2024年6月31日", None, "June has 30 days")],
         "A date that does not exist, in prose.")
    case("invalid-date-neg.txt", edit(BASE, "2024年6月28日完成", "2024年2月29日完成"), [],
         "2024 is a leap year: 2024年2月29日 exists.")
    case("stale-year-pos.txt", edit(BASE, "2024年，我局制发行政规范性文件", "2023年，我局制发行政规范性文件"),
         [("stale-year", "warning", "2023年，我局制发行政规范性文件", None, "2023 where 2024 is meant")],
         "A sentence in section 一 still opens with last year (`2023年，我局…`).")
    t = edit(BASE, "与群众出行密切相关的信息。", "与群众出行密切相关的信息。与上年相比，政策解读类信息数量明显增加，较2023年增长12.9%。")
    t = edit(t, "2024年，我局制发行政规范性文件", "2023年至2024年，我局连续两年开展行政规范性文件集中清理。2024年，我局制发行政规范性文件")
    t = edit(t, "下一步，我局将", "2025年，我局将")
    case("stale-year-neg.txt", t, [],
         "Other years used correctly: comparisons (`与上年相比`, `较2023年增长`), a range (`2023年至2024年`) and a "
         "plan in section 五 (`2025年，我局将…`).")
    case("stale-report-year-pos.txt", edit(BASE, DEPT + "\n" + sig + "\n", DEPT + "\n"),
         [("stale-report-year", "information", title, None, "2024 while today is 2026-01-10")],
         "A draft being written on 2026-01-10 (today) from the 2024 report: title year still 2024, no date yet. The "
         "report being written in 2026 is on 2025.", today=dt.date(2026, 1, 10))
    case("stale-report-year-neg.txt", BASE, [],
         "Identical to clean-2024-department.txt, checked with today = 2026-01-10: the report is dated 2025年1月20日, "
         "i.e. it is a published report from last year being read, not one being written now.",
         today=dt.date(2026, 1, 10))
    t = edit(BASE, "国务院令第711号", "国务院令第492号")
    t = edit(t, "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）",
             "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）")
    case("superseded-citation-pos.txt", t,
         [("superseded-citation", "warning", "国务院令第492号", None, "国务院令第492号 → 第711号"),
          ("superseded-citation", "warning", "国务院令第492号", None, "〔2019〕60号 → 〔2021〕30号")],
         "The preamble cites the 2007 Regulation (国务院令第492号) and the 2019 format notice; both are superseded for a "
         "2024 report. Two findings on the preamble line, one per citation.")
    t = edit(BASE, "（国务院令第711号，以下简称《条例》）", "（国令第711号，以下简称《条例》）")
    t = edit(t, "要求编制。", "和《国务院办公厅政府信息与政务公开办公室关于政府信息公开年度报告有关项目填报问题的解释》（国办公开办函〔2016〕201号）要求编制。")
    case("superseded-citation-neg.txt", t, [],
         "The short form `国令第711号`, and 国办公开办函〔2016〕201号 (an interpretation that was never superseded).")
    case("doc-number-brackets-pos.txt", edit(BASE, "国办公开办函〔2021〕30号", "国办公开办函[2021]30号"),
         [("doc-number-brackets", "hint", "国办公开办函[2021]30号", None, "[2021] → 〔2021〕")],
         "Square brackets around the year of a document number.")
    t = edit(BASE, "集中公开。", "集中公开。修订印发《青岚市交通运输局政府信息公开指南（2024年版）》，落实《青岚市综合交通运输发展规划（2021-2035年）》公开要求。")
    case("doc-number-brackets-neg.txt", t, [],
         "Years in round brackets that are not document numbers: `指南（2024年版）`, `规划（2021-2035年）`.")

    # --- suppressions ---------------------------------------------------------------------------
    t = base_with_rows(r1={"自然人": 19, "商业企业": 2}, total={"自然人": 42, "商业企业": 5})
    bad_total = t3_line(t3_with(total={"自然人": 42, "商业企业": 5}), "total")
    t = edit(t, bad_total, "<!-- nianbao-disable-next-line table3-balance -->\n" + bad_total)
    t = edit(t, "2024年，我局制发行政规范性文件", "2023年，我局制发行政规范性文件")
    t = edit(t, "（三）政府信息管理情况\n\n", "（三）政府信息管理情况\n\n<!-- nianbao-disable stale-year -->\n")
    t = edit(t, "全年未发生泄密和不当公开情况。\n", "全年未发生泄密和不当公开情况。\n<!-- nianbao-enable stale-year -->\n")
    t = edit(t, "\n" + DEPT_S1_1, "\n<!-- nianbao-disable-next-line narrative-sum -->\n" + DEPT_S1_1)
    t = edit(t, "我局政府信息公开工作虽取得一定成效", "2023年，我局政府信息公开工作虽取得一定成效")
    case("suppressions.txt", t,
         [("unused-suppression", "hint", "<!-- nianbao-disable-next-line narrative-sum -->", None, "suppresses nothing"),
          ("stale-year", "warning", "2023年，我局政府信息公开工作虽取得一定成效", None, "outside the disabled range")],
         "(1) `disable-next-line table3-balance` before row （七）总计: one request was moved from 商业企业 to 自然人 "
         "in （一） and （七） but not in 一, so the balance fails in both columns on the （七） line (the other sums "
         "hold) — both findings are suppressed, and the comment line inside the table does not end it. (2) A stale "
         "`2023年，我局…` inside a `disable stale-year` … `enable stale-year` range: suppressed. (3) `disable-next-line "
         "narrative-sum` before a breakdown that adds up: it suppresses nothing, so `unused-suppression` (hint) on the "
         "comment. (4) A second stale sentence in section 五, after the range is closed: reported.")
    t = edit(BASE, "\n" + DEPT_S1_1, "\n<!-- nianbao-disable-next-line narrative-sum -->\n" + DEPT_S1_1)
    case("unused-suppression-pos.txt", t,
         [("unused-suppression", "hint", "<!-- nianbao-disable-next-line narrative-sum -->", None, "nothing to suppress")],
         "(project catalogue, not in domain.md) A suppression before a breakdown that adds up.")
    t = edit(BASE, "工作动态类信息671条", "工作动态类信息670条")
    t = edit(t, "\n" + DEPT_S1_1.replace("671", "670"), "\n<!-- nianbao-disable-next-line narrative-sum -->\n" + DEPT_S1_1.replace("671", "670"))
    case("unused-suppression-neg.txt", t, [],
         "The same comment before narrative-sum-pos's broken breakdown: it suppresses the `narrative-sum` warning, "
         "so it is used and nothing is reported.")

    # --- hostile inputs --------------------------------------------------------------------------
    case("hostile-crlf.txt", BASE.replace("\n", "\r\n"), [], "The base with CRLF line endings: same lines as the base.")
    case("hostile-bom.txt", "\ufeff" + BASE, [], "The base with a UTF-8 BOM. Line 1 is the body name; the BOM is not a column.")
    t = BASE
    for para in (DEPT_S1_INTRO, DEPT_S1_1, DEPT_S1_2, DEPT_S1_3, DEPT_S1_4, DEPT_S1_5, DEPT_S5, DEPT_S6):
        t = edit(t, "\n" + para + "\n", "\n\u3000\u3000" + para + "\n")
    t = edit(t, "\n（一）主动公开情况\n", "\n\u3000\u3000（一）主动公开情况\n")
    t = edit(t, "累计公开政府信息1247条", "累计公开政府信息\u00a01247\u00a0条")
    t = edit(t, "申请48件", "申请\u00a048\u00a0件")
    t = edit(t, base_row("new"), base_row("new").replace("\t39\t", "\t\u00a039\u00a0\t"))
    case("hostile-ideographic-space.txt", t, [],
         "Paragraphs and one subsection heading indented with two U+3000; NBSP around numbers in prose and in a "
         "table cell.")
    t = edit(BASE, base_row("new"), base_row("new").replace("\t39\t6\t", "\t３９\t６\t").replace("\t48", "\t４８"))
    t = edit(t, base_row("r1"), base_row("r1").replace("\t18\t", "\t１８\t"))
    t = edit(t, "行政许可\t1862\t\t", "行政许可\t1,862\t\t")
    t = edit(t, "行政处罚\t417\t\t", "行政处罚\t４１７\t\t")
    case("hostile-fullwidth-digits.txt", t, [],
         "Full-width digits in table 二 and 三 cells (`３９` `４８` `１８` `４１７`), a thousands separator (`1,862`). "
         "Read as numbers; no diagnostic.")
    t = edit(BASE, base_row("r3_4") + "\n", base_row("r3_4") + "\n\n")
    t = edit(t, base_row("new") + "\n", base_row("new") + "\n\n")
    case("hostile-blank-line-in-table.txt", t, [],
         "Blank lines inside table 三 (after row 一, as in the 攀枝花 copy, and inside the （三） group). The table "
         "continues.")
    case("hostile-prose-between-rows.txt", edit(BASE, base_row("r4_3") + "\n", base_row("r4_3") + "\n— 3 —\n"), [],
         "A page-number line `— 3 —` (PDF footer) between two rows of table 三. The table continues after it.")
    order = [r[0] for r in T3_ROWS]
    order = ["carried", "new"] + order[2:]
    i = order.index("r5_1")
    order[i], order[i + 1] = order[i + 1], order[i]
    order = order[:-2] + ["fwd", "total"]
    case("hostile-rows-out-of-order.txt", dept(t3_kw={"order": order}), [],
         "Table 三 rows out of order: 二 before 一, （五）2 before （五）1, 四 before （七）. Rows are identified by label, "
         "all sums hold; the catalogue has no row-order code.")
    case("hostile-spaced-label.txt", dept(t3_style="spaced"), [],
         "Labels with spaces inside, as PDF extraction gives them: `三、 本年度办 理结果`, `（一） 予以公开`, "
         "`1. 属于国家秘密`, `2. 重复 申请`, `（七） 总计`, `一、 本年新收…`.")
    t = BASE
    t = edit(t, base_row("r3_1"), base_row("r3_1").replace("1.属于国家秘密\t0", "1.属于国家秘密\t—"))
    t = edit(t, base_row("r3_5"), base_row("r3_5").replace("5.属于三类内部事务信息\t0\t0", "5.属于三类内部事务信息\t0\t/"))
    t = edit(t, base_row("r5_4"), base_row("r5_4").replace("4.无正当理由大量反复申请\t0\t0\t0", "4.无正当理由大量反复申请\t0\t0\t"))
    t = edit(t, T.join(DEPT_T4), T.join(DEPT_T4[:10] + ["-"] + DEPT_T4[11:]))
    case("hostile-dash-slash-blank.txt", t,
         [("invalid-number", "error", "1.属于国家秘密\t—", "自然人", "`—`"),
          ("invalid-number", "error", "5.属于三类内部事务信息\t0\t/", "商业企业", "`/`"),
          ("invalid-number", "error", "4.无正当理由大量反复申请\t0\t0\t\t", "科研机构", "blank"),
          ("invalid-number", "error", T.join(DEPT_T4[:10] + ["-"]), "复议后起诉 结果维持", "`-`")],
         "Cells that stand for zero but are not numbers: `—`, `/`, an empty cell between two numbers, a lone `-` in "
         "table 四. Each is understood as 0 (so no arithmetic rule fires) and flagged where the format wants a count.")
    case("hostile-long-line.txt", edit(BASE, DEPT_S1_4, long_line()), [],
         "Subsection （四） is one line of exactly 20,000 characters (no digits). Nothing to report; it must not be slow.")
    case("hostile-number-broken.txt", edit(BASE, "累计公开政府信息1247条", "累计公开政府信息12\n47条"), [],
         "The total `1247` broken across two lines, as from PDF extraction (`…信息12` / `47条，其中，…`). A prose line "
         "that ends with a digit continues on the next line when that starts with a digit: the total is 1247 and "
         "the breakdown agrees. Reading `47` as the total would be a false `narrative-sum`.")
    case("not-a-report.txt", NOT_A_REPORT,
         [("not-a-report", "error", "=桂花巷社区中秋邻里节活动小记", None, "no title, section or table")],
         "(project catalogue, not in domain.md) Unrelated Chinese prose (a community newsletter) with years, dates "
         "and a `其中` list that does not add up. No report title, no section, no table: one `not-a-report` on the "
         "first line and nothing else (not six `missing-section`s, no prose rules).")
    draft = sample(False)
    draft = draft[:draft.index("\n（一）主动公开情况")] + "\n"
    case("not-a-report-neg.txt", draft,
         [("missing-section", "error", "=一、总体情况", None, "二、主动公开政府信息情况"),
          ("missing-section", "error", "=一、总体情况", None, "三、收到和处理政府信息公开申请情况"),
          ("missing-section", "error", "=一、总体情况", None, "四、政府信息公开行政复议、行政诉讼情况"),
          ("missing-section", "error", "=一、总体情况", None, "五、存在的主要问题及改进情况"),
          ("missing-section", "error", "=一、总体情况", None, "六、其他需要报告的事项")],
         "A report just begun: the title block, the preamble and the opening of section 一 of a correct 2025 report, "
         "undated. It is a report (title and a section), so no `not-a-report`; each missing section is reported on "
         "the last present heading, since none follows. No `missing-table` (the sections that hold tables are absent) "
         "and no `stale-report-year` (2025 is the year before today).")
    return C


NOT_A_REPORT = """桂花巷社区中秋邻里节活动小记

2024年9月14日下午，桂花巷社区在中心广场举办“月满桂花巷”中秋邻里节。活动由社区党委牵头，辖区三家物业公司和两所学校的志愿者共同参与。

现场设置了猜灯谜、做月饼、书法送福等八个摊位，参加活动的居民约312人，其中老年居民一百余人、儿童96人。社区还为独居老人准备了月饼礼盒，由志愿者逐户送上门。

与2023年相比，今年的活动增加了非遗展示环节，邀请老手艺人现场演示剪纸和糖画。不少居民表示，希望明年还能再办。

活动结束后，社区工作人员对场地进行了清扫，并通过微信群向参与的志愿者表示感谢。

桂花巷社区居委会
2024年9月16日
"""

SAMPLE_EXPECT = [
    ("period-mismatch", "error", "统计期限自2024年1月1日", None, "(b) 2024-01-01 – 2024-12-31 in a report on 2025"),
    ("doc-number-brackets", "hint", "国办公开办函[2021]30号", None, "(c) [2021] → 〔2021〕"),
    ("stale-year", "warning", "2024年，我局对现行有效", None, "(d) 2024 where 2025 is meant"),
    ("table3-row-total", "error", "（七）总计", "总计", "(a) 57+10+1+2+2+1 = 73, 总计 says 72"),
    ("table3-results-total", "error", "（七）总计", "自然人", "(a) （七）= 57, result rows add up to 56"),
    ("table3-balance", "error", "（七）总计", "自然人", "(a) 一+二 = 60, 三（七）+四 = 61"),
]


# ---------------------------------------------------------------------------------------------
# the independent mini-checker (only to double-check the fixtures; not the product)
# ---------------------------------------------------------------------------------------------

FW = str.maketrans("０１２３４５６７８９", "0123456789")
WS = re.compile(r"[\s\u3000\u00a0]+")
SECTIONS = {1: "总体情况", 2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况",
            4: "政府信息公开行政复议、行政诉讼情况", 5: "存在的主要问题及改进情况", 6: "其他需要报告的事项"}
SEC_KEYS = {1: "总体情况", 2: "主动公开", 3: "收到和处理", 4: "行政复议", 5: "存在", 6: "其他需要报告"}
CN = "一二三四五六七八九十"
LABEL_KEYS = [
    ("new", "本年新收"), ("carried", "上年结转"), ("fwd", "结转下年度"), ("total", "（七）总计"),
    ("r1", "予以公开"), ("r2", "部分公开"), ("r3_1", "国家秘密"), ("r3_2", "其他法律行政法规禁止公开"),
    ("r3_3", "三安全一稳定"), ("r3_4", "第三方合法权益"), ("r3_5", "内部事务"), ("r3_6", "过程性"),
    ("r3_7", "行政执法案卷"), ("r3_8", "行政查询"), ("r4_1", "不掌握"), ("r4_2", "另行制作"),
    ("r4_3", "补正后申请内容仍不明确"), ("r5_1", "信访举报投诉"), ("r5_2", "重复申请"), ("r5_3", "公开出版物"),
    ("r5_4", "大量反复"), ("r5_5", "确认或重新出具"), ("r6_1", "逾期不补正"), ("r6_2", "缴纳费用"),
]


def n(s: str) -> str:
    s = WS.sub("", s.translate(FW))
    return s.replace("(", "（").replace(")", "）")


def cells_of(line: str):
    s = line.strip("\ufeff")
    if "\t" in s:
        return s.split("\t")
    st = s.strip()
    if st.startswith("|") and st.endswith("|") and len(st) > 1:
        if re.fullmatch(r"\|[\s\-:|]+\|", st):
            return "rule"
        return [c.strip() for c in st[1:-1].split("|")]
    return None


def num(cell: str):
    """-> (value, ok, kind)"""
    c = n(cell)
    if re.fullmatch(r"\d{1,3}(,\d{3})+", c):
        c = c.replace(",", "")
    if re.fullmatch(r"\d+", c):
        return int(c), True, "int"
    if re.fullmatch(r"-\d+", c):
        return int(c), False, "negative"
    if re.fullmatch(r"-?\d+\.\d+", c):
        return float(c), False, "fraction"
    return 0, False, "nan"


def mini_check(text: str, today=DEFAULT_TODAY):
    L = lines_of(text)
    diags = []

    def D(code, sev, line, cell=None):
        diags.append((code, sev, line, cell))

    # suppressions
    supp_next, ranges, open_ = {}, [], {}
    for i, l in enumerate(L, 1):
        m = re.fullmatch(r"\s*<!--\s*nianbao-(disable-next-line|disable|enable)\s+([\w-]+)\s*-->\s*", l)
        if m:
            kind, code = m.groups()
            if kind == "disable-next-line":
                supp_next.setdefault(i + 1, set()).add(code)
            elif kind == "disable":
                open_[code] = i
            else:
                ranges.append((code, open_.pop(code), i))
    comment = lambda l: re.fullmatch(r"\s*<!--.*-->\s*", l) is not None

    # title, body, report year
    title_i = next((i for i, l in enumerate(L[:6], 1) if "政府信息公开工作年度报告" in n(l)), None)
    heads = []
    for i, l in enumerate(L, 1):
        if cells_of(l) is not None or comment(l):
            continue
        s = n(l).lstrip("#")
        m = re.fullmatch(r"([一二三四五六七八九十])[、．.](.{2,30})", s)
        if not m:
            continue
        sid = next((k for k, key in SEC_KEYS.items() if key in m.group(2)), None)
        if sid:
            heads.append((i, CN.index(m.group(1)) + 1, sid, m.group(2)))
    has_table = any(isinstance(cells_of(l), list) for l in L)
    if title_i is None and not heads and not has_table:
        return [("not-a-report", "error", 1, None)]
    tl = n(L[title_i - 1])
    m = re.search(r"(\d{4})年", tl)
    Y = int(m.group(1)) if m else None
    if Y is None:
        D("missing-title-year", "error", title_i)
    body = tl.split(m.group(0))[0] if m and tl.split(m.group(0))[0] else n(L[title_i - 2]) if title_i > 1 else ""
    is_gov = "人民政府" in body

    # period
    period = None
    for i, l in enumerate(L, 1):
        p = re.search(r"统计期限(?:自|为)?(\d{4})年(\d+)月(\d+)日起?至(?:(\d{4})年)?(\d+)月(\d+)日", n(l))
        if p:
            y1, m1, d1, y2, m2, d2 = p.groups()
            period = (i, dt.date(int(y1), int(m1), int(d1)), dt.date(int(y2 or y1), int(m2), int(d2)))
            break
    if Y is None and period:
        Y = period[1].year
    if period and Y:
        i, a, b = period
        if (a, b) != (dt.date(Y, 1, 1), dt.date(Y, 12, 31)):
            D("period-mismatch", "warning" if a.year == b.year == Y else "error", i)

    # sections
    seen, mx = set(), 0
    for i, num_, sid, ttl in heads:
        if sid in seen:
            D("duplicate-section", "error", i)
        elif sid < mx:
            D("section-order", "warning", i)
        if num_ != sid:
            D("section-number", "error", i)
        if ttl != SECTIONS[sid]:
            D("section-title", "hint", i)
        seen.add(sid)
        mx = max(mx, sid)
    for sid in SECTIONS:
        if sid not in seen:
            after = [h[0] for h in heads if h[2] > sid]
            D("missing-section", "error", min(after) if after else heads[-1][0])
    sec_at = {}
    cur = 0
    hl = {h[0]: h[2] for h in heads}
    for i in range(1, len(L) + 1):
        cur = hl.get(i, cur)
        sec_at[i] = cur

    # tables
    layout = "2021" if (Y or 2021) >= 2021 else "2019"
    t3, t3line, t4, t4line = {}, {}, None, None
    t3first, missing_col = None, False
    ncols = 7
    col_names = list(COLS)
    in3 = False
    for i, l in enumerate(L, 1):
        c = cells_of(l)
        if sec_at[i] == 3 and isinstance(c, list) and "商业企业" in c:
            present = [a for a in APPLICANTS[1:] if a in c]
            if len(present) < 5:
                miss = [a for a in APPLICANTS[1:] if a not in present]
                missing_col = True
                col_names = [x for x in COLS if x not in miss]
            ncols = 2 + len(present)
        if not isinstance(c, list):
            continue
        if sec_at[i] == 3 and t3first is None:
            t3first = i
        while c and c[-1].strip() == "":
            c = c[:-1]
        if sec_at[i] == 4 and len(c) >= 15 and sum(num(x)[1] for x in c[-15:]) >= 10:
            t4, t4line = c[-15:], i
            continue
        if sec_at[i] == 2 and c:
            lab = n(c[0])
            vals = [x for x in c[1:]]
            if lab in ("规章", "行政规范性文件", "规范性文件", "行政许可", "行政处罚", "行政强制", "其他对外管理服务事项"):
                for j, v in enumerate(vals):
                    if layout == "2019" and j == 1 and lab != "规章" and lab != "规范性文件":
                        continue  # 本年增/减 may be negative
                    if not num(v)[1]:
                        D("invalid-number", "error", i, f"{lab}#{j}")
            if lab == "行政事业性收费" and layout == "2021" and not re.fullmatch(r"\d+(\.\d+)?", n(vals[0])):
                D("invalid-number", "error", i, lab)
            continue
        if sec_at[i] != 3 or len(c) <= ncols:
            continue
        label = n("".join(c[:-ncols]))
        label = re.sub(r"^(\d)[、，,．]", r"\1.", label)
        rid = None
        for k, key in LABEL_KEYS:
            if key in label:
                rid = k
                break
        if rid is None and re.search(r"3[.、，]?其他$", label):
            rid = "r6_3"
        if rid is None and label.endswith("其他处理"):
            rid = "r6"
        if rid is None:
            continue
        vals = c[-ncols:]
        t3[rid] = [num(v) for v in vals]
        t3line[rid] = i
        if missing_col and len(t3) == 1:
            D("missing-column", "error", i)
        for j, v in enumerate(t3[rid]):
            if not v[1]:
                D("invalid-number", "error", i, col_names[j])
    if t3:
        need = [r[0] for r in T3_ROWS]
        if "r6" in t3 and "r6_1" not in t3:
            if layout == "2021":
                D("stale-format", "warning", t3first)
            need = [r for r in need if not r.startswith("r6_")] + ["r6"]
        for r in need:
            if r not in t3:
                D("missing-row", "error", t3first)
        V = {k: [v[0] for v in vs] for k, vs in t3.items()}
        for r, vs in V.items():
            if sum(vs[:-1]) != vs[-1]:
                D("table3-row-total", "error", t3line[r], "总计")
        res = [r for r in V if r.startswith("r")]
        for j, name in enumerate(col_names):
            if sum(V[r][j] for r in res) != V["total"][j]:
                D("table3-results-total", "error", t3line["total"], name)
            if V["new"][j] + V["carried"][j] != V["total"][j] + V["fwd"][j]:
                D("table3-balance", "error", t3line["total"], name)
    elif 3 in seen:
        D("missing-table", "error", next(h[0] for h in heads if h[2] == 3))
    if t4:
        grp = ["行政复议", "未经复议直接起诉", "复议后起诉"]
        v4 = [num(x) for x in t4]
        for j, x in enumerate(v4):
            if not x[1]:
                D("invalid-number", "error", t4line, f"{grp[j // 5]} {T4_SUB[j % 5]}")
        for g in range(3):
            vv = [x[0] for x in v4[g * 5:g * 5 + 5]]
            if sum(vv[:4]) != vv[4]:
                D("table4-total", "error", t4line, f"{grp[g]} 总计")
    elif 4 in seen:
        D("missing-table", "error", next(h[0] for h in heads if h[2] == 4))

    # prose: join a line ending in a digit with a next line starting with a digit
    prose = []
    i = 0
    while i < len(L):
        l = L[i]
        if cells_of(l) is None and not comment(l):
            s, start = n(l), i + 1
            while re.search(r"\d$", s) and i + 1 < len(L) and re.match(r"\d", n(L[i + 1])):
                i += 1
                s += n(L[i])
            prose.append((start, s))
        i += 1
    sig = None
    for i, s in prose:
        for m in re.finditer(r"(\d{4})年(\d{1,2})月(\d{1,2})日", s):
            try:
                d = dt.date(*map(int, m.groups()))
            except ValueError:
                D("invalid-date", "error", i)
                continue
            if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", s):
                sig = (i, d)
        for m in re.finditer(r"[^，。；（）《》]*?(\d+)(条|件|个)，其中[，：]?([^。；]*)", s):
            if "其中包括" in m.group(0):
                continue
            parts = re.findall(r"(\d+)" + m.group(2), m.group(3).split("平均")[0])
            if len(parts) >= 2 and sum(map(int, parts)) != int(m.group(1)):
                D("narrative-sum", "warning", i)
            a = re.search(r"平均每月[^\d]{0,6}(\d+)" + m.group(2), m.group(3))
            if a and int(a.group(1)) not in (int(m.group(1)) // 12, -(-int(m.group(1)) // 12)):
                D("narrative-average", "hint", i)
        if t3:
            V = {k: [v[0] for v in vs] for k, vs in t3.items()}
            for pat, rid in ((r"共收到政府信息公开申请(\d+)件", "new"), (r"上年度?结转申请(\d+)件", "carried"),
                             (r"办结(\d+)件", "total"), (r"(\d+)件[^。，]*结转下年度", "fwd")):
                for m in re.finditer(pat, s):
                    if int(m.group(1)) != V[rid][-1]:
                        D("narrative-table-mismatch", "warning", i)
        if t4:
            v4 = [num(x)[0] for x in t4]
            if re.search(r"未(出现|发生)[^。]*行政复议", s) and v4[4] > 0:
                D("narrative-table-mismatch", "warning", i)
            for m in re.finditer(r"行政复议(\d+)件", s):
                if int(m.group(1)) != v4[4]:
                    D("narrative-table-mismatch", "warning", i)
            for m in re.finditer(r"行政诉讼(\d+)件", s):
                if int(m.group(1)) != v4[9] + v4[14]:
                    D("narrative-table-mismatch", "warning", i)
        # citations
        if re.search(r"国务院令第492号|国令第492号", s):
            D("superseded-citation", "warning", i)
        if "〔2019〕60号" in s and Y and Y >= 2021:
            D("superseded-citation", "warning", i)
        for m in re.finditer(r"[\u4e00-\u9fff][\[【(（](\d{4})[\]】)）]\d+号", s):
            D("doc-number-brackets", "hint", i)
        # stale year: sentence opening with another year
        if Y and sec_at[i] >= 1 and not (period and period[0] == i):
            for sent in re.split(r"[。；]", s):
                m = re.match(r"(\d{4})年(度)?(，|以来|全年)", sent)
                if m and int(m.group(1)) != Y and not (sec_at[i] == 5 and int(m.group(1)) == Y + 1):
                    D("stale-year", "warning", i)
    if sig and Y:
        i, d = sig
        if d <= dt.date(Y, 12, 31):
            D("publish-date-early", "error", i)
        elif d > (dt.date(Y + 1, 3, 31) if is_gov else dt.date(Y + 1, 1, 31)):
            D("publish-date-late", "warning", i)
    if Y and Y != today.year - 1 and (sig is None or sig[1].year == today.year):
        D("stale-report-year", "information", title_i)

    used = set()

    def suppressed(d):
        code, _, line, _ = d
        hit = False
        if code in supp_next.get(line, ()):
            used.add(("next", line - 1))
            hit = True
        for c, a, b in ranges:
            if c == code and a < line < b:
                used.add(("range", a))
                hit = True
        return hit

    kept = [d for d in diags if not suppressed(d)]
    for line in supp_next:
        if ("next", line - 1) not in used:
            kept.append(("unused-suppression", "hint", line - 1, None))
    for c, a, b in ranges:
        if ("range", a) not in used:
            kept.append(("unused-suppression", "hint", a, None))
    return sorted(kept)


# ---------------------------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------------------------

README_HEAD = """# Test fixtures: what a correct checker reports

Generated by `tools/fixtures.py` — edit the generator, not the files (`python3 tools/fixtures.py`
rewrites them and re-verifies every sum; `--check` verifies only). All reports are invented (the
cities 青岚市 and 江北市 do not exist); nothing here is copied from a real report.

## Conventions

- **today** is 2026-11-30 for every file unless the table says otherwise (only the
  `stale-report-year-*` pair uses 2026-01-10). Inject it; never read the clock.
- **Lines** are 1-based physical lines; CRLF counts as one line break; a BOM is not part of line 1's
  text. **Cells** are named *row label × column label*.
- **Nothing** means no diagnostic at any severity (error, warning, information, hint). Every file
  that lists diagnostics lists all of them: a correct checker reports exactly those, no more.
- Where a line carries two findings of the same code, each is anchored on its own phrase or cell.
- Most `-pos`/`-neg` files are `clean-2024-department.txt` with one change (see *why*); `diff`
  the two files to see exactly what a case exercises.

### Anchors (where each finding is reported)

| code | anchored on |
| --- | --- |
| `missing-section` | the heading of the first present section after the gap; if none follows, the last present heading |
| `missing-title-year`, `stale-report-year` | the title line (the line containing `政府信息公开工作年度报告`) |
| `section-order` | a heading whose number is lower than a heading seen before it |
| `duplicate-section` | the second (and any later) occurrence's heading |
| `section-number`, `section-title` | the heading |
| `missing-table` | the heading of the section that should hold the table |
| `missing-row`, `stale-format` | the table's first line |
| `missing-column` | the first data row that lacks the column (once per table) |
| `table3-balance` | the （七）总计 cell of the failing column (its fix edits row 四) |
| `table3-results-total` | the （七）总计 cell of the failing column |
| `table3-row-total` | the 总计 cell of the failing row |
| `table4-total` | the failing group's 总计 cell |
| `invalid-number` | the cell |
| `narrative-*` | the stated number (the total, the average, the contradicted claim) |
| `period-mismatch` | the statistics-period phrase |
| `publish-date-*` | the signature date |
| `invalid-date`, `stale-year`, `superseded-citation`, `doc-number-brackets` | the date / sentence opening / citation |
| `unused-suppression` | the suppression comment |
| `not-a-report` | line 1 |

### Decisions the rules implementer must know

1. **Data cells of a table 三 row** are the last seven cells (as many as the header has data
   columns) after trailing empty cells are dropped; everything before them is label. Leading empty cells (merged cells) and an empty cell between
   label and numbers (the 攀枝花 copy) are layout, not blanks. A blank *between* numbers is a blank count.
2. **Rows are identified by their labels**, after removing whitespace and unifying `(`/`（`, `1.`/`1、`/`1，`
   and `、`/`，` inside the （六） labels — not by position. Rows may come out of order. A table goes on
   across blank lines, comment lines, page-number lines and merged-label lines without TABs
   (`三、本年度办理结果`, `（六）其他处理` on a line of their own), up to the next section heading.
3. **Columns** are taken in the format's order (header rows spread over several lines do not line
   up with the data); a row with fewer data cells than columns gives one `missing-column` per table,
   and a sum that needs a missing cell is not checked.
4. **Numbers**: full-width digits and thousands separators (`1,862`) are valid numbers. `—`, `/`,
   `-`, `无` and blank are `invalid-number` where the format wants a count (tables 二 counts, 三, 四;
   blanks once per table) and are unknown in arithmetic: a sum with an unknown cell is not checked,
   never treated as 0; negatives and fractions are `invalid-number` and keep their value. Not
   counts: table 二 （八） 收费金额 (decimals allowed) and, in the 2019 layout, 本年增/减 (may be negative)
   and 采购总金额.
5. **Headings**: whitespace (incl. U+3000, NBSP) and a leading `#`/`##` are ignored; a heading is
   identified by its title, so a wrongly numbered known heading is `section-number` only. Section
   names inside sentences are not headings. A line that starts with `三、` but is not a known heading
   is not a section.
6. **Report year**: from the title; if it has none (`missing-title-year`), the other rules use the
   statistics period's year.
7. **Dates**: the statistics period's end may omit its year (`至12月31日止`). A report dated on or
   before Y-12-31 is early (so 2024年12月31日 is early for a 2024 report). `1月31日前` / `3月31日前`
   include the day itself. A body whose name contains `人民政府` has the 3月31日 deadline;
   every other body the 1月31日 one.
8. **period-mismatch** is an error when the period is not within the report year, a warning when it
   lies inside the report year but is shorter (a body created mid-year). The period sentence's
   years are never also `stale-year`.
9. **stale-year** looks at sentences that *open* with a year other than Y (`2023年，我局…`,
   `2023年全年…`). Not stale: comparisons (`较2023年` `与上年相比`), ranges (`2023年至2024年`), and
   Y+1 in section 五 (plans). No fixture depends on `YYYY年以来` either way.
10. **narrative-sum** checks `N<unit>，其中，a<unit>，b<unit>…` with two or more parts. Not breakdowns:
    `其中包括…`, `（含…）`, a single-item `其中`. **narrative-average** accepts floor and ceiling of
    total / 12.
11. **superseded-citation** depends on the report year: 国办公开办函〔2019〕60号 is superseded only in
    reports on 2021 and later; 国务院令第492号 always. 国令第711号 is the short form of the current one.
12. **Suppressions**: `<!-- nianbao-disable-next-line CODE -->` covers all findings of CODE anchored on
    the next line; `disable CODE` … `enable CODE` covers the lines between. Comment lines are
    invisible to tables and prose. A suppression that suppresses nothing is `unused-suppression`
    (hint, project catalogue — not in domain.md).
13. **Not a report**: a text with neither a `…政府信息公开工作年度报告` title nor any known section
    heading nor a table gets exactly one `not-a-report` (error, project catalogue) and nothing else. A
    report that has only begun (a title and one section) is a report: it gets `missing-section`s.
    The codes `unused-suppression` and `not-a-report` come from `docs/rules.md` (generated from
    `server/src/knowledge`); their fixtures are `unused-suppression-pos/neg.txt`, `not-a-report.txt`
    (positive) and `not-a-report-neg.txt`.
14. **Markup** (`clean-pipe-tables.txt`): the title block is plain lines; `# ` marks a section
    heading and `## ` a subsection; table rows are `| a | b |`; an optional rule line `|---|…|` (here
    after table 三's first row) is ignored; merged cells are empty pipe cells. Labels, columns and
    numbers follow the same rules as in TAB tables.
15. **Soft line breaks** (PDF copies): a prose line that ends with a digit continues on the next
    line when that line starts with a digit (`…信息12` / `47条` is 1247条).
16. Two date checks in domain.md have no code in the catalogue (a date in the text after the
    signature date; a signature date after today). No fixture exercises them; every fixture's dates
    are before its signature date and before today.

## Files

| file | today | a correct checker reports | why |
| --- | --- | --- | --- |
"""


def md(s: str) -> str:
    return s.replace("|", "\\|").replace("\t", "→")


def locate(text: str, anchor: str, code: str) -> int:
    L = lines_of(text)
    if anchor.startswith("="):
        hits = [i for i, l in enumerate(L, 1) if l == anchor[1:]]
    else:
        hits = [i for i, l in enumerate(L, 1) if anchor in l]
    if code == "duplicate-section":
        return hits[1]
    assert len(hits) == 1, (anchor, hits)
    return hits[0]


def render_exp(text, exp):
    if not exp:
        return "nothing"
    out = []
    for code, sev, anchor, cell, note in exp:
        line = locate(text, anchor, code)
        where = f"L{line}" + (f" · {cell}" if cell else "")
        out.append(f"`{code}` {sev} {where} — {md(note)}")
    return "<br>".join(out)


def readme(cases, sample_text) -> str:
    rows = []
    for name, text, today, exp, why in cases:
        rows.append(f"| `{name}` | {today.isoformat()} | {render_exp(text, exp)} | {md(why)} |")
    s = README_HEAD + "\n".join(rows) + "\n"
    s += """
## The bundled sample: `examples/sample-report.txt`

江北市生态环境局's report on 2025, dated 2026年1月20日 (within the department deadline 2026年1月31日),
2021 layout, all six sections. today = 2026-11-30. It has exactly four deliberate defects; a
correct checker reports exactly these six findings:

| # | defect | a correct checker reports |
| --- | --- | --- |
"""
    defects = {"period-mismatch": "(b) statistics period copied from last year (`自2024年1月1日起至2024年12月31日止`)",
               "doc-number-brackets": "(c) `国办公开办函[2021]30号` with square brackets",
               "stale-year": "(d) `2024年，我局对现行有效的17件行政规范性文件…` in section 一 （三）",
               "table3-row-total": "(a) table 三 （七）总计 × 自然人 is 57 instead of 56",
               "table3-results-total": "(a) same cell",
               "table3-balance": "(a) same cell"}
    for k, (code, sev, anchor, cell, note) in enumerate(SAMPLE_EXPECT, 1):
        line = locate(sample_text, anchor, code)
        where = f"L{line}" + (f" · {cell}" if cell else "")
        s += f"| {k} | {defects[code]} | `{code}` {sev} {where} — {md(note)} |\n"
    s += """
Why three arithmetic findings for one wrong cell: the cell is a term of three equations. Its row
(（七）: 57+10+1+2+2+1 = 73 ≠ 72), its column's results total (the result rows give 56) and its
column's balance (一+二 = 57+3 = 60 ≠ （七）+四 = 57+4 = 61) all fail; the 总计 column still holds
(results total 72; balance 73 + 4 = 72 + 5) because the 总计 cell was not changed. By the anchor
conventions above all three sit on the （七）总计 line: results total and balance on （七）总计 × 自然人
(the culprit), row total on （七）总计 × 总计; each lists the cells of its equation as related
locations. Changing
that one cell back to 56 clears all three. (Note the fixes: results total proposes 56 — right; the balance proposes 四 → 3 and the row
total proposes 总计 → 73 — both wrong here, because the culprit is （七）×自然人. A checker may drop
those two fixes when results total fails in the same column, but that is a refinement, not the
spec.) Everything else in the sample is right: 8+64+197+512+757 = 1538, 1538 / 12 =
128.2 → `平均每月128条`, `较2024年增长` is a comparison, `2026年，我局将…` in section 五 is a plan, and the
prose application counts (73 / 4 / 72 / 5) match table 三.
"""
    return s


# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------

def expected_set(text, exp):
    return sorted((c, s, locate(text, a, c)) for c, s, a, _, _ in exp)


def main(check_only: bool) -> int:
    cases = build_cases()
    sample_text = sample(True)
    outputs = {FIX / name: text for name, text, *_ in cases}
    outputs[SAMPLE] = sample_text
    outputs[FIX / "README.md"] = readme(cases, sample_text)
    bad = 0
    for path, text in outputs.items():
        data = text.encode("utf-8")
        if check_only:
            if not path.exists() or path.read_bytes() != data:
                print(f"OUT OF DATE: {path.relative_to(ROOT)}")
                bad += 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    names = [c[0] for c in cases]
    assert len(names) == len(set(names))
    # every catalogue code has a -pos and a -neg
    codes = ["missing-section", "section-order", "duplicate-section", "section-number", "section-title",
             "missing-table", "missing-row", "missing-column", "stale-format", "table3-balance",
             "table3-results-total", "table3-row-total", "table4-total", "invalid-number", "narrative-sum",
             "narrative-average", "narrative-table-mismatch", "missing-title-year", "period-mismatch",
             "publish-date-early", "publish-date-late", "invalid-date", "stale-year", "stale-report-year",
             "superseded-citation", "doc-number-brackets", "unused-suppression"]
    for c in codes:
        for kind in ("pos", "neg"):
            assert f"{c}-{kind}.txt" in names, f"missing fixture {c}-{kind}.txt"
        pos = next(e for nm, _, _, e, _ in cases if nm == f"{c}-pos.txt")
        assert pos and all(x[0] == c for x in pos), c
    # cross-check the hand-written expectations with the independent mini-checker
    for name, text, today, exp, _ in cases + [("sample-report.txt", sample_text, DEFAULT_TODAY, SAMPLE_EXPECT, "")]:
        got = sorted((c, s, l) for c, s, l, _ in mini_check(text, today))
        want = expected_set(text, exp)
        if got != want:
            bad += 1
            print(f"MISMATCH {name}:\n  expected {want}\n  computed {got}")
    # the clean templates also pass without defects
    for nm, text in (("sample without defects", sample(False)),):
        got = mini_check(text)
        if got:
            bad += 1
            print(f"MISMATCH {nm}: {got}")
    long_lines = [l for l in lines_of(outputs[FIX / "hostile-long-line.txt"]) if len(l) == 20000]
    assert len(long_lines) == 1
    assert outputs[FIX / "hostile-crlf.txt"].count("\r\n") == outputs[FIX / "hostile-crlf.txt"].count("\n")
    print(f"{len(outputs)} files {'checked' if check_only else 'written'}; {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
