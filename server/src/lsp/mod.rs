//! `nianbao lsp`: the language server (LSP 3.17 over stdio, on tower-lsp-server). A thin
//! translator: positions in, positions out; everything else is in the core (`analysis`, `ide`).
//!
//! Concurrency (tower-lsp runs up to four handlers at once):
//! - every content change is applied synchronously, in arrival order, before the handler's first
//!   `.await`, to the core's `SourceFile` (the one copy of the text; incremental reparse);
//! - the checker runs on a blocking thread, driven by one worker task that coalesces bursts of
//!   changes; a result is stored and published only if the document is still at the version it
//!   was computed for (so a stale result is never published, and versions only go up);
//! - handlers never wait for a reply from the client: requests to the client (configuration,
//!   registration, refresh, applyEdit) run in spawned tasks with a timeout;
//! - core calls run under `catch_unwind`: a panic is logged to the client and the request fails,
//!   the server keeps serving; a message that cannot be decoded is answered with a JSON-RPC
//!   error instead of ending the session (see `input`).
//!
//! Diagnostics are pushed (`textDocument/publishDiagnostics`) unless the client declares pull
//! support (`textDocument.diagnostic`), then they are only pulled — never both, so clients that
//! do both (Neovim 0.10+, VS Code) do not show them twice.
//!
//! Custom requests: `nianbao/documentText` (`{textDocument: {uri}, tree?: bool}` → the server's
//! text and version, and with `tree` its syntax tree, for tests) and, with `NIANBAO_LSP_DEBUG=1`, `nianbao/debugPanic`.

mod convert;
mod document;
pub mod input;
pub mod semantic;
mod settings;
mod workspace;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use dashmap::DashMap;
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::{self as lsp, Uri};
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::analysis::Analysis;
use crate::config::{Config, Locale};
use crate::ide;
use crate::syntax::{PositionEncoding, SourceFile};
use document::Document;
use settings::Settings;

/// The command that writes a new report from the template of a year's layout.
pub const NEW_REPORT_COMMAND: &str = "nianbao.newReport";
/// The code-action kind of "fix all".
pub const FIX_ALL_KIND: &str = "source.fixAll.nianbao";
/// How long a request to the client may take before it is given up.
const CLIENT_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves LSP on stdin/stdout until `exit` (or the end of input). Exit status 0 after a
/// `shutdown` request, 1 otherwise (as the specification asks).
pub fn run() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("nianbao lsp: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    runtime.block_on(async move {
        let (service, socket) = LspService::build(move |client| Backend::new(client, flag))
            .custom_method("nianbao/documentText", Backend::document_text)
            .custom_method("nianbao/debugPanic", Backend::debug_panic)
            .custom_method(input::MALFORMED_METHOD, Backend::malformed)
            .finish();
        // Malformed messages must not end the session: see `input`.
        let (server_in, guard_out) = tokio::io::duplex(1 << 16);
        tokio::spawn(input::sanitize(tokio::io::stdin(), guard_out));
        Server::new(server_in, tokio::io::stdout(), socket).serve(service).await;
    });
    // The stdin reader may still be blocked in a read: do not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(200));
    if shutdown.load(Ordering::SeqCst) { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// What the client can do, and the encoding chosen.
#[derive(Debug, Clone, Copy, Default)]
struct Session {
    enc: PositionEncoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`); then they are not pushed.
    pull: bool,
    diagnostic_refresh: bool,
    semantic_refresh: bool,
    inlay_refresh: bool,
    configuration: bool,
    watch_files: bool,
    document_changes: bool,
    create_files: bool,
    /// Settings came with `initialize`; no need to ask for them.
    had_init_options: bool,
}

enum Job {
    Check(Uri),
    CheckAll,
}

struct Shared {
    client: Client,
    docs: DashMap<Uri, Document>,
    session: RwLock<Session>,
    settings: Mutex<Settings>,
    jobs: mpsc::UnboundedSender<Job>,
    shutdown: Arc<AtomicBool>,
    token_ids: AtomicU64,
    /// Report files of the workspace folders, for last year's report.
    workspace: Arc<Mutex<workspace::Workspace>>,
    /// Set once the editor's settings are known (or asking for them gave up): the first check
    /// waits for it, so a client that answers `workspace/configuration` (eglot, lsp-mode, Helix)
    /// never sees diagnostics in the wrong locale or severities first.
    settings_known: tokio::sync::watch::Sender<bool>,
}

pub struct Backend {
    shared: Arc<Shared>,
}

/// A document's state at one version, for a request.
struct Snapshot {
    uri: Uri,
    version: i32,
    file: Arc<SourceFile>,
    analysis: Option<Arc<Analysis>>,
    config: Arc<Config>,
    enc: PositionEncoding,
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Runs `f`, turning a panic into an error message.
fn guard<T>(what: &str, f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| format!("nianbao: internal error in {what}: {}", panic_message(&*p)))
}

impl Backend {
    fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            client,
            docs: DashMap::new(),
            session: RwLock::new(Session::default()),
            settings: Mutex::new(Settings::default()),
            jobs: tx,
            shutdown,
            token_ids: AtomicU64::new(1),
            workspace: Arc::new(Mutex::new(workspace::Workspace::default())),
            settings_known: tokio::sync::watch::Sender::new(false),
        });
        tokio::spawn(worker(shared.clone(), rx));
        Backend { shared }
    }

    fn session(&self) -> Session {
        *self.shared.session.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a request's core work under `catch_unwind`; a panic is logged and becomes an error.
    async fn run<T>(&self, what: &str, f: impl FnOnce() -> T) -> Result<T> {
        match guard(what, f) {
            Ok(v) => Ok(v),
            Err(msg) => {
                self.shared.client.log_message(lsp::MessageType::ERROR, &msg).await;
                Err(jsonrpc::Error { code: jsonrpc::ErrorCode::InternalError, message: msg.into(), data: None })
            }
        }
    }

    /// The document's state now; with its analysis when `analysis` (computed off the message
    /// loop if not cached yet).
    async fn snapshot(&self, uri: &Uri, analysis: bool) -> Option<Snapshot> {
        let session = self.session();
        let (config, generation) = self.shared.config();
        let (version, file, cached) = {
            let doc = self.shared.docs.get(uri)?;
            (doc.version, doc.file.clone(), doc.current_analysis(generation))
        };
        let analysis = match (analysis, cached) {
            (_, Some(a)) => Some(a),
            (false, None) => None,
            (true, None) => self.shared.analyze(uri, version, generation, file.clone(), config.clone()).await,
        };
        Some(Snapshot { uri: uri.clone(), version, file, analysis, config, enc: session.enc })
    }

    async fn document_text(&self, params: DocumentTextParams) -> Result<Value> {
        let doc = self.shared.docs.get(&params.text_document.uri).ok_or_else(|| jsonrpc::Error::invalid_params("document not open"))?;
        Ok(json!({
            "version": doc.version,
            "text": doc.file.text(),
            "consistent": doc.consistent(),
            "treeHasErrors": doc.file.has_syntax_errors(),
            "tree": params.tree.then(|| crate::syntax::to_sexp(&doc.file)),
        }))
    }

    /// Panics inside the guard (tests prove the server survives); only when
    /// `NIANBAO_LSP_DEBUG=1`.
    async fn debug_panic(&self) -> Result<Value> {
        if std::env::var("NIANBAO_LSP_DEBUG").as_deref() != Ok("1") {
            return Err(jsonrpc::Error::method_not_found());
        }
        self.run("nianbao/debugPanic", || -> Value { panic!("deliberate panic for testing") }).await
    }

    /// A message that could not be decoded (see `input`): log it and answer with the error.
    async fn malformed(&self, params: Value) -> Result<Value> {
        let error = params["error"].as_str().unwrap_or("malformed message").to_string();
        self.shared.client.log_message(lsp::MessageType::WARNING, format!("nianbao: ignored a message: {error}")).await;
        let code = if params["kind"] == "invalid" { jsonrpc::ErrorCode::InvalidRequest } else { jsonrpc::ErrorCode::ParseError };
        Err(jsonrpc::Error { code, message: error.into(), data: None })
    }

    fn spawn_settings_request(&self) {
        let shared = self.shared.clone();
        tokio::spawn(async move {
            let item = lsp::ConfigurationItem { scope_uri: None, section: Some("nianbao".to_string()) };
            let reply = tokio::time::timeout(CLIENT_REQUEST_TIMEOUT, shared.client.configuration(vec![item])).await;
            if let Ok(Ok(mut values)) = reply
                && let Some(v) = values.pop()
                && !v.is_null()
            {
                shared.settings.lock().unwrap_or_else(|e| e.into_inner()).set_editor(Some(v));
                shared.settings_changed().await;
            }
            shared.settings_known.send_replace(true);
        });
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocumentTextParams {
    text_document: lsp::TextDocumentIdentifier,
    /// Also return the syntax tree as an S-expression (`syntax::to_sexp`), for tests that
    /// compare the incrementally edited tree with a fresh parse.
    #[serde(default)]
    tree: bool,
}

impl Shared {
    /// The configuration, and a generation that changes whenever an analysis may be stale
    /// without its document changing: new settings, or a changed report file in the workspace.
    fn config(&self) -> (Arc<Config>, u64) {
        let s = self.settings.lock().unwrap_or_else(|e| e.into_inner());
        let ws = self.workspace.lock().unwrap_or_else(|e| e.into_inner()).generation;
        (s.config(), (s.generation << 32) + ws)
    }

    fn session(&self) -> Session {
        *self.session.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs the checker on a blocking thread; stores the result if the document is still at
    /// `version` under `generation`.
    async fn analyze(self: &Arc<Self>, uri: &Uri, version: i32, generation: u64, file: Arc<SourceFile>, config: Arc<Config>) -> Option<Arc<Analysis>> {
        let shared = self.clone();
        let this = uri.clone();
        // The last analysis of this document, whatever its version: its model is reused where
        // the syntax tree did not change.
        let earlier = self.docs.get(uri).and_then(|d| d.analysis.as_ref().map(|c| c.analysis.clone()));
        let result = tokio::task::spawn_blocking(move || {
            guard("the checker", || {
                crate::analysis::reanalyze(&file, &config, earlier.as_deref(), |report| shared.last_year(&this, report))
            })
        })
        .await;
        let analysis = match result {
            Ok(Ok(a)) => Arc::new(a),
            Ok(Err(msg)) => {
                self.client.log_message(lsp::MessageType::ERROR, msg).await;
                return None;
            }
            Err(e) => {
                self.client.log_message(lsp::MessageType::ERROR, format!("nianbao: checker task failed: {e}")).await;
                return None;
            }
        };
        let key = report_key(&analysis.report);
        let mut key_changed = false;
        if let Some(mut doc) = self.docs.get_mut(uri)
            && doc.version == version
        {
            doc.analysis = Some(document::Cached { version, generation, analysis: analysis.clone() });
            key_changed = doc.key != key;
            doc.key = key.clone();
        }
        // This report may be last year's report of another open one: check that one again.
        if let Some((body, year)) = key {
            for mut other in self.docs.iter_mut() {
                let next_year = other.key.as_ref().is_some_and(|(b, y)| *b == body && *y == year + 1);
                if other.key() != uri && (next_year || key_changed) && other.analysis.is_some() {
                    other.analysis = None;
                    other.published = None;
                    let _ = self.jobs.send(Job::Check(other.key().clone()));
                }
            }
        }
        Some(analysis)
    }

    /// The same body's report on the year before `report`'s: an open document first (its live
    /// text), else a report file of the workspace (parsed once, cached).
    fn last_year(&self, uri: &Uri, report: &crate::model::Report) -> Option<Arc<crate::rules::continuity::Previous>> {
        let (body, year) = report_key(report)?;
        for doc in self.docs.iter() {
            if doc.key() != uri && doc.key.as_ref().is_some_and(|(b, y)| *b == body && *y == year - 1) {
                return Some(Arc::new(crate::rules::continuity::Previous::new(doc.key().as_str(), doc.file.clone())));
            }
        }
        let this_path = uri.to_file_path().map(|p| p.into_owned());
        let previous = self.workspace.lock().unwrap_or_else(|e| e.into_inner()).find(&body, year, this_path.as_deref())?;
        // An open document's text wins over its file on disk.
        let open = self.docs.iter().any(|d| d.key().to_file_path().is_some_and(|p| p.display().to_string() == previous.name));
        (!open).then_some(previous)
    }

    /// Checks one document and pushes its diagnostics, unless it changed meanwhile (a newer job
    /// is then queued) or they were already published.
    async fn check(self: &Arc<Self>, uri: Uri) {
        let (config, generation) = self.config();
        let Some((version, file, cached)) = self.docs.get(&uri).map(|d| (d.version, d.file.clone(), d.current_analysis(generation)))
        else {
            return;
        };
        let analysis = match cached {
            Some(a) => a,
            None => match self.analyze(&uri, version, generation, file.clone(), config.clone()).await {
                Some(a) => a,
                None => return,
            },
        };
        let session = self.session();
        if session.pull {
            return;
        }
        {
            let Some(mut doc) = self.docs.get_mut(&uri) else { return };
            if doc.version != version || doc.published == Some((version, generation)) {
                return;
            }
            doc.published = Some((version, generation));
        }
        let diagnostics = guard("diagnostics", || {
            analysis.diagnostics.iter().map(|d| convert::diagnostic(&file, &uri, d, session.enc, analysis.previous.as_deref())).collect::<Vec<_>>()
        });
        match diagnostics {
            Ok(diagnostics) => self.client.publish_diagnostics(uri, diagnostics, Some(version)).await,
            Err(msg) => self.client.log_message(lsp::MessageType::ERROR, msg).await,
        }
    }

    /// Recomputes the configuration, tells the user about bad settings, re-checks every open
    /// document and asks pull clients to refresh.
    async fn settings_changed(self: &Arc<Self>) {
        let errors = self.settings.lock().unwrap_or_else(|e| e.into_inner()).rebuild(settings::today());
        for e in errors {
            self.client.show_message(lsp::MessageType::WARNING, format!("nianbao: {e}")).await;
        }
        let _ = self.jobs.send(Job::CheckAll);
        let session = self.session();
        let shared = self.clone();
        tokio::spawn(async move {
            let c = &shared.client;
            if session.pull && session.diagnostic_refresh {
                let _ = tokio::time::timeout(CLIENT_REQUEST_TIMEOUT, c.workspace_diagnostic_refresh()).await;
            }
            if session.semantic_refresh {
                let _ = tokio::time::timeout(CLIENT_REQUEST_TIMEOUT, c.semantic_tokens_refresh()).await;
            }
            if session.inlay_refresh {
                let _ = tokio::time::timeout(CLIENT_REQUEST_TIMEOUT, c.inlay_hint_refresh()).await;
            }
        });
    }
}

/// The diagnostics worker: takes every queued job at once (coalescing bursts), notices changes
/// of `nianbao.toml`, and checks each document named.
/// How long the first check waits for the editor's settings.
const SETTINGS_WAIT: Duration = Duration::from_millis(1500);

async fn worker(shared: Arc<Shared>, mut rx: mpsc::UnboundedReceiver<Job>) {
    let mut known = shared.settings_known.subscribe();
    let mut waited = false;
    while let Some(first) = rx.recv().await {
        if !waited {
            // Once: the editor's settings first (see `Shared::settings_known`).
            let _ = tokio::time::timeout(SETTINGS_WAIT, known.wait_for(|k| *k)).await;
            waited = true;
        }
        let mut uris: Vec<Uri> = Vec::new();
        let mut all = false;
        let mut take = |job: Job, uris: &mut Vec<Uri>| match job {
            Job::Check(u) => {
                if !uris.contains(&u) {
                    uris.push(u)
                }
            }
            Job::CheckAll => all = true,
        };
        take(first, &mut uris);
        while let Ok(job) = rx.try_recv() {
            take(job, &mut uris);
        }
        let toml_changed = guard("reading nianbao.toml", || {
            shared.settings.lock().unwrap_or_else(|e| e.into_inner()).reload_toml(false)
        })
        .unwrap_or(false);
        if toml_changed {
            shared.settings_changed().await;
            all = true;
        }
        if all {
            for entry in shared.docs.iter() {
                if !uris.contains(entry.key()) {
                    uris.push(entry.key().clone());
                }
            }
        }
        for uri in uris {
            shared.check(uri).await;
        }
    }
}

fn encoding_from(params: &lsp::InitializeParams) -> PositionEncoding {
    let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&lsp::PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
        _ => PositionEncoding::Utf16,
    }
}

fn session_from(params: &lsp::InitializeParams) -> Session {
    let caps = &params.capabilities;
    let ws = caps.workspace.as_ref();
    let td = caps.text_document.as_ref();
    let edit = ws.and_then(|w| w.workspace_edit.as_ref());
    Session {
        enc: encoding_from(params),
        pull: td.is_some_and(|t| t.diagnostic.is_some()),
        diagnostic_refresh: ws.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false),
        semantic_refresh: ws.and_then(|w| w.semantic_tokens.as_ref()).and_then(|s| s.refresh_support).unwrap_or(false),
        inlay_refresh: ws.and_then(|w| w.inlay_hint.as_ref()).and_then(|s| s.refresh_support).unwrap_or(false),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        watch_files: ws.and_then(|w| w.did_change_watched_files.as_ref()).and_then(|d| d.dynamic_registration).unwrap_or(false),
        document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
        create_files: edit
            .and_then(|e| e.resource_operations.as_ref())
            .is_some_and(|ops| ops.contains(&lsp::ResourceOperationKind::Create)),
        had_init_options: params.initialization_options.as_ref().is_some_and(|v| !v.is_null()),
    }
}

fn capabilities(enc: PositionEncoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(convert::encoding_kind(enc)),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
            save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(ide::completion::TRIGGER_CHARACTERS.iter().map(|s| s.to_string()).collect()),
            ..Default::default()
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX, lsp::CodeActionKind::new(FIX_ALL_KIND)]),
            ..Default::default()
        })),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(lsp::SelectionRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(lsp::SemanticTokensOptions {
            legend: semantic::legend(),
            full: Some(lsp::SemanticTokensFullOptions::Delta { delta: Some(true) }),
            range: Some(false),
            ..Default::default()
        })),
        inlay_hint_provider: Some(lsp::OneOf::Left(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        document_range_formatting_provider: Some(lsp::OneOf::Left(true)),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![NEW_REPORT_COMMAND.to_string()],
            ..Default::default()
        }),
        diagnostic_provider: Some(lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
            identifier: Some("nianbao".to_string()),
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            ..Default::default()
        })),
        ..Default::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        let session = session_from(&params);
        *self.shared.session.write().unwrap_or_else(|e| e.into_inner()) = session;
        let errors = {
            let mut s = self.shared.settings.lock().unwrap_or_else(|e| e.into_inner());
            s.root = settings::root_from(&params);
            s.client_locale = params.locale.as_deref().map(Locale::from_tag);
            s.set_editor(params.initialization_options.clone());
            s.reload_toml(true);
            s.rebuild(settings::today())
        };
        let mut roots: Vec<std::path::PathBuf> =
            params.workspace_folders.iter().flatten().filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned())).collect();
        if roots.is_empty()
            && let Some(root) = settings::root_from(&params)
        {
            roots.push(root);
        }
        self.shared.workspace.lock().unwrap_or_else(|e| e.into_inner()).set_roots(roots);
        for e in errors {
            self.shared.client.show_message(lsp::MessageType::WARNING, format!("nianbao: {e}")).await;
        }
        Ok(lsp::InitializeResult {
            capabilities: capabilities(session.enc),
            server_info: Some(lsp::ServerInfo { name: "nianbao".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) }),
            ..Default::default()
        })
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        let session = self.session();
        // List the workspace's report files (read lazily, when a report looks for last year's).
        let shared = self.shared.clone();
        tokio::spawn(async move {
            let ws = shared.workspace.clone();
            let scanned = tokio::task::spawn_blocking(move || ws.lock().unwrap_or_else(|e| e.into_inner()).scan()).await;
            if scanned.is_ok() {
                shared.workspace.lock().unwrap_or_else(|e| e.into_inner()).generation += 1;
                let _ = shared.jobs.send(Job::CheckAll);
            }
        });
        if session.watch_files {
            let shared = self.shared.clone();
            tokio::spawn(async move {
                let options = lsp::DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![
                        lsp::FileSystemWatcher {
                            glob_pattern: lsp::GlobPattern::String(format!("**/{}", settings::CONFIG_FILE)),
                            kind: None,
                        },
                        // Report files: last year's report may change on disk.
                        lsp::FileSystemWatcher { glob_pattern: lsp::GlobPattern::String("**/*.{txt,nianbao}".to_string()), kind: None },
                    ],
                };
                let registration = lsp::Registration {
                    id: "nianbao-config-watch".to_string(),
                    method: "workspace/didChangeWatchedFiles".to_string(),
                    register_options: serde_json::to_value(options).ok(),
                };
                let _ = tokio::time::timeout(CLIENT_REQUEST_TIMEOUT, shared.client.register_capability(vec![registration])).await;
            });
        }
        if session.configuration && !session.had_init_options {
            self.spawn_settings_request();
        } else {
            self.shared.settings_known.send_replace(true);
        }
        let enc = match session.enc {
            PositionEncoding::Utf8 => "utf-8",
            PositionEncoding::Utf16 => "utf-16",
            PositionEncoding::Utf32 => "utf-32",
        };
        let diagnostics = if session.pull { "pull" } else { "push" };
        self.shared
            .client
            .log_message(
                lsp::MessageType::INFO,
                format!("nianbao {} ready (positions {enc}, diagnostics {diagnostics})", env!("CARGO_PKG_VERSION")),
            )
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let result = guard("didOpen", || Document::new(doc.text, doc.version));
        match result {
            Ok(d) => {
                self.shared.docs.insert(doc.uri.clone(), d);
                let _ = self.shared.jobs.send(Job::Check(doc.uri));
            }
            Err(msg) => self.shared.client.log_message(lsp::MessageType::ERROR, msg).await,
        }
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        let enc = self.session().enc;
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        // All of this runs before the first `.await`: changes apply in arrival order.
        let outcome = guard("didChange", || {
            let Some(mut doc) = self.shared.docs.get_mut(&uri) else {
                return Err(format!("nianbao: didChange for a document that is not open: {}", uri.as_str()));
            };
            let old = doc.version;
            for change in &params.content_changes {
                doc.apply_change(change, enc);
            }
            doc.version = version;
            Ok(old)
        });
        let message = match outcome {
            Ok(Ok(old)) if version <= old => Some((
                lsp::MessageType::WARNING,
                format!("nianbao: version went from {old} to {version} for {}", uri.as_str()),
            )),
            Ok(Ok(_)) => None,
            Ok(Err(msg)) => Some((lsp::MessageType::WARNING, msg)),
            Err(msg) => {
                // Rebuild the line index and the tree from the text.
                if let Some(mut doc) = self.shared.docs.get_mut(&uri) {
                    doc.resync();
                    doc.version = version;
                }
                Some((lsp::MessageType::ERROR, msg))
            }
        };
        let _ = self.shared.jobs.send(Job::Check(uri));
        if let Some((kind, msg)) = message {
            self.shared.client.log_message(kind, msg).await;
        }
    }

    async fn did_save(&self, _: lsp::DidSaveTextDocumentParams) {
        // A saved nianbao.toml (if the client sends it) is noticed by the worker's stat.
        let _ = self.shared.jobs.send(Job::CheckAll);
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let removed = self.shared.docs.remove(&params.text_document.uri).is_some();
        if removed && !self.session().pull {
            self.shared.client.publish_diagnostics(params.text_document.uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        let empty = match &params.settings {
            Value::Null => true,
            Value::Object(m) => m.is_empty(),
            _ => false,
        };
        if empty && self.session().configuration {
            self.spawn_settings_request();
            return;
        }
        self.shared.settings.lock().unwrap_or_else(|e| e.into_inner()).set_editor(Some(params.settings));
        self.shared.settings_changed().await;
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        let mut reports_changed = false;
        {
            let mut ws = self.shared.workspace.lock().unwrap_or_else(|e| e.into_inner());
            for change in &params.changes {
                if let Some(path) = change.uri.to_file_path()
                    && path.extension().is_some_and(|e| e == "txt" || e == "nianbao")
                {
                    ws.changed(&path, change.typ == lsp::FileChangeType::DELETED);
                    reports_changed = true;
                }
            }
        }
        let changed = self.shared.settings.lock().unwrap_or_else(|e| e.into_inner()).reload_toml(true);
        if changed {
            self.shared.settings_changed().await;
        } else if reports_changed {
            let _ = self.shared.jobs.send(Job::CheckAll);
        }
    }

    async fn diagnostic(&self, params: lsp::DocumentDiagnosticParams) -> Result<lsp::DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let Some(snap) = self.snapshot(&uri, true).await else {
            // Not open (or closed meanwhile): nothing to report.
            return Ok(lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
                lsp::RelatedFullDocumentDiagnosticReport::default(),
            )));
        };
        let generation = self.shared.config().1;
        let result_id = format!("{}-{generation}", snap.version);
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) && snap.analysis.is_some() {
            return Ok(lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Unchanged(
                lsp::RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport { result_id },
                },
            )));
        }
        let items = self
            .run("textDocument/diagnostic", || {
                snap.analysis
                    .as_ref()
                    .map(|a| a.diagnostics.iter().map(|d| convert::diagnostic(&snap.file, &snap.uri, d, snap.enc, a.previous.as_deref())).collect())
                    .unwrap_or_default()
            })
            .await?;
        Ok(lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
            lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport { result_id: Some(result_id), items },
            },
        )))
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let p = params.text_document_position_params;
        let Some(snap) = self.snapshot(&p.text_document.uri, true).await else { return Ok(None) };
        self.run("hover", || {
            let offset = convert::offset(&snap.file, p.position, snap.enc);
            ide::hover::hover(&snap.file, snap.analysis.as_deref(), offset, snap.config.locale).map(|h| lsp::Hover {
                contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: h.markdown }),
                range: Some(convert::range(&snap.file, h.range, snap.enc)),
            })
        })
        .await
    }

    async fn code_action(&self, params: lsp::CodeActionParams) -> Result<Option<lsp::CodeActionResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, true).await else { return Ok(None) };
        let Some(analysis) = snap.analysis.clone() else { return Ok(None) };
        let session = self.session();
        let config_path = {
            let s = self.shared.settings.lock().unwrap_or_else(|e| e.into_inner());
            s.config_path()
        }
        .or_else(|| {
            let path = snap.uri.to_file_path()?;
            Some(path.parent()?.join(settings::CONFIG_FILE))
        });
        self.run("codeAction", || {
            let wanted = match &params.context.only {
                None => ide::actions::Wanted::default(),
                Some(kinds) => ide::actions::Wanted {
                    quickfix: kinds.iter().any(|k| lsp::CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str())),
                    fix_all: kinds.iter().any(|k| FIX_ALL_KIND.starts_with(k.as_str())),
                },
            };
            let range = convert::byte_range(&snap.file, params.range, snap.enc);
            let actions = ide::actions::code_actions(&snap.file, &analysis, range, wanted, snap.config.locale);
            let mut out: Vec<lsp::CodeActionOrCommand> = Vec::new();
            for a in actions {
                let diagnostics: Vec<lsp::Diagnostic> = a
                    .diagnostics
                    .iter()
                    .filter_map(|&i| analysis.diagnostics.get(i))
                    .map(|d| convert::diagnostic(&snap.file, &snap.uri, d, snap.enc, analysis.previous.as_deref()))
                    .collect();
                let (kind, edit) = match &a.kind {
                    ide::actions::ActionKind::RuleOffInConfig { code } => {
                        let Some(path) = &config_path else { continue };
                        let Some(edit) = config_edit(path, code, session) else { continue };
                        (lsp::CodeActionKind::QUICKFIX, edit)
                    }
                    kind => {
                        let edits: Vec<lsp::TextEdit> = a.edits.iter().map(|e| convert::text_edit(&snap.file, e, snap.enc)).collect();
                        let kind = match kind {
                            ide::actions::ActionKind::FixAll => lsp::CodeActionKind::new(FIX_ALL_KIND),
                            _ => lsp::CodeActionKind::QUICKFIX,
                        };
                        let mut changes = std::collections::HashMap::new();
                        changes.insert(snap.uri.clone(), edits);
                        (kind, lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() })
                    }
                };
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: a.title,
                    kind: Some(kind),
                    diagnostics: if diagnostics.is_empty() { None } else { Some(diagnostics) },
                    edit: Some(edit),
                    is_preferred: a.preferred.then_some(true),
                    ..Default::default()
                }));
            }
            Some(out)
        })
        .await
    }

    async fn document_symbol(&self, params: lsp::DocumentSymbolParams) -> Result<Option<lsp::DocumentSymbolResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, false).await else { return Ok(None) };
        self.run("documentSymbol", || {
            let symbols = ide::symbols::document_symbols(&snap.file);
            Some(lsp::DocumentSymbolResponse::Nested(symbols.iter().map(|s| symbol(&snap.file, s, snap.enc)).collect()))
        })
        .await
    }

    async fn folding_range(&self, params: lsp::FoldingRangeParams) -> Result<Option<Vec<lsp::FoldingRange>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, false).await else { return Ok(None) };
        self.run("foldingRange", || {
            let folds = ide::folding::folding_ranges(&snap.file);
            let index = snap.file.line_index();
            Some(
                folds
                    .into_iter()
                    .filter_map(|f| {
                        let start = index.line_of(f.range.start) as u32;
                        let end = index.line_of(f.range.end.saturating_sub(1).max(f.range.start)) as u32;
                        (end > start).then(|| lsp::FoldingRange {
                            start_line: start,
                            end_line: end,
                            kind: Some(match f.kind {
                                ide::folding::FoldKind::Comment => lsp::FoldingRangeKind::Comment,
                                ide::folding::FoldKind::Region => lsp::FoldingRangeKind::Region,
                            }),
                            ..Default::default()
                        })
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn selection_range(&self, params: lsp::SelectionRangeParams) -> Result<Option<Vec<lsp::SelectionRange>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, false).await else { return Ok(None) };
        self.run("selectionRange", || {
            Some(
                params
                    .positions
                    .iter()
                    .map(|p| {
                        let offset = convert::offset(&snap.file, *p, snap.enc);
                        let ranges = ide::selection::selection_ranges(&snap.file, offset);
                        let mut parent: Option<lsp::SelectionRange> = None;
                        for r in ranges.into_iter().rev() {
                            parent = Some(lsp::SelectionRange {
                                range: convert::range(&snap.file, r, snap.enc),
                                parent: parent.map(Box::new),
                            });
                        }
                        parent.unwrap_or(lsp::SelectionRange { range: lsp::Range::new(*p, *p), parent: None })
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn semantic_tokens_full(&self, params: lsp::SemanticTokensParams) -> Result<Option<lsp::SemanticTokensResult>> {
        let uri = params.text_document.uri;
        let Some((id, data)) = self.tokens(&uri).await? else { return Ok(None) };
        Ok(Some(lsp::SemanticTokensResult::Tokens(lsp::SemanticTokens { result_id: Some(id), data })))
    }

    async fn semantic_tokens_full_delta(&self, params: lsp::SemanticTokensDeltaParams) -> Result<Option<lsp::SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let previous = self.shared.docs.get(&uri).and_then(|d| d.tokens.clone());
        let Some((id, data)) = self.tokens(&uri).await? else { return Ok(None) };
        match previous {
            Some((prev_id, prev)) if prev_id == params.previous_result_id => {
                let edits = semantic::delta(&prev, &data);
                Ok(Some(lsp::SemanticTokensFullDeltaResult::TokensDelta(lsp::SemanticTokensDelta { result_id: Some(id), edits })))
            }
            _ => Ok(Some(lsp::SemanticTokensFullDeltaResult::Tokens(lsp::SemanticTokens { result_id: Some(id), data }))),
        }
    }

    async fn inlay_hint(&self, params: lsp::InlayHintParams) -> Result<Option<Vec<lsp::InlayHint>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, true).await else { return Ok(None) };
        let Some(analysis) = snap.analysis.clone() else { return Ok(None) };
        self.run("inlayHint", || {
            let range = convert::byte_range(&snap.file, params.range, snap.enc);
            Some(
                ide::inlay::inlay_hints(&analysis)
                    .into_iter()
                    .filter(|(at, _)| range.start <= *at && *at <= range.end)
                    .map(|(at, label)| lsp::InlayHint {
                        position: convert::position(&snap.file, at, snap.enc),
                        label: lsp::InlayHintLabel::String(label),
                        kind: None,
                        text_edits: None,
                        tooltip: None,
                        padding_left: Some(true),
                        padding_right: None,
                        data: None,
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn completion(&self, params: lsp::CompletionParams) -> Result<Option<lsp::CompletionResponse>> {
        let p = params.text_document_position;
        let Some(snap) = self.snapshot(&p.text_document.uri, false).await else { return Ok(None) };
        self.run("completion", || {
            let offset = convert::offset(&snap.file, p.position, snap.enc);
            let items = ide::completion::completions(&snap.file, offset, snap.config.locale);
            if items.is_empty() {
                return None;
            }
            Some(lsp::CompletionResponse::Array(items.into_iter().map(|c| completion_item(&snap.file, c, snap.enc)).collect()))
        })
        .await
    }

    async fn formatting(&self, params: lsp::DocumentFormattingParams) -> Result<Option<Vec<lsp::TextEdit>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, false).await else { return Ok(None) };
        self.run("formatting", || {
            Some(ide::format::format(&snap.file, None).iter().map(|e| convert::text_edit(&snap.file, e, snap.enc)).collect())
        })
        .await
    }

    async fn range_formatting(&self, params: lsp::DocumentRangeFormattingParams) -> Result<Option<Vec<lsp::TextEdit>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, false).await else { return Ok(None) };
        self.run("rangeFormatting", || {
            let range = convert::byte_range(&snap.file, params.range, snap.enc);
            Some(ide::format::format(&snap.file, Some(range)).iter().map(|e| convert::text_edit(&snap.file, e, snap.enc)).collect())
        })
        .await
    }

    async fn execute_command(&self, params: lsp::ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command != NEW_REPORT_COMMAND {
            return Err(jsonrpc::Error::invalid_params(format!("unknown command `{}`", params.command)));
        }
        let year = params.arguments.first().and_then(|v| match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            Value::Object(m) => m.get("year").and_then(|y| y.as_i64().or_else(|| y.as_str()?.trim().parse().ok())),
            _ => None,
        });
        let Some(year) = year.filter(|y| (1990..=2100).contains(y)).map(|y| y as i32) else {
            return Err(jsonrpc::Error::invalid_params("nianbao.newReport: expected the report year (e.g. 2025) as the first argument"));
        };
        let (config, _) = self.shared.config();
        let text = self.run("newReport", || ide::templates::new_report(year, config.today)).await?;
        // With a document URI as second argument, the template replaces that document's text.
        let target = params.arguments.get(1).and_then(|v| v.as_str().or_else(|| v.get("uri")?.as_str())).and_then(|s| s.parse::<Uri>().ok());
        if let Some(uri) = target {
            let enc = self.session().enc;
            let range = self.shared.docs.get(&uri).map(|d| convert::full_range(&d.file, enc));
            let range = range.unwrap_or_else(|| lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 0)));
            let mut changes = std::collections::HashMap::new();
            changes.insert(uri, vec![lsp::TextEdit { range, new_text: text.clone() }]);
            let shared = self.shared.clone();
            tokio::spawn(async move {
                let edit = lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() };
                let _ = tokio::time::timeout(CLIENT_REQUEST_TIMEOUT, shared.client.apply_edit(edit)).await;
            });
        }
        Ok(Some(Value::String(text)))
    }
}

impl Backend {
    /// Computes the semantic tokens of a document and remembers them for the next delta.
    async fn tokens(&self, uri: &Uri) -> Result<Option<(String, Vec<lsp::SemanticToken>)>> {
        let Some(snap) = self.snapshot(uri, true).await else { return Ok(None) };
        let data = self
            .run("semanticTokens", || {
                let tokens = ide::semantic_tokens::semantic_tokens(&snap.file, snap.analysis.as_deref());
                semantic::encode(&snap.file, &tokens, snap.enc)
            })
            .await?;
        let id = self.shared.token_ids.fetch_add(1, Ordering::SeqCst).to_string();
        if let Some(mut doc) = self.shared.docs.get_mut(uri)
            && doc.version == snap.version
        {
            doc.tokens = Some((id.clone(), Arc::new(semantic::Sent::of(&data))));
        }
        Ok(Some((id, data)))
    }
}

fn symbol(file: &SourceFile, s: &ide::symbols::Symbol, enc: PositionEncoding) -> lsp::DocumentSymbol {
    use ide::symbols::SymbolKind as K;
    #[allow(deprecated)]
    lsp::DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: match s.kind {
            K::Title => lsp::SymbolKind::FILE,
            K::Section => lsp::SymbolKind::MODULE,
            K::Subsection => lsp::SymbolKind::NAMESPACE,
            K::Heading => lsp::SymbolKind::STRING,
            K::Table => lsp::SymbolKind::STRUCT,
            K::Signature => lsp::SymbolKind::KEY,
        },
        tags: None,
        deprecated: None,
        range: convert::range(file, s.range.clone(), enc),
        selection_range: convert::range(file, s.selection.clone(), enc),
        children: if s.children.is_empty() { None } else { Some(s.children.iter().map(|c| symbol(file, c, enc)).collect()) },
    }
}

fn completion_item(file: &SourceFile, c: ide::completion::Completion, enc: PositionEncoding) -> lsp::CompletionItem {
    use ide::completion::CompletionKind as K;
    lsp::CompletionItem {
        label: c.label.clone(),
        kind: Some(match c.kind {
            K::SectionHeading => lsp::CompletionItemKind::MODULE,
            K::Table => lsp::CompletionItemKind::SNIPPET,
            K::RowLabel => lsp::CompletionItemKind::FIELD,
            K::ClauseRef => lsp::CompletionItemKind::REFERENCE,
        }),
        detail: c.detail,
        documentation: c
            .documentation
            .map(|d| lsp::Documentation::MarkupContent(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: d })),
        sort_text: Some(c.sort),
        filter_text: Some(c.label),
        preselect: c.preselect.then_some(true),
        insert_text_format: Some(lsp::InsertTextFormat::PLAIN_TEXT),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit { range: convert::range(file, c.replace, enc), new_text: c.insert })),
        ..Default::default()
    }
}

/// The edit that sets `code = "off"` in `nianbao.toml` at `path`: an edit of the existing file,
/// or its creation when the client can create files.
fn config_edit(path: &std::path::Path, code: &str, session: Session) -> Option<lsp::WorkspaceEdit> {
    let uri = Uri::from_file_path(path)?;
    let existing = std::fs::read_to_string(path).ok();
    let new_text = ide::actions::rule_off_in_toml(existing.as_deref(), code).ok()?;
    match existing {
        Some(old) => {
            let file = SourceFile::parse(old);
            let edit = lsp::TextEdit { range: convert::full_range(&file, session.enc), new_text };
            if session.document_changes {
                Some(lsp::WorkspaceEdit {
                    document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                        text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version: None },
                        edits: vec![lsp::OneOf::Left(edit)],
                    }])),
                    ..Default::default()
                })
            } else {
                let mut changes = std::collections::HashMap::new();
                changes.insert(uri, vec![edit]);
                Some(lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() })
            }
        }
        None if session.document_changes && session.create_files => Some(lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(vec![
                lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
                    uri: uri.clone(),
                    options: Some(lsp::CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
                    annotation_id: None,
                })),
                lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                    text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version: None },
                    edits: vec![lsp::OneOf::Left(lsp::TextEdit {
                        range: lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 0)),
                        new_text,
                    })],
                }),
            ])),
            ..Default::default()
        }),
        None => None,
    }
}

/// (body, year) of a report, for pairing it with last year's.
fn report_key(report: &crate::model::Report) -> Option<(String, i32)> {
    Some((crate::rules::continuity::body_key(report)?, report.year.as_ref()?.value))
}
