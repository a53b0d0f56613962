//! The rule catalogue: every diagnostic code with its default severity, family, titles,
//! explanations (Chinese and English) and the clause it rests on. `docs/rules.md` is generated
//! from it by [`rules_markdown`] (a unit test keeps the two in step).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::layout::{Layout, TableKind};
use super::regulation::{ClauseRef, regulation};

/// How serious a diagnostic is. Ordered from most to least severe (`Error < Hint`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Information, Severity::Hint];

    /// `error` / `warning` / `information` / `hint`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    /// `错误` / `警告` / `提示信息` / `建议`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Information => "提示信息",
            Severity::Hint => "建议",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Ok(Severity::Error),
            "warning" | "warn" => Ok(Severity::Warning),
            "information" | "info" => Ok(Severity::Information),
            "hint" => Ok(Severity::Hint),
            other => Err(format!("unknown severity `{other}` (expected error, warning, information or hint)")),
        }
    }
}

/// A part of the unified format that a rule rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormatPart {
    /// The notice itself (issuing the revised format).
    Notice,
    /// The six section headings.
    Sections,
    /// Tables 二, 三 and 四 as a whole.
    Tables,
    /// Table 三's stated balance rule (in its header).
    Table3Balance,
    /// Table 三's result rows under 三、本年度办理结果.
    Table3Results,
    /// Table 三's applicant columns.
    Table3Columns,
    /// Table 四's three groups.
    Table4,
    /// The （四）明确责任 passage (accuracy, no copied content; single source).
    Accountability,
}

/// What a rule rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// A clause of the Regulation.
    Regulation(ClauseRef),
    /// The order that promulgated the revised Regulation (国务院令第711号).
    Promulgation,
    /// The unified format, 国办公开办函〔2021〕30号.
    FormatNotice(FormatPart),
    /// GB/T 9704—2012《党政机关公文格式》, the document-number rule.
    DocumentFormatStandard,
    /// No external text: calendar facts or the tool's own conventions.
    Convention { zh: &'static str, en: &'static str },
}

/// A quoted text with its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// What is cited: `《中华人民共和国政府信息公开条例》第四十九条`.
    pub citation: String,
    /// The text as in the data (or a summary, when `summary` is true).
    pub text: String,
    /// Provenance line.
    pub source: String,
    /// The text is a summary, not a quotation.
    pub summary: bool,
    /// Only one copy of the text was found (or it was reconstructed).
    pub note: Option<String>,
}

impl Basis {
    /// What the basis is, as a citation (`《中华人民共和国政府信息公开条例》第五十条第一款`).
    pub fn citation(&self) -> String {
        match self {
            Basis::Regulation(r) => format!("{}{}", regulation().quoted_title(), r),
            Basis::Promulgation => format!("{}（{}）", regulation().promulgation.order, regulation().quoted_title()),
            Basis::FormatNotice(part) => {
                let n = Layout::Y2021.document_number();
                match part {
                    FormatPart::Notice => format!("{n}（通知正文）"),
                    FormatPart::Sections => format!("{n}（年度报告的六个部分）"),
                    FormatPart::Tables => format!("{n}（表二、表三、表四）"),
                    FormatPart::Table3Balance => format!("{n}（表三表头的勾稽关系）"),
                    FormatPart::Table3Results => format!("{n}（表三“三、本年度办理结果”各行）"),
                    FormatPart::Table3Columns => format!("{n}（表三“申请人情况”各列）"),
                    FormatPart::Table4 => format!("{n}（表四）"),
                    FormatPart::Accountability => format!("{n}（四）明确责任"),
                }
            }
            Basis::DocumentFormatStandard => "GB/T 9704—2012《党政机关公文格式》7.2.4 发文字号".into(),
            Basis::Convention { zh, .. } => zh.to_string(),
        }
    }

    /// The text the basis quotes, from the embedded data.
    pub fn quote(&self) -> Option<Quote> {
        let f21 = Layout::Y2021;
        let notice_source = format!(
            "国务院办公厅政府信息与政务公开办公室，{}，{}",
            f21.document_number(),
            f21.notice_date().unwrap_or("2021年")
        );
        let reconstructed = "表格和标题二至六据已公布的政府年度报告重建，彼此一致；通知附件原文未能完整获取。".to_string();
        match self {
            Basis::Regulation(r) => {
                let c = r.resolve()?;
                Some(Quote {
                    citation: c.citation,
                    text: c.text,
                    source: c.source,
                    summary: false,
                    note: (!c.verified).then(|| "该条文仅找到单一来源（国家法律法规数据库的镜像），未见矛盾。".to_string()),
                })
            }
            Basis::Promulgation => {
                let p = &regulation().promulgation;
                Some(Quote {
                    citation: self.citation(),
                    text: format!("{}\n{}", p.order_text, p.history.join("\n")),
                    source: regulation().source_line(),
                    summary: false,
                    note: None,
                })
            }
            Basis::FormatNotice(part) => {
                let (text, note) = match part {
                    FormatPart::Notice => (f21.notice_body().to_string(), None),
                    FormatPart::Sections => (
                        f21.sections().iter().map(|s| s.full_heading.as_str()).collect::<Vec<_>>().join("\n"),
                        Some("标题“一、总体情况”见于通知原文；二至六据已公布的政府年度报告核对。".to_string()),
                    ),
                    FormatPart::Tables => (
                        TableKind::ALL
                            .iter()
                            .map(|k| f21.table(*k).section.clone())
                            .collect::<Vec<_>>()
                            .join("\n"),
                        Some(reconstructed.clone()),
                    ),
                    FormatPart::Table3Balance => {
                        (f21.requests().balance.as_ref()?.text.clone(), Some("见于表三表头（已公布报告一致）。".to_string()))
                    }
                    FormatPart::Table3Results => {
                        let t = f21.requests();
                        let mut lines = Vec::new();
                        for r in &t.rows {
                            if r.id == "t3_results" || r.parent.is_some() {
                                lines.push(format!("{}{}", "　".repeat(r.level as usize), r.label));
                            }
                        }
                        (
                            lines.join("\n"),
                            Some("“（七）总计”等于其上各项之和，系由“总计”一词推得，表格本身未明文规定。".to_string()),
                        )
                    }
                    FormatPart::Table3Columns => {
                        let t = f21.requests();
                        let legal: Vec<&str> = t
                            .columns
                            .iter()
                            .filter(|c| c.group.as_deref() == Some("legal_person"))
                            .map(|c| c.label.as_str())
                            .collect();
                        (
                            format!("申请人情况：自然人｜法人或其他组织（{}）｜总计", legal.join("、")),
                            Some("“总计”等于各类申请人之和，系由表头推得，表格本身未明文规定。".to_string()),
                        )
                    }
                    FormatPart::Table4 => (
                        "行政复议：结果维持｜结果纠正｜其他结果｜尚未审结｜总计\n行政诉讼（未经复议直接起诉）：结果维持｜结果纠正｜其他结果｜尚未审结｜总计\n行政诉讼（复议后起诉）：结果维持｜结果纠正｜其他结果｜尚未审结｜总计".to_string(),
                        Some("各组“总计”等于四项结果之和，系由表头推得，表格本身未明文规定。".to_string()),
                    ),
                    FormatPart::Accountability => {
                        let a = f21.accountability_text()?;
                        (
                            a.text.clone(),
                            (!a.verified).then(|| "该段仅见于一个转载来源，在通知中的位置未能确定。".to_string()),
                        )
                    }
                };
                // Tables / columns / table 四 are described from the data, not quoted.
                let summary = matches!(part, FormatPart::Tables | FormatPart::Table3Columns | FormatPart::Table4);
                Some(Quote { citation: self.citation(), text, source: notice_source, summary, note })
            }
            Basis::DocumentFormatStandard => Some(Quote {
                citation: self.citation(),
                text: "发文字号中的年份应标全称，用六角括号“〔〕”括入。".into(),
                source: "GB/T 9704—2012《党政机关公文格式》（国家标准）".into(),
                summary: true,
                note: Some("标准原文未收入本工具的数据，此处为要点概述。".into()),
            }),
            Basis::Convention { .. } => None,
        }
    }
}

/// One rule of the catalogue.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// Stable code: `table3-balance`.
    pub code: &'static str,
    pub default_severity: Severity,
    /// `structure` | `tables` | `numbers` | `prose` | `dates` | `citations` | `meta`.
    pub family: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// What is wrong, why it matters and how to fix it.
    pub explanation_zh: &'static str,
    pub explanation_en: &'static str,
    pub basis: Basis,
}

/// The rule with `code`.
pub fn rule(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}

/// All rules, in catalogue order.
pub fn all_rules() -> &'static [RuleInfo] {
    &RULES
}

/// Rule families, in catalogue order.
pub const FAMILIES: [&str; 8] = ["structure", "tables", "numbers", "prose", "dates", "citations", "continuity", "meta"];

static RULES: [RuleInfo; 30] = [
    // ---------------------------------------------------------------- structure
    RuleInfo {
        code: "missing-section",
        default_severity: Severity::Error,
        family: "structure",
        title_zh: "缺少章节",
        title_en: "Missing section",
        explanation_zh: "报告缺少统一格式规定的六个部分之一。条例第五十条列明年度报告应当包括的内容，国办公开办函〔2021〕30号据此规定了“一、总体情况”至“六、其他需要报告的事项”六个部分。请按统一格式补上缺少的部分；没有可报告的内容时，也应保留标题并写明“无”。",
        explanation_en: "The report lacks one of the six sections of the unified format. Article 50 of the Regulation lists what an annual report must contain, and 国办公开办函〔2021〕30号 lays that out as six numbered sections, from 一、总体情况 to 六、其他需要报告的事项. Add the missing section with its official heading; if there is nothing to report, keep the heading and say so.",
        basis: Basis::Regulation(ClauseRef::paragraph(50, 1)),
    },
    RuleInfo {
        code: "section-order",
        default_severity: Severity::Warning,
        family: "structure",
        title_zh: "章节顺序错误",
        title_en: "Sections out of order",
        explanation_zh: "各部分没有按统一格式规定的顺序排列。读者和上级政务公开办按一至六的固定顺序查阅、比对和汇总年度报告，顺序颠倒容易造成遗漏。请按一、二、三、四、五、六的顺序调整各部分。",
        explanation_en: "The sections are not in the order of the unified format. Readers and the disclosure office of the level above read, compare and compile reports in the fixed order 一 to 六, and a shuffled report invites omissions. Move the sections into the order 一, 二, 三, 四, 五, 六.",
        basis: Basis::FormatNotice(FormatPart::Sections),
    },
    RuleInfo {
        code: "duplicate-section",
        default_severity: Severity::Error,
        family: "structure",
        title_zh: "章节重复",
        title_en: "Duplicate section",
        explanation_zh: "同一部分在报告中出现了两次，常见于复制上一年的报告后新旧内容并存。两处的文字和数字往往互相矛盾，读者无法判断以哪一处为准。请合并内容，只保留一处。",
        explanation_en: "The same section appears twice, typically when last year's report was copied and old and new text now stand side by side. The two copies usually disagree, and readers cannot tell which one counts. Merge them and keep one.",
        basis: Basis::FormatNotice(FormatPart::Sections),
    },
    RuleInfo {
        code: "section-number",
        default_severity: Severity::Error,
        family: "structure",
        title_zh: "章节序号错误",
        title_en: "Wrong section number",
        explanation_zh: "一个可识别的统一格式标题用了错误的序号，例如在应为“三、”的位置写成“二、收到和处理政府信息公开申请情况”。序号是统一格式的一部分，序号错了，读者会以为某一部分缺失或重复。请改为统一格式规定的序号。",
        explanation_en: "A recognised heading of the unified format carries the wrong number, e.g. 二、收到和处理政府信息公开申请情况 where 三、 belongs. The numbers are part of the format; a wrong one makes readers think a section is missing or repeated. Use the number the format gives the section.",
        basis: Basis::FormatNotice(FormatPart::Sections),
    },
    RuleInfo {
        code: "section-title",
        default_severity: Severity::Hint,
        family: "structure",
        title_zh: "标题措辞与统一格式不同",
        title_en: "Heading differs from the official wording",
        explanation_zh: "该标题能被识别，但措辞与统一格式的正式标题不同（例如沿用条例第五十条的表述）。这不影响报告的内容，但统一的措辞便于检索、比对和汇总。可以将标题改为统一格式的正式写法。",
        explanation_en: "The heading is recognised but worded differently from the unified format (for instance in the words of Article 50). That does not change the content, but uniform headings make reports easier to search, compare and compile. Consider using the official wording.",
        basis: Basis::FormatNotice(FormatPart::Sections),
    },
    // ---------------------------------------------------------------- tables
    RuleInfo {
        code: "missing-table",
        default_severity: Severity::Error,
        family: "tables",
        title_zh: "缺少表格",
        title_en: "Missing table",
        explanation_zh: "第二、三、四部分应当用统一格式规定的表格报告统计数据，这里却找不到相应的表格。没有表格，数据就无法核对和汇总；即使全部为0，也要填写表格。请按统一格式插入完整的表格并逐项填写。",
        explanation_en: "Sections 二, 三 and 四 report their figures in the tables of the unified format, and the table is not there. Without it the figures can be neither checked nor compiled; even when every figure is 0 the table must be filled in. Insert the complete table of the format and fill in every cell.",
        basis: Basis::FormatNotice(FormatPart::Tables),
    },
    RuleInfo {
        code: "missing-row",
        default_severity: Severity::Error,
        family: "tables",
        title_zh: "缺少表格行",
        title_en: "Missing row",
        explanation_zh: "表格缺少统一格式规定的一行，例如表二的“行政规范性文件”或表三“（六）其他处理”的分项。缺行会使合计和勾稽关系无法核对，也可能说明沿用了旧格式或复制时有遗漏。请补上该行；没有发生的情形填0。",
        explanation_en: "A row of the unified format is missing, e.g. table 二's 行政规范性文件 or a sub-row of table 三's （六）其他处理. Without it totals and the balance cannot be checked, and it may mean the old layout was used or a row was lost in copying. Add the row; enter 0 where nothing happened.",
        basis: Basis::FormatNotice(FormatPart::Tables),
    },
    RuleInfo {
        code: "missing-column",
        default_severity: Severity::Error,
        family: "tables",
        title_zh: "缺少表格列",
        title_en: "Missing column",
        explanation_zh: "表格缺少统一格式规定的一列，例如表三的某类申请人或表四某组的“总计”。缺列会使各行合计无法核对，数据也无法与其他机关的报告汇总。请按统一格式补上该列；没有发生的情形填0。",
        explanation_en: "A column of the unified format is missing, e.g. one of the applicant types of table 三 or a 总计 of table 四. Without it row totals cannot be checked and the figures cannot be compiled with other bodies' reports. Add the column; enter 0 where nothing happened.",
        basis: Basis::FormatNotice(FormatPart::Tables),
    },
    RuleInfo {
        code: "stale-format",
        default_severity: Severity::Warning,
        family: "tables",
        title_zh: "沿用已被取代的2019年格式",
        title_en: "Superseded 2019 layout",
        explanation_zh: "报告年度为2021年或以后，表格却按国办公开办函〔2019〕60号的试行格式编制，例如表二仍用“本年新制作数量”等列，或表三“（六）其他处理”只有一行。2021年度起的年度报告应使用国办公开办函〔2021〕30号印发的修订后格式（起始年度系据通知的执行情况推断）。请按新格式重新制表：表二改为“本年制发件数、本年废止件数、现行有效件数”等列，表三“（六）其他处理”分为三项。",
        explanation_en: "The report is on 2021 or later but its tables follow the trial format of 国办公开办函〔2019〕60号, e.g. table 二 still has 本年新制作数量 and similar columns, or table 三's （六）其他处理 is a single row. Reports on 2021 and later use the revised format issued by 国办公开办函〔2021〕30号 (the start year is inferred from how the notice was applied). Redo the tables in the new format: table 二 with 本年制发件数, 本年废止件数, 现行有效件数 and so on, and table 三's （六） split into its three sub-rows.",
        basis: Basis::FormatNotice(FormatPart::Notice),
    },
    // ---------------------------------------------------------------- numbers
    RuleInfo {
        code: "table3-balance",
        default_severity: Severity::Error,
        family: "numbers",
        title_zh: "表三数据不平衡",
        title_en: "Table 三 does not balance",
        explanation_zh: "表三某一列中，“一、本年新收”与“二、上年结转”之和，不等于“三、本年度办理结果”的“（七）总计”与“四、结转下年度继续办理”之和。这一勾稽关系写在表头：“第一项加第二项之和，等于第三项加第四项之和”；不成立说明有申请漏计或重复计算。请逐项核对该列的数字。",
        explanation_en: "In a column of table 三, 一 (new requests) plus 二 (carried over from last year) does not equal 三（七）总计 (all results) plus 四 (carried forward to next year). The table's own header states this rule; when it fails, some request was missed or counted twice. Check every figure of that column.",
        basis: Basis::FormatNotice(FormatPart::Table3Balance),
    },
    RuleInfo {
        code: "table3-results-total",
        default_severity: Severity::Error,
        family: "numbers",
        title_zh: "办理结果总计与各项之和不符",
        title_en: "Results total differs from the sum of the results",
        explanation_zh: "表三“（七）总计”不等于（一）予以公开、（二）部分公开以及（三）至（六）各小项之和。即使勾稽关系成立，总计本身也可能算错，只有这条规则能发现。请重新加总各项，或更正总计。",
        explanation_en: "Table 三's （七）总计 is not the sum of （一）, （二） and every sub-row of （三） to （六）. The balance rule may still hold, so only this check catches a wrong total. Add the rows up again, or correct the total.",
        basis: Basis::FormatNotice(FormatPart::Table3Results),
    },
    RuleInfo {
        code: "table3-row-total",
        default_severity: Severity::Error,
        family: "numbers",
        title_zh: "申请人总计与各类之和不符",
        title_en: "Applicant total differs from the sum of applicants",
        explanation_zh: "表三某一行的“总计”列，不等于自然人与五类法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）之和。各类申请人应当不重不漏地计入。请核对该行各列，或更正总计。",
        explanation_en: "In a row of table 三 the 总计 column is not the sum of 自然人 and the five kinds of 法人或其他组织 (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他). Every applicant is counted under exactly one kind. Check the row's figures or correct the total.",
        basis: Basis::FormatNotice(FormatPart::Table3Columns),
    },
    RuleInfo {
        code: "table4-total",
        default_severity: Severity::Error,
        family: "numbers",
        title_zh: "表四总计与各项之和不符",
        title_en: "Table 四 total differs from its results",
        explanation_zh: "表四的行政复议、未经复议直接起诉、复议后起诉三组中，有一组的“总计”不等于结果维持、结果纠正、其他结果、尚未审结四项之和。每一件案件都应当且只应当计入其中一项。请核对该组数字，或更正总计。",
        explanation_en: "In one of table 四's three groups (administrative review; lawsuits filed directly; lawsuits after review) 总计 is not the sum of 结果维持, 结果纠正, 其他结果 and 尚未审结. Each case belongs to exactly one of the four. Check the group's figures or correct the total.",
        basis: Basis::FormatNotice(FormatPart::Table4),
    },
    RuleInfo {
        code: "invalid-number",
        default_severity: Severity::Error,
        family: "numbers",
        title_zh: "无效数字",
        title_en: "Invalid number",
        explanation_zh: "表格中的数量应为非负整数（表二的收费金额可以有小数，2019年格式表二的“本年增/减量”可以为负），这里却是负数、小数、空白或非数字内容（如“—”“/”）。统一格式要求逐项填报，没有发生的填0。请填写正确的数字；全角数字可以识别，但建议改用半角阿拉伯数字。",
        explanation_en: "A count in a table must be a non-negative whole number (table 二's fee amount may have decimals, and the 2019 layout's 本年增/减量 may be negative), but this cell is negative, fractional, blank or not a number (such as — or /). The format wants every cell filled, with 0 where nothing happened. Enter the correct number; full-width digits are understood, but half-width Arabic digits are preferred.",
        basis: Basis::FormatNotice(FormatPart::Tables),
    },
    // ---------------------------------------------------------------- prose
    RuleInfo {
        code: "narrative-sum",
        default_severity: Severity::Warning,
        family: "prose",
        title_zh: "总数与分项之和不符",
        title_en: "Stated total differs from its breakdown",
        explanation_zh: "正文给出了一个总数及其分项（如“累计公开信息1762条……其中，概况类信息7条……”），但各分项之和不等于总数。这通常是修改了部分数字而漏改了其他数字。请核对总数和各分项。",
        explanation_en: "The text gives a total and its breakdown (e.g. 累计公开信息1762条……其中，概况类信息7条……) but the parts do not add up to the total. Usually some figures were updated and others were not. Check the total and each part.",
        basis: Basis::FormatNotice(FormatPart::Accountability),
    },
    RuleInfo {
        code: "narrative-average",
        default_severity: Severity::Hint,
        family: "prose",
        title_zh: "平均数与总数不符",
        title_en: "Stated average differs from total ÷ months",
        explanation_zh: "正文中的平均数（如“平均每月公开信息146条”）与总数除以月数的结果不一致（1762÷12≈146.8）。差异可能只是取整方式不同，也可能是总数更新后平均数未改。请按实际数据重新计算，或写明取整方式。",
        explanation_en: "An average in the text (e.g. 平均每月公开信息146条) does not match the total divided by the months (1762 ÷ 12 ≈ 146.8). It may only be rounding, or the total was updated and the average was not. Recompute it from the figures, or say how it was rounded.",
        basis: Basis::FormatNotice(FormatPart::Accountability),
    },
    RuleInfo {
        code: "narrative-table-mismatch",
        default_severity: Severity::Warning,
        family: "prose",
        title_zh: "正文与表格矛盾",
        title_en: "Text contradicts a table",
        explanation_zh: "正文的表述与表格数据相矛盾，例如写“本年度未收到政府信息公开申请”而表三第一行总计大于0，写“未出现行政复议和行政诉讼”而表四有案件，或写“共收到申请N件”而表格是另一个数。读者无法判断哪一处正确。请使正文与表格一致。",
        explanation_en: "A statement in the text contradicts a table: 本年度未收到政府信息公开申请 while table 三 row 一 has a total above 0, no review or lawsuit claimed while table 四 has cases, or 共收到申请N件 while the table says otherwise. Readers cannot tell which is right. Make the text and the tables agree.",
        basis: Basis::FormatNotice(FormatPart::Accountability),
    },
    // ---------------------------------------------------------------- dates
    RuleInfo {
        code: "missing-title-year",
        default_severity: Severity::Error,
        family: "dates",
        title_zh: "标题中没有报告年度",
        title_en: "No report year in the title",
        explanation_zh: "标题中找不到报告年度，应为“YYYY年政府信息公开工作年度报告”。条例第四十九条要求公布的是“上一年度”的年度报告，报告年度决定统计期限、公布时限和应使用的表格格式。请在标题中写明报告年度。",
        explanation_en: "No report year can be found in the title, which should read YYYY年政府信息公开工作年度报告. Article 49 requires the report on the previous year, and that year determines the statistics period, the deadline and the layout of the tables. Put the report year in the title.",
        basis: Basis::Regulation(ClauseRef::article(49)),
    },
    RuleInfo {
        code: "period-mismatch",
        default_severity: Severity::Error,
        family: "dates",
        title_zh: "统计期限与报告年度不符",
        title_en: "Statistics period is not the report year",
        explanation_zh: "统计期限应为报告年度的1月1日至12月31日，这里却是另一年的期限（常见于照搬上一年的报告）。期限在报告年度之内但短于全年时（例如机构年中新设），只作警告。请将统计期限改为“自YYYY年1月1日起至YYYY年12月31日止”。",
        explanation_en: "The statistics period must run from 1 January to 31 December of the report year, but it covers another year (often a leftover from last year's report). A period inside the year but shorter than it (a body created mid-year) is only a warning. Change it to 自YYYY年1月1日起至YYYY年12月31日止.",
        basis: Basis::Regulation(ClauseRef::article(49)),
    },
    RuleInfo {
        code: "publish-date-early",
        default_severity: Severity::Error,
        family: "dates",
        title_zh: "落款日期早于报告年度结束",
        title_en: "Dated before the reported year ended",
        explanation_zh: "报告的落款日期在报告年度结束之前。年度报告反映整个上一年度的情况（条例第四十九条），年度未结束就不可能有全年数据，这通常是日期的年份写错了。请更正落款日期。",
        explanation_en: "The report is dated before the year it reports on ended. The report covers the whole previous year (Article 49), so it cannot be finished before that year is over; usually the year of the date is wrong. Correct the date.",
        basis: Basis::Regulation(ClauseRef::article(49)),
    },
    RuleInfo {
        code: "publish-date-late",
        default_severity: Severity::Warning,
        family: "dates",
        title_zh: "晚于法定公布时限",
        title_en: "Dated after the statutory deadline",
        explanation_zh: "报告的落款日期晚于条例第四十九条规定的时限：县级以上人民政府部门应在每年1月31日前提交并公布，县级以上地方人民政府的年度报告应在每年3月31日前公布。适用哪个时限取决于报告主体，可在设置中指定。请核对日期；确已逾期的，应尽快公布。",
        explanation_en: "The report is dated after the deadline of Article 49: departments of governments at county level and above by 31 January, the reports of local governments at county level and above by 31 March. Which one applies depends on the body and can be set in the settings. Check the date; if the report is late, publish it without delay.",
        basis: Basis::Regulation(ClauseRef::article(49)),
    },
    RuleInfo {
        code: "invalid-date",
        default_severity: Severity::Error,
        family: "dates",
        title_zh: "不存在的日期",
        title_en: "Impossible date",
        explanation_zh: "报告中出现了公历中不存在的日期，例如“2月30日”“4月31日”或“13月1日”。这通常是录入错误，也会使统计期限和公布时限无法判断。请更正为实际日期。",
        explanation_en: "The report contains a date that does not exist in the calendar, such as 2月30日, 4月31日 or 13月1日. It is usually a typing slip, and it makes the period and the deadline impossible to judge. Correct the date.",
        basis: Basis::Convention { zh: "公历（格里高利历）的日期", en: "Dates of the Gregorian calendar" },
    },
    RuleInfo {
        code: "stale-year",
        default_severity: Severity::Warning,
        family: "dates",
        title_zh: "疑似照搬上一年的年份",
        title_en: "A sentence speaks of another year",
        explanation_zh: "一句话用另一个年份叙述本年度的工作，例如2023年度报告中的“2022年，我局……”，常见于复制上一年的报告后漏改年份。与上年的比较（“较2022年”“与上年相比”）和对下一年的计划不在此列。请把年份改为报告年度，或确认这句话确实在说另一年。",
        explanation_en: "A sentence describes the year's work under another year, e.g. 2022年，我局…… in a report on 2023 — typically left over from last year's report. Comparisons (较2022年, 与上年相比) and plans for next year are not flagged. Change the year to the report year, or make sure the sentence really is about another year.",
        basis: Basis::FormatNotice(FormatPart::Accountability),
    },
    RuleInfo {
        code: "stale-report-year",
        default_severity: Severity::Information,
        family: "dates",
        title_zh: "报告年度可能未更新",
        title_en: "Report year may be last year's",
        explanation_zh: "报告年度不是当前日期的上一年，而报告的落款日期是今年或尚未填写，看起来像是复制了上一年的报告却没有改标题。年度报告应当报告上一年度的情况（条例第四十九条）。如果正在编写新一年的报告，请更新标题和全文中的年份。",
        explanation_en: "The report year is not the year before today while the report is dated this year or not dated yet: it looks like last year's report copied with its title unchanged. The annual report covers the previous year (Article 49). If this is the new year's report, update the title and the years throughout.",
        basis: Basis::Regulation(ClauseRef::article(49)),
    },
    // ---------------------------------------------------------------- citations
    RuleInfo {
        code: "superseded-citation",
        default_severity: Severity::Warning,
        family: "citations",
        title_zh: "引用已被取代的文件",
        title_en: "Cites a superseded document",
        explanation_zh: "报告引用了已被取代的文件：2007年的《中华人民共和国政府信息公开条例》（国务院令第492号）已由国务院令第711号修订，修订后的条例自2019年5月15日起施行；2021年度起的年度报告应依据国办公开办函〔2021〕30号，而不是〔2019〕60号。请改为引用现行文件。",
        explanation_en: "The report cites a superseded document: the 2007 Regulation (State Council Order No. 492) was revised by Order No. 711, in force since 15 May 2019; reports on 2021 and later follow 国办公开办函〔2021〕30号, not 〔2019〕60号. Cite the document in force.",
        basis: Basis::Promulgation,
    },
    RuleInfo {
        code: "doc-number-brackets",
        default_severity: Severity::Hint,
        family: "citations",
        title_zh: "发文字号的年份括号不规范",
        title_en: "Wrong brackets in a document number",
        explanation_zh: "发文字号中的年份应当用六角括号“〔〕”括入，这里用的是“[]”“()”“【】”等其他括号，这是常见的录入错误。请改为“〔2021〕”这样的写法。",
        explanation_en: "The year in a document number belongs in the six-sided brackets 〔〕, but here it is in [], (), 【】 or similar — a common typing slip. Write it as 〔2021〕.",
        basis: Basis::DocumentFormatStandard,
    },
    // ---------------------------------------------------------------- continuity
    RuleInfo {
        code: "carryover-mismatch",
        default_severity: Severity::Error,
        family: "continuity",
        title_zh: "上年结转与上年报告不符",
        title_en: "Carried-over requests differ from last year's report",
        explanation_zh: "表三“二、上年结转政府信息公开申请数量”应等于同一机关上一年度报告表三“四、结转下年度继续办理”的数字，逐列相同：去年结转到今年的申请，就是今年从去年接过来的申请。不一致说明其中一份报告有误，或沿用了更早的数字。请核对两份报告，或采用上年报告的数字。",
        explanation_en: "Table 三's row 二 (requests carried over from last year) must equal, column by column, row 四 (carried forward to next year) of the same body's report on the previous year: what last year carried forward is what this year takes over. A difference means one of the two reports is wrong or an older figure was kept. Check both reports, or take last year's figures.",
        basis: Basis::FormatNotice(FormatPart::Table3Balance),
    },
    RuleInfo {
        code: "in-force-continuity",
        default_severity: Severity::Warning,
        family: "continuity",
        title_zh: "现行有效件数与上年报告不衔接",
        title_en: "Documents in force do not follow from last year's report",
        explanation_zh: "表二第二十条第（一）项中，本年“现行有效件数”通常等于上年报告的现行有效件数加本年制发件数、减本年废止件数。不一致可能是沿用了旧数字，也可能是本年修订、清理等原因所致（因此只是警告）；如有正当原因，可在报告中说明。",
        explanation_en: "In table 二's block for 第二十条第（一）项, this year's documents in force usually equal last year's in force plus this year's issued minus this year's repealed. A difference may be a figure left over from an old report, or the result of revisions and clean-ups (hence a warning); if there is a reason, explain it in the report.",
        basis: Basis::Regulation(ClauseRef { article: 20, paragraph: None, item: Some(1) }),
    },
    // ---------------------------------------------------------------- meta
    RuleInfo {
        code: "unused-suppression",
        default_severity: Severity::Hint,
        family: "meta",
        title_zh: "多余的抑制注释",
        title_en: "Unused suppression",
        explanation_zh: "一条抑制注释没有抑制任何诊断：它指定的规则在该处没有报告问题，或者规则代码拼写有误。留着多余的抑制，将来真的出现问题时也会被掩盖。请删除该注释，或更正规则代码。",
        explanation_en: "A suppression comment suppresses nothing: the rule it names reports nothing there, or the code is misspelt. A stale suppression would hide a real problem later. Remove the comment or correct the code.",
        basis: Basis::Convention { zh: "本工具的抑制注释约定", en: "The checker's suppression-comment convention" },
    },
    RuleInfo {
        code: "not-a-report",
        default_severity: Severity::Error,
        family: "meta",
        title_zh: "不是年度报告",
        title_en: "Not an annual report",
        explanation_zh: "文件为空、是二进制内容，或者完全看不出是政府信息公开工作年度报告（既没有标题，也没有统一格式的任何部分），其他规则无法检查它。请确认打开的是年度报告的文本（可以从Word或PDF中复制为纯文本）。",
        explanation_en: "The file is empty, binary, or shows no sign of being an annual disclosure report (no title and none of the format's sections), so no other rule can check it. Make sure this is the report's text (copied from Word or PDF as plain text).",
        basis: Basis::Convention { zh: "本工具的输入要求", en: "The checker's input requirements" },
    },
];

/// Renders the catalogue as Markdown (the content of `docs/rules.md`): one section per rule,
/// anchored by its code, with titles, default severity, explanations and the quoted clause.
pub fn rules_markdown() -> String {
    let mut s = String::new();
    s.push_str("<!-- Generated by nianbao::knowledge::rules_markdown(); do not edit by hand.\n");
    s.push_str("     Regenerate: NIANBAO_BLESS=1 cargo test -p nianbao --lib knowledge::rules -->\n\n");
    s.push_str("# 规则目录 · Rule catalogue\n\n");
    s.push_str("每条规则有一个稳定的代码，用于命令行的 JSON 输出、抑制注释和设置。\n");
    s.push_str("Every rule has a stable code, used in the CLI's JSON output, in suppression comments and in the settings.\n\n");
    s.push_str("| 代码 code | 规则 | rule | 类别 family | 默认级别 default severity |\n");
    s.push_str("| --- | --- | --- | --- | --- |\n");
    for r in all_rules() {
        s.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} | {} |\n",
            r.code, r.code, r.title_zh, r.title_en, r.family, r.default_severity
        ));
    }
    for family in FAMILIES {
        s.push_str(&format!("\n## {}\n", family_title(family)));
        for r in all_rules().iter().filter(|r| r.family == family) {
            s.push('\n');
            s.push_str(&format!("<a id=\"{}\"></a>\n\n", r.code));
            s.push_str(&format!("### `{}`\n\n", r.code));
            s.push_str(&format!("**{}** · *{}*\n\n", r.title_zh, r.title_en));
            s.push_str(&format!(
                "- 默认级别 · default severity: `{}`（{}）\n- 类别 · family: `{}`\n\n",
                r.default_severity,
                r.default_severity.label_zh(),
                r.family
            ));
            s.push_str(r.explanation_zh);
            s.push_str("\n\n");
            s.push_str(r.explanation_en);
            s.push_str("\n\n");
            s.push_str(&format!("**依据 · Basis:** {}\n\n", r.basis.citation()));
            match r.basis.quote() {
                Some(q) => {
                    for line in q.text.lines() {
                        s.push_str("> ");
                        s.push_str(line);
                        s.push_str("  \n");
                    }
                    // Drop the hard break after the last line.
                    if s.ends_with("  \n") {
                        s.truncate(s.len() - 3);
                        s.push('\n');
                    }
                    s.push('\n');
                    let kind = if q.summary { "要点概述 · summary" } else { "原文 · quoted" };
                    s.push_str(&format!("— {}；{}\n", q.source, kind));
                    if let Some(note) = q.note {
                        s.push_str(&format!("\n*{}*\n", note));
                    }
                }
                None => {
                    if let Basis::Convention { en, .. } = r.basis {
                        s.push_str(&format!("（无外部条文 · no external text: {en}）\n"));
                    }
                }
            }
        }
    }
    s
}

fn family_title(family: &str) -> &'static str {
    match family {
        "structure" => "结构 · structure",
        "tables" => "表格 · tables",
        "numbers" => "数字 · numbers",
        "prose" => "正文 · prose",
        "dates" => "日期 · dates",
        "citations" => "引用 · citations",
        "meta" => "其他 · meta",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOMAIN_CODES: [&str; 26] = [
        "missing-section",
        "section-order",
        "duplicate-section",
        "section-number",
        "section-title",
        "missing-table",
        "missing-row",
        "missing-column",
        "stale-format",
        "table3-balance",
        "table3-results-total",
        "table3-row-total",
        "table4-total",
        "invalid-number",
        "narrative-sum",
        "narrative-average",
        "narrative-table-mismatch",
        "missing-title-year",
        "period-mismatch",
        "publish-date-early",
        "publish-date-late",
        "invalid-date",
        "stale-year",
        "stale-report-year",
        "superseded-citation",
        "doc-number-brackets",
    ];

    #[test]
    fn catalogue_is_complete_and_unique() {
        let codes: Vec<&str> = all_rules().iter().map(|r| r.code).collect();
        let mut expected: Vec<&str> = DOMAIN_CODES.to_vec();
        expected.extend(["carryover-mismatch", "in-force-continuity", "unused-suppression", "not-a-report"]);
        let mut a = codes.clone();
        a.sort();
        expected.sort();
        assert_eq!(a, expected);
        let mut dedup = codes.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), codes.len());
        for r in all_rules() {
            assert!(FAMILIES.contains(&r.family), "{}", r.code);
            assert!(!r.title_zh.is_empty() && !r.title_en.is_empty());
            assert!(r.explanation_zh.chars().count() > 40, "{}", r.code);
            assert!(r.explanation_en.len() > 80, "{}", r.code);
            // 2–4 sentences.
            let zh = r.explanation_zh.matches('。').count();
            assert!((2..=4).contains(&zh), "{}: {zh} zh sentences", r.code);
            if let Some(q) = r.basis.quote() {
                assert!(!q.text.is_empty() && !q.source.is_empty(), "{}", r.code);
            } else {
                assert!(matches!(r.basis, Basis::Convention { .. }), "{}", r.code);
            }
            assert_eq!(rule(r.code).unwrap().code, r.code);
        }
        assert!(rule("no-such-rule").is_none());
    }

    #[test]
    fn default_severities_match_domain() {
        use Severity::*;
        let expect = [
            ("missing-section", Error),
            ("section-order", Warning),
            ("duplicate-section", Error),
            ("section-number", Error),
            ("section-title", Hint),
            ("missing-table", Error),
            ("missing-row", Error),
            ("missing-column", Error),
            ("stale-format", Warning),
            ("table3-balance", Error),
            ("table3-results-total", Error),
            ("table3-row-total", Error),
            ("table4-total", Error),
            ("invalid-number", Error),
            ("narrative-sum", Warning),
            ("narrative-average", Hint),
            ("narrative-table-mismatch", Warning),
            ("missing-title-year", Error),
            ("period-mismatch", Error),
            ("publish-date-early", Error),
            ("publish-date-late", Warning),
            ("invalid-date", Error),
            ("stale-year", Warning),
            ("stale-report-year", Information),
            ("superseded-citation", Warning),
            ("doc-number-brackets", Hint),
            ("unused-suppression", Hint),
            ("not-a-report", Error),
        ];
        for (code, sev) in expect {
            assert_eq!(rule(code).unwrap().default_severity, sev, "{code}");
        }
    }

    #[test]
    fn severity_serde_and_order() {
        assert_eq!(serde_json::to_string(&Severity::Information).unwrap(), "\"information\"");
        assert_eq!(serde_json::from_str::<Severity>("\"hint\"").unwrap(), Severity::Hint);
        assert_eq!("warn".parse::<Severity>(), Ok(Severity::Warning));
        assert!("fatal".parse::<Severity>().is_err());
        assert!(Severity::Error < Severity::Warning && Severity::Information < Severity::Hint);
        assert_eq!(Severity::Error.to_string(), "error");
    }

    #[test]
    fn bases_quote_the_data() {
        let q = rule("publish-date-late").unwrap().basis.quote().unwrap();
        assert_eq!(q.citation, "《中华人民共和国政府信息公开条例》第四十九条");
        assert!(q.text.contains("1月31日") && q.text.contains("3月31日"));
        assert_eq!(q.source, "国务院令第711号，2019年4月3日修订，2019年5月15日起施行");
        let q = rule("table3-balance").unwrap().basis.quote().unwrap();
        assert_eq!(q.text, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
        assert!(q.source.contains("国办公开办函〔2021〕30号"));
        let q = rule("missing-section").unwrap().basis.quote().unwrap();
        assert!(q.text.starts_with("政府信息公开工作年度报告应当包括下列内容："));
        let q = rule("superseded-citation").unwrap().basis.quote().unwrap();
        assert!(q.text.contains("国务院令第492号公布"));
        let q = rule("doc-number-brackets").unwrap().basis.quote().unwrap();
        assert!(q.summary && q.text.contains("〔〕"));
        let q = rule("stale-year").unwrap().basis.quote().unwrap();
        assert!(q.text.contains("内容雷同") && q.note.is_some());
        let q = rule("table3-results-total").unwrap().basis.quote().unwrap();
        assert!(q.text.contains("（七）总计") && q.text.contains("3.其他"));
        assert!(rule("invalid-date").unwrap().basis.quote().is_none());
    }

    #[test]
    fn markdown_has_one_anchored_section_per_rule() {
        let md = rules_markdown();
        for r in all_rules() {
            assert_eq!(md.matches(&format!("<a id=\"{}\"></a>", r.code)).count(), 1, "{}", r.code);
            assert!(md.contains(&format!("### `{}`", r.code)));
            assert!(md.contains(r.explanation_en));
        }
    }

    /// `docs/rules.md` is `rules_markdown()`. To regenerate it after changing the catalogue:
    /// `NIANBAO_BLESS=1 cargo test -p nianbao --lib knowledge::rules`.
    #[test]
    fn docs_rules_md_is_up_to_date() {
        let committed = include_str!("../../../docs/rules.md");
        let generated = rules_markdown();
        if committed != generated {
            if std::env::var_os("NIANBAO_BLESS").is_some() {
                let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/rules.md");
                std::fs::write(path, &generated).expect("write docs/rules.md");
                return;
            }
            panic!(
                "docs/rules.md is out of date with knowledge::rules; regenerate it with \
                 `NIANBAO_BLESS=1 cargo test -p nianbao --lib knowledge::rules`"
            );
        }
    }
}
