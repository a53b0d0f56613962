//! The statutory publication deadlines of 条例第四十九条 and which of them applies to a body.

use serde::{Deserialize, Serialize};

use super::regulation::{Clause, ClauseRef};

/// Which deadline of 第四十九条 applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyLevel {
    /// A government at county level or above (`…人民政府`, and bodies treated like one such as
    /// `平潭综合实验区` or a 开发区/新区 管委会): its (summary) report by **3月31日** (第四十九条第二款).
    Government,
    /// A department of a government at county level or above (`…局`, `…委员会`, `…人民政府办公室`):
    /// by **1月31日** (第四十九条第一款).
    Department,
}

impl BodyLevel {
    pub fn deadline(self) -> &'static Deadline {
        match self {
            BodyLevel::Government => &DEADLINES[1],
            BodyLevel::Department => &DEADLINES[0],
        }
    }

    /// `government` / `department` (as in settings).
    pub fn as_str(self) -> &'static str {
        match self {
            BodyLevel::Government => "government",
            BodyLevel::Department => "department",
        }
    }
}

impl std::str::FromStr for BodyLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "government" | "gov" | "政府" => Ok(BodyLevel::Government),
            "department" | "dept" | "部门" => Ok(BodyLevel::Department),
            other => Err(format!("unknown body level `{other}` (expected `government` or `department`)")),
        }
    }
}

/// One statutory deadline: a day of the year after the report year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub level: BodyLevel,
    pub month: u32,
    pub day: u32,
    /// The clause that sets it: 第四十九条第一款 / 第二款.
    pub clause: ClauseRef,
    /// Who must publish, in the Regulation's words.
    pub who_zh: &'static str,
    pub who_en: &'static str,
    /// `每年1月31日前`.
    pub when_zh: &'static str,
}

/// The two deadlines of 第四十九条 (verified across several copies; see related-notices.md §1).
pub static DEADLINES: [Deadline; 2] = [
    Deadline {
        level: BodyLevel::Department,
        month: 1,
        day: 31,
        clause: ClauseRef::paragraph(49, 1),
        who_zh: "县级以上人民政府部门",
        who_en: "departments of people's governments at county level and above",
        when_zh: "每年1月31日前",
    },
    Deadline {
        level: BodyLevel::Government,
        month: 3,
        day: 31,
        clause: ClauseRef::paragraph(49, 2),
        who_zh: "县级以上地方人民政府的政府信息公开工作主管部门（公布本级政府的年度报告）",
        who_en: "the information-disclosure office of local people's governments at county level and above (for the government's own report)",
        when_zh: "每年3月31日前",
    },
];

impl Deadline {
    /// The last day (inclusive) for a report on `report_year`: (year, month, day) in
    /// `report_year + 1`.
    ///
    /// The Regulation says `前` ("before"); in practice (and in the corpus) a report dated on the
    /// day itself is treated as on time. Rules may choose to be stricter.
    pub fn date_for(&self, report_year: i32) -> (i32, u32, u32) {
        (report_year + 1, self.month, self.day)
    }

    /// `1月31日`.
    pub fn month_day_zh(&self) -> String {
        format!("{}月{}日", self.month, self.day)
    }

    /// The text of the clause (第四十九条第一款 / 第二款) with its citation and source.
    pub fn clause_text(&self) -> Clause {
        self.clause.resolve().expect("第四十九条 has two 款")
    }
}

/// Notes on the deadlines that matter to users (from related-notices.md §1).
pub const DEADLINE_NOTES_ZH: &str = "条例第四十九条只规定了两个时限：县级以上人民政府部门在每年1月31日前提交并公布本机关上一年度的年度报告；县级以上地方人民政府的政府信息公开工作主管部门在每年3月31日前公布本级政府上一年度的年度报告。条例没有为乡（镇）人民政府等其他主体规定时限；地方规定的更早日期不是法定时限。";
pub const DEADLINE_NOTES_EN: &str = "Article 49 sets only two deadlines: departments of governments at county level and above submit and publish their report on the previous year by 31 January; the disclosure office of a local government at county level and above publishes that government's report by 31 March. The Regulation sets no deadline for other bodies such as township governments; earlier dates set by local rules are not statutory.";

/// Suffixes that make a name a government (checked after department suffixes that contain them).
const GOVERNMENT_SUFFIXES: &[&str] = &[
    "人民政府", "政府", "实验区", "试验区", "示范区", "新区", "开发区", "高新区", "自治州", "自治县",
    "自治旗", "特别行政区",
];

/// Suffixes of departments and other bodies under a government.
const DEPARTMENT_SUFFIXES: &[&str] = &[
    "办公室", "办公厅", "委员会", "局", "厅", "委", "办", "中心", "署", "处", "所", "站", "队", "院", "部",
    "馆", "会", "社", "总队", "支队", "大队", "分局", "管理处",
];

/// Guesses from the body's name which deadline of 第四十九条 applies. `None` when the name says
/// nothing clear (settings can always override).
///
/// - `淮安市人民政府`, `XX县人民政府`, `XX镇人民政府`, `平潭综合实验区`, `XX经济技术开发区管理委员会`,
///   `XX新区管委会` → [`BodyLevel::Government`];
/// - `XX市人民政府办公室`, `攀枝花市政务服务管理局`, `XX市发展和改革委员会`,
///   `平潭综合实验区旅游与文化体育局`, `XX市城市管理委员会` → [`BodyLevel::Department`].
///
/// A report title (`淮安市人民政府2024年政府信息公开工作年度报告`) is accepted too: the part
/// from the year or from `政府信息公开` on is ignored.
pub fn infer_body_level(name: &str) -> Option<BodyLevel> {
    let name = body_name(name);
    if name.is_empty() {
        return None;
    }
    // 管理委员会 / 管委会: a government when it manages a zone (…区管委会), else a department
    // (e.g. 城市管理委员会 is a city department).
    for suffix in ["管理委员会", "管委会"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            let stem = stem.trim_end_matches("党工委");
            return if stem.ends_with('区') { Some(BodyLevel::Government) } else { Some(BodyLevel::Department) };
        }
    }
    // A department suffix at the very end wins (`…人民政府办公室`, `…实验区…局`).
    if DEPARTMENT_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        // …but `…人民政府` itself ends in no department suffix, and `…办事处` (街道) is
        // an agency of a district government; count it as a department.
        return Some(BodyLevel::Department);
    }
    if GOVERNMENT_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return Some(BodyLevel::Government);
    }
    // A bare place name: `XX市`, `XX县`, `XX区`, `XX省` is how governments sign summary reports.
    if ["省", "市", "县", "区", "旗", "州", "盟"].iter().any(|s| name.ends_with(s)) {
        return Some(BodyLevel::Government);
    }
    None
}

/// The body's name from a name or a title line: whitespace removed, bracketed remarks at the end
/// dropped, and anything from the report year or from `政府信息公开` on cut off.
fn body_name(s: &str) -> String {
    let mut t: String = s.chars().filter(|c| !crate::text::is_space(*c)).collect();
    t = crate::text::to_ascii_digits(&t);
    if let Some(i) = t.find("政府信息公开") {
        t.truncate(i);
    }
    // Cut a trailing year: `…2024年`, `…2024年度`.
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    if let Some(pos) = chars.iter().position(|&(_, c)| c.is_ascii_digit()) {
        let rest: String = chars[pos..].iter().map(|&(_, c)| c).collect();
        if rest.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with('年') {
            t.truncate(chars[pos].0);
        }
    }
    // Drop bracketed remarks at the end: `XX市人民政府（本级）`.
    loop {
        let trimmed = t.trim_end();
        if let Some(stripped) = trimmed.strip_suffix('）').or_else(|| trimmed.strip_suffix(')'))
            && let Some(open) = stripped.rfind(['（', '('])
        {
            t = stripped[..open].to_string();
            continue;
        }
        break;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines() {
        let d = BodyLevel::Department.deadline();
        assert_eq!((d.month, d.day), (1, 31));
        assert_eq!(d.date_for(2023), (2024, 1, 31));
        assert_eq!(d.clause, ClauseRef::paragraph(49, 1));
        assert!(d.clause_text().text.contains("每年1月31日前"));
        assert_eq!(d.month_day_zh(), "1月31日");
        let g = BodyLevel::Government.deadline();
        assert_eq!(g.date_for(2024), (2025, 3, 31));
        assert_eq!(g.clause, ClauseRef::paragraph(49, 2));
        assert!(g.clause_text().text.contains("每年3月31日前"));
        assert_eq!(g.clause_text().citation, "《中华人民共和国政府信息公开条例》第四十九条第二款");
        for d in &DEADLINES {
            assert!(d.clause_text().text.contains(d.when_zh));
            assert!(d.clause_text().text.contains(d.who_zh.split('（').next().unwrap()));
        }
    }

    #[test]
    fn parse_level() {
        assert_eq!("government".parse::<BodyLevel>(), Ok(BodyLevel::Government));
        assert_eq!("Department".parse::<BodyLevel>(), Ok(BodyLevel::Department));
        assert!("county".parse::<BodyLevel>().is_err());
        assert_eq!(serde_json::to_string(&BodyLevel::Government).unwrap(), "\"government\"");
    }

    #[test]
    fn infer_level() {
        use BodyLevel::*;
        let cases = [
            ("淮安市人民政府", Some(Government)),
            ("XX县人民政府", Some(Government)),
            ("XX镇人民政府", Some(Government)),
            ("淮安市政府", Some(Government)),
            ("平潭综合实验区", Some(Government)),
            ("平潭综合实验区管委会", Some(Government)),
            ("XX经济技术开发区管理委员会", Some(Government)),
            ("XX新区管委会", Some(Government)),
            ("XX高新区", Some(Government)),
            ("XX自治县", Some(Government)),
            ("淮安市", Some(Government)),
            ("XX市人民政府办公室", Some(Department)),
            ("XX省人民政府办公厅", Some(Department)),
            ("攀枝花市政务服务管理局", Some(Department)),
            ("平潭综合实验区旅游与文化体育局", Some(Department)),
            ("XX市发展和改革委员会", Some(Department)),
            ("XX市城市管理委员会", Some(Department)),
            ("XX市卫生健康委", Some(Department)),
            ("XX市政务服务中心", Some(Department)),
            ("XX市公安局XX分局", Some(Department)),
            ("XX街道办事处", Some(Department)),
            ("淮安市人民政府2024年政府信息公开工作年度报告", Some(Government)),
            ("攀枝花市政务服务管理局2023 年政府信息公开工作年度报告", Some(Department)),
            ("平潭综合实验区2021年度政府信息公开工作年度报告", Some(Government)),
            ("XX市人民政府（本级）", Some(Government)),
            (" 攀枝花市政务服务管理局 ", Some(Department)),
            ("", None),
            ("政府信息公开工作年度报告", None),
            ("某某", None),
        ];
        for (name, level) in cases {
            assert_eq!(infer_body_level(name), level, "{name}");
        }
    }
}
