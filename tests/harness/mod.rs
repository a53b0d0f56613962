//! A small LSP client for end-to-end tests: starts the real `nianbao lsp` binary, speaks
//! JSON-RPC over its stdin/stdout, and never hangs — every wait has a timeout, and the child is
//! killed when the client is dropped.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any single wait may take.
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests received and not yet consumed, in order.
    pub inbox: Vec<Value>,
    /// Every `textDocument/publishDiagnostics` received, in order.
    pub published: Vec<Value>,
    /// Every `window/logMessage` and `window/showMessage` received.
    pub messages: Vec<Value>,
    /// Every `workspace/applyEdit` the server asked for.
    pub applied_edits: Vec<Value>,
    /// The position encoding the server chose.
    pub encoding: String,
    pub capabilities: Value,
}

/// The binary under test.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_nianbao"))
}

/// Client capabilities: `encodings` offered in `general.positionEncodings` (none: omitted), and
/// pull diagnostics when `pull`.
pub fn capabilities(encodings: &[&str], pull: bool) -> Value {
    let mut caps = json!({
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] },
            "configuration": false,
            "didChangeConfiguration": { "dynamicRegistration": false },
        },
        "textDocument": {
            "synchronization": { "didSave": true },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true, "codeDescriptionSupport": true },
            "semanticTokens": {
                "requests": { "full": { "delta": true } },
                "tokenTypes": [], "tokenModifiers": [], "formats": ["relative"]
            },
            "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix", "source", "source.fixAll"] } } }
        }
    });
    if !encodings.is_empty() {
        caps["general"] = json!({ "positionEncodings": encodings });
    }
    if pull {
        caps["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
    }
    caps
}

impl Client {
    /// Starts the server without initializing it.
    pub fn spawn(envs: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(binary());
        // NIANBAO_TEST_STDERR=1 shows the server's stderr (panics, traces) in the test output.
        let stderr = if std::env::var_os("NIANBAO_TEST_STDERR").is_some() { Stdio::inherit() } else { Stdio::null() };
        cmd.arg("lsp").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(stderr);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start nianbao lsp");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        length = v.trim().parse::<usize>().ok();
                    }
                }
                let Some(n) = length else { return };
                let mut body = vec![0; n];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                match serde_json::from_slice::<Value>(&body) {
                    Ok(v) => {
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                    Err(e) => panic!("server sent invalid JSON: {e}: {}", String::from_utf8_lossy(&body)),
                }
            }
        });
        Client {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
            inbox: Vec::new(),
            published: Vec::new(),
            messages: Vec::new(),
            applied_edits: Vec::new(),
            encoding: String::new(),
            capabilities: Value::Null,
        }
    }

    /// Starts and initializes the server.
    pub fn start(capabilities: Value, initialization_options: Value, root: Option<&Path>) -> Client {
        Client::start_with(capabilities, initialization_options, root, None, &[])
    }

    pub fn start_with(
        capabilities: Value,
        initialization_options: Value,
        root: Option<&Path>,
        locale: Option<&str>,
        envs: &[(&str, &str)],
    ) -> Client {
        let mut c = Client::spawn(envs);
        let root_uri = root.map(file_uri);
        let mut params = json!({
            "processId": std::process::id(),
            "clientInfo": { "name": "nianbao-test-harness" },
            "capabilities": capabilities,
            "initializationOptions": initialization_options,
            "rootUri": root_uri,
        });
        if let Some(root) = root {
            params["workspaceFolders"] = json!([{ "uri": file_uri(root), "name": "root" }]);
        }
        if let Some(l) = locale {
            params["locale"] = json!(l);
        }
        let result = c.request("initialize", params).expect("initialize succeeds");
        c.encoding = result["capabilities"]["positionEncoding"].as_str().unwrap_or("utf-16").to_string();
        c.capabilities = result["capabilities"].clone();
        c.notify("initialized", json!({}));
        c
    }

    fn write(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        stdin.write_all(header.as_bytes()).and_then(|_| stdin.write_all(body)).and_then(|_| stdin.flush()).expect("write to server");
    }

    /// Sends raw bytes as one message body (for malformed-input tests).
    pub fn send_raw(&mut self, body: &str) {
        self.write(body.as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.write(msg.to_string().as_bytes());
    }

    /// Sends a request and returns its id (the response is collected by [`Client::response`]).
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.write(msg.to_string().as_bytes());
        id
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Waits for the response to request `id`.
    pub fn response(&mut self, id: i64) -> Result<Value, Value> {
        let deadline = Instant::now() + TIMEOUT;
        if let Some(i) = self.inbox.iter().position(|m| m.get("method").is_none() && m["id"] == json!(id)) {
            let msg = self.inbox.remove(i);
            return match msg.get("error") {
                Some(e) => Err(e.clone()),
                None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
            };
        }
        loop {
            let Some(msg) = self.next_message(deadline) else {
                if std::env::var_os("NIANBAO_TEST_HANG_WAIT").is_some() {
                    let _ = std::fs::write("/tmp/nianbao-hang.pid", self.child.id().to_string());
                    std::thread::sleep(Duration::from_secs(60));
                }
                panic!("no response to request {id} within {TIMEOUT:?}");
            };
            if msg.get("method").is_none() && msg["id"] == json!(id) {
                return match msg.get("error") {
                    Some(e) => Err(e.clone()),
                    None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
                };
            }
            if msg.get("method").is_none() {
                // A response to something else (e.g. id null for a parse error).
                self.inbox.push(msg);
            }
        }
    }

    /// Waits for a response whose id is `null` (the answer to a message that could not be parsed).
    pub fn wait_for_response_with_null_id(&mut self) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(i) = self.inbox.iter().position(|m| m.get("method").is_none() && m["id"].is_null()) {
                return self.inbox.remove(i);
            }
            let msg = self.next_message(deadline).unwrap_or_else(|| panic!("no response with id null within {TIMEOUT:?}"));
            if msg.get("method").is_none() {
                self.inbox.push(msg);
            }
        }
    }

    /// Reads the next message, answering server requests and recording notifications.
    fn next_message(&mut self, deadline: Instant) -> Option<Value> {
        let now = Instant::now();
        let wait = deadline.checked_duration_since(now)?;
        let msg = match self.incoming.recv_timeout(wait) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => return None,
        };
        if let Some(method) = msg.get("method").and_then(Value::as_str) {
            if msg.get("id").is_some() {
                // A request from the server: answer it at once.
                let result = match method {
                    "workspace/configuration" => json!([null]),
                    "workspace/applyEdit" => {
                        self.applied_edits.push(msg["params"].clone());
                        json!({ "applied": true })
                    }
                    _ => Value::Null,
                };
                let reply = json!({ "jsonrpc": "2.0", "id": msg["id"], "result": result });
                self.write(reply.to_string().as_bytes());
            } else {
                match method {
                    "textDocument/publishDiagnostics" => self.published.push(msg["params"].clone()),
                    "window/logMessage" | "window/showMessage" => self.messages.push(msg["params"].clone()),
                    _ => {}
                }
            }
            self.inbox.push(msg.clone());
        }
        Some(msg)
    }

    /// Processes incoming messages for `d` (to collect notifications).
    pub fn pump(&mut self, d: Duration) {
        let deadline = Instant::now() + d;
        while let Some(msg) = self.next_message(deadline) {
            if msg.get("method").is_none() {
                self.inbox.push(msg); // a response nobody waits for yet
            }
        }
    }

    /// Waits for a notification `method` whose params satisfy `pred`; returns its params.
    pub fn wait_for(&mut self, method: &str, mut pred: impl FnMut(&Value) -> bool) -> Value {
        self.try_wait_for(method, TIMEOUT, &mut pred).unwrap_or_else(|| panic!("no {method} matching within {TIMEOUT:?}"))
    }

    pub fn try_wait_for(&mut self, method: &str, timeout: Duration, pred: &mut impl FnMut(&Value) -> bool) -> Option<Value> {
        // Already received?
        if let Some(i) = self.inbox.iter().position(|m| m["method"] == method && pred(&m["params"])) {
            return Some(self.inbox.remove(i)["params"].clone());
        }
        let deadline = Instant::now() + timeout;
        loop {
            let msg = self.next_message(deadline)?;
            if msg["method"] == method && msg.get("id").is_none() && pred(&msg["params"]) {
                if let Some(i) = self.inbox.iter().rposition(|m| *m == msg) {
                    self.inbox.remove(i);
                }
                return Some(msg["params"].clone());
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics_for(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let p = self.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri && p["version"] == version);
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "nianbao", "version": 1, "text": text } }),
        );
    }

    /// The server's copy of a document (custom request `nianbao/documentText`).
    pub fn server_text(&mut self, uri: &str) -> Value {
        self.request("nianbao/documentText", json!({ "textDocument": { "uri": uri } })).expect("documentText")
    }

    /// `shutdown` then `exit`; returns the exit status (waits at most [`TIMEOUT`]).
    pub fn shutdown(mut self) -> ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Ok(Value::Null), "shutdown returns null");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits for the process to end (after `exit`), killing it after [`TIMEOUT`].
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit within {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Writes raw bytes to the server's stdin, unframed (for framing-abuse tests).
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).and_then(|_| stdin.flush()).expect("write to server");
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The server's peak resident memory so far (`VmHWM`, in KiB), on Linux.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        proc_status_kib(self.child.id(), "VmHWM:")
    }

    /// The server's resident memory now (`VmRSS`, in KiB), on Linux.
    pub fn rss_kib(&self) -> Option<u64> {
        proc_status_kib(self.child.id(), "VmRSS:")
    }
}

/// A `kB` field of `/proc/<pid>/status`.
pub fn proc_status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `file:///…` for a path (percent-encoding what needs it).
pub fn file_uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().as_bytes() {
        match *b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => s.push(*b as char),
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

/// The repository root (tests run with the `server/` package as working directory).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("repo root").to_path_buf()
}

/// A fixture of `server/tests/fixtures/`, or `None` (with a note) when it is absent.
pub fn fixture(name: &str) -> Option<(PathBuf, String)> {
    let path = repo_root().join("server/tests/fixtures").join(name);
    match std::fs::read_to_string(&path) {
        Ok(t) => Some((path, t)),
        Err(_) => {
            eprintln!("SKIPPED: fixture {} not found", path.display());
            None
        }
    }
}

/// The seed report, read in place from `../shared/corpus/seed/` (never copied into the repo).
pub fn seed_report() -> Option<(PathBuf, String)> {
    let path = repo_root().join("../shared/corpus/seed/2023-panzhihua-zwfw.txt");
    match std::fs::read_to_string(&path) {
        Ok(t) => Some((path, t)),
        Err(_) => {
            eprintln!("SKIPPED: the seed report {} is not present (the repository never copies real reports)", path.display());
            None
        }
    }
}

/// The bundled sample report.
pub fn sample_report() -> (PathBuf, String) {
    let path = repo_root().join("examples/sample-report.txt");
    let text = std::fs::read_to_string(&path).expect("examples/sample-report.txt");
    (path, text)
}

/// An LSP position of byte `offset` in `text`, its column counted in `encoding`.
pub fn position(text: &str, offset: usize, encoding: &str) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let col = match encoding {
        "utf-8" => prefix.len(),
        "utf-32" => prefix.chars().count(),
        _ => prefix.encode_utf16().count(),
    };
    json!({ "line": line, "character": col })
}

/// The byte offset of an LSP position in `text`.
pub fn offset(text: &str, pos: &Value, encoding: &str) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let col = pos["character"].as_u64().unwrap() as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let content = text[start..].split('\n').next().unwrap_or("").trim_end_matches('\r');
    let mut remaining = col;
    for (i, ch) in content.char_indices() {
        let w = match encoding {
            "utf-8" => ch.len_utf8(),
            "utf-32" => 1,
            _ => ch.len_utf16(),
        };
        if remaining < w {
            return start + i;
        }
        remaining -= w;
    }
    start + content.len()
}

/// Applies LSP text edits (non-overlapping) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], encoding: &str) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (offset(text, &e["range"]["start"], encoding), offset(text, &e["range"]["end"], encoding), e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = String::new();
    let mut cursor = 0;
    for (s, e, t) in spans {
        assert!(s >= cursor, "overlapping edits");
        out.push_str(&text[cursor..s]);
        out.push_str(&t);
        cursor = e;
    }
    out.push_str(&text[cursor..]);
    out
}

/// The byte offset of the `n`-th occurrence (0-based) of `needle`.
pub fn find_nth(text: &str, needle: &str, n: usize) -> usize {
    text.match_indices(needle).nth(n).unwrap_or_else(|| panic!("`{needle}` #{n} not in text")).0
}

/// A deterministic pseudo-random generator (xorshift) for the edit bursts.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// A temporary directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("nianbao-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
