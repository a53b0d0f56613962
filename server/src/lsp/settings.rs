//! Where the server's [`Config`] comes from: `nianbao.toml` in the workspace root, overridden key
//! by key by the editor's settings (`initializationOptions`, `workspace/didChangeConfiguration`),
//! the client's locale when no `locale` is set, and today's date from the clock when no `today`
//! is set. Invalid settings are reported and left out; the rest still apply.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::{Map, Value};

use crate::config::{Config, Locale};
use crate::date::Date;

pub const CONFIG_FILE: &str = "nianbao.toml";

#[derive(Default)]
pub struct Settings {
    /// The workspace root, where `nianbao.toml` lives.
    pub root: Option<PathBuf>,
    /// `nianbao.toml` as last read, and its modification stamp.
    toml: Option<String>,
    toml_stamp: Option<(SystemTime, u64)>,
    /// The editor's settings (the `nianbao` section).
    editor: Map<String, Value>,
    /// From `initialize.locale`.
    pub client_locale: Option<Locale>,
    /// Bumped on every change of the effective configuration.
    pub generation: u64,
    effective: std::sync::Arc<Config>,
}

impl Settings {
    pub fn config(&self) -> std::sync::Arc<Config> {
        self.effective.clone()
    }

    pub fn config_path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(CONFIG_FILE))
    }

    /// Takes the editor's settings: either the `nianbao` section itself or an object holding it.
    pub fn set_editor(&mut self, value: Option<Value>) {
        let value = match value {
            Some(Value::Object(mut m)) => match m.remove("nianbao") {
                Some(Value::Object(inner)) => inner,
                Some(_) | None => m,
            },
            _ => Map::new(),
        };
        self.editor = value;
    }

    /// Re-reads `nianbao.toml` when its stamp changed (or `force`). Returns whether its text changed.
    pub fn reload_toml(&mut self, force: bool) -> bool {
        let Some(path) = self.config_path() else {
            return false;
        };
        let stamp = std::fs::metadata(&path).ok().map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
        if !force && stamp == self.toml_stamp {
            return false;
        }
        self.toml_stamp = stamp;
        let text = stamp.and_then(|_| std::fs::read_to_string(&path).ok());
        if text == self.toml {
            return false;
        }
        self.toml = text;
        true
    }

    /// Recomputes the effective configuration; returns the problems found (to show the user).
    pub fn rebuild(&mut self, today: Date) -> Vec<String> {
        let mut errors = Vec::new();
        let mut merged = match self.toml.as_deref().map(toml::from_str::<Value>) {
            Some(Ok(Value::Object(m))) => m,
            Some(Ok(_)) | None => Map::new(),
            Some(Err(e)) => {
                errors.push(format!("{CONFIG_FILE}: {e}"));
                Map::new()
            }
        };
        for (k, v) in &self.editor {
            if v.is_null() {
                continue;
            }
            match (k.as_str(), merged.get_mut(k), v) {
                ("rules", Some(Value::Object(base)), Value::Object(over)) => {
                    for (code, level) in over {
                        base.insert(code.clone(), level.clone());
                    }
                }
                _ => {
                    merged.insert(k.clone(), v.clone());
                }
            }
        }
        let locale_set = merged.contains_key("locale");
        let mut config = match Config::from_json(Value::Object(merged.clone())) {
            Ok(c) => c,
            Err(e) => {
                errors.push(e.0);
                salvage(merged)
            }
        };
        if !locale_set && let Some(l) = self.client_locale {
            config.locale = l;
        }
        if config.today.is_none() {
            config.today = Some(today);
        }
        self.generation += 1;
        self.effective = std::sync::Arc::new(config);
        errors
    }
}

/// The configuration from the settings that are valid on their own.
fn salvage(merged: Map<String, Value>) -> Config {
    let mut good = Map::new();
    for (k, v) in merged {
        if k == "rules" {
            if let Value::Object(rules) = v {
                let mut ok = Map::new();
                for (code, level) in rules {
                    let probe = serde_json::json!({ "rules": { code.clone(): level.clone() } });
                    if Config::from_json(probe).is_ok() {
                        ok.insert(code, level);
                    }
                }
                good.insert(k, Value::Object(ok));
            }
        } else {
            let probe = Value::Object(Map::from_iter([(k.clone(), v.clone())]));
            if Config::from_json(probe).is_ok() {
                good.insert(k, v);
            }
        }
    }
    Config::from_json(Value::Object(good)).unwrap_or_default()
}

/// Today in China Standard Time (see `date::today`).
pub fn today() -> Date {
    crate::date::today()
}

/// The workspace root from `initialize` (first workspace folder, else the root URI).
pub fn root_from(params: &tower_lsp_server::ls_types::InitializeParams) -> Option<PathBuf> {
    if let Some(folders) = &params.workspace_folders
        && let Some(f) = folders.first()
        && let Some(p) = f.uri.to_file_path()
    {
        return Some(p.into_owned());
    }
    #[allow(deprecated)]
    let root = params.root_uri.as_ref().and_then(|u| u.to_file_path().map(|p| p.into_owned()));
    root.filter(|p: &PathBuf| Path::new(p).is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_overrides_toml_and_bad_keys_are_dropped() {
        let dir = std::env::temp_dir().join(format!("nianbao-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(CONFIG_FILE), "locale = \"en\"\n[rules]\nstale-year = \"off\"\nsection-title = \"warning\"\n").unwrap();
        let mut s = Settings { root: Some(dir.clone()), ..Settings::default() };
        assert!(s.reload_toml(true));
        s.set_editor(Some(serde_json::json!({"nianbao": {"rules": {"section-title": "error", "no-such-rule": "off"}, "colour": 1}})));
        let errors = s.rebuild(Date { year: 2026, month: 11, day: 30 });
        assert!(!errors.is_empty());
        let c = s.config();
        assert_eq!(c.locale, Locale::En);
        assert_eq!(c.severity("stale-year", crate::knowledge::Severity::Warning), None);
        assert_eq!(c.severity("section-title", crate::knowledge::Severity::Hint), Some(crate::knowledge::Severity::Error));
        assert_eq!(c.today, Date::new(2026, 11, 30));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
