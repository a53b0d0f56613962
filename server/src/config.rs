//! Settings: `nianbao.toml`, LSP `initializationOptions` / `didChangeConfiguration` (the same
//! keys as JSON) and CLI flags all end up as one [`Config`]. Pure: the caller reads the file.
//!
//! ```toml
//! locale = "zh"            # or "en": the language of messages
//! today = "2026-11-30"     # the date that "now" means for date rules (default: the clock, read by the front end)
//! level = "department"     # or "government": which deadline applies (default: inferred from the body's name)
//! deadline = "01-31"       # overrides the statutory deadline (month-day in the year after the report year)
//!
//! [rules]
//! stale-year = "off"       # or "error" | "warning" | "information" | "hint"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::date::Date;
use crate::knowledge::{BodyLevel, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Zh,
    En,
}

impl Locale {
    /// From a BCP 47 tag as LSP clients send it (`en-US`, `zh-CN`); Chinese unless English.
    pub fn from_tag(tag: &str) -> Locale {
        if tag.to_ascii_lowercase().starts_with("en") { Locale::En } else { Locale::Zh }
    }

    /// Picks the message in this locale.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::Zh => zh,
            Locale::En => en,
        }
    }
}

/// A rule's configured level: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Error,
    Warning,
    Information,
    Hint,
}

impl RuleLevel {
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Information => Some(Severity::Information),
            RuleLevel::Hint => Some(Severity::Hint),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub locale: Locale,
    /// "Today" for the date rules; `None` disables the rules that need it.
    pub today: Option<Date>,
    /// Overrides the body level inferred from the report's name.
    pub level: Option<BodyLevel>,
    /// Overrides the statutory deadline: (month, day) in the year after the report year.
    pub deadline: Option<(u32, u32)>,
    pub rules: BTreeMap<String, RuleLevel>,
}

/// The settings as written in `nianbao.toml` or sent by an editor as JSON.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    pub locale: Option<Locale>,
    pub today: Option<String>,
    pub level: Option<RawLevel>,
    pub deadline: Option<String>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawLevel {
    Government,
    Department,
}

/// A setting that cannot be used, with the reason; the rest of the settings still apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses `nianbao.toml` text.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError(e.to_string()))?;
        Config::from_raw(raw)
    }

    /// Parses settings sent as JSON by an editor.
    pub fn from_json(value: serde_json::Value) -> Result<Config, ConfigError> {
        let raw: RawConfig = serde_json::from_value(value).map_err(|e| ConfigError(e.to_string()))?;
        Config::from_raw(raw)
    }

    pub fn from_raw(raw: RawConfig) -> Result<Config, ConfigError> {
        let today = match raw.today {
            Some(s) => Some(Date::parse_iso(&s).ok_or_else(|| ConfigError(format!("today: `{s}` is not a date (YYYY-MM-DD)")))?),
            None => None,
        };
        let deadline = match raw.deadline {
            Some(s) => Some(parse_month_day(&s).ok_or_else(|| ConfigError(format!("deadline: `{s}` is not a month-day (MM-DD)")))?),
            None => None,
        };
        for code in raw.rules.keys() {
            if crate::knowledge::rule(code).is_none() {
                return Err(ConfigError(format!("rules: unknown rule code `{code}`")));
            }
        }
        Ok(Config {
            locale: raw.locale.unwrap_or_default(),
            today,
            level: raw.level.map(|l| match l {
                RawLevel::Government => BodyLevel::Government,
                RawLevel::Department => BodyLevel::Department,
            }),
            deadline,
            rules: raw.rules,
        })
    }

    /// The severity a rule reports with, or `None` when it is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }
}

fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.trim().split_once('-')?;
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    Date::new(2000, m, d).map(|_| (m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_toml() {
        let config = Config::from_toml(
            "locale = \"en\"\ntoday = \"2026-11-30\"\nlevel = \"government\"\ndeadline = \"02-15\"\n[rules]\nstale-year = \"off\"\nsection-title = \"warning\"\n",
        )
        .unwrap();
        assert_eq!(config.locale, Locale::En);
        assert_eq!(config.today, Date::new(2026, 11, 30));
        assert_eq!(config.level, Some(BodyLevel::Government));
        assert_eq!(config.deadline, Some((2, 15)));
        assert_eq!(config.severity("stale-year", Severity::Warning), None);
        assert_eq!(config.severity("section-title", Severity::Hint), Some(Severity::Warning));
        assert_eq!(config.severity("table3-balance", Severity::Error), Some(Severity::Error));
    }

    #[test]
    fn rejects_bad_settings_with_reasons() {
        assert!(Config::from_toml("[rules]\nno-such-rule = \"off\"").unwrap_err().0.contains("no-such-rule"));
        assert!(Config::from_toml("today = \"2026-02-30\"").unwrap_err().0.contains("today"));
        assert!(Config::from_toml("colour = 1").is_err());
    }
}
