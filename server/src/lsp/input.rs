//! A guard in front of the JSON-RPC reader. tower-lsp-server's framed reader ends the whole
//! session at the first message it cannot decode (invalid JSON, a wrong `jsonrpc` version, a
//! non-string method, an extra header…). This layer re-frames every message with only its
//! `Content-Length`, and replaces a message that would not decode by a call of
//! [`MALFORMED_METHOD`], which answers with the JSON-RPC error (`-32700` parse error with id
//! `null`, or `-32600` invalid request with the message's id) and logs it — the server keeps
//! serving.

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The custom method a malformed message is turned into.
pub const MALFORMED_METHOD: &str = "nianbao/malformedMessage";

/// Messages larger than this are answered as malformed without being buffered.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// Header lines longer than this are not buffered whole: only their end is kept.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// Reads one header line (up to and including `\n`), `None` at the end of input. Of a line
/// longer than any header (garbage), only the last bytes are kept — where the next message's
/// header may start — so that memory stays bounded whatever comes in.
async fn read_line(reader: &mut (impl tokio::io::AsyncBufRead + Unpin)) -> Option<Vec<u8>> {
    let mut line = Vec::new();
    loop {
        match reader.take(MAX_HEADER_LINE).read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) if line.last() == Some(&b'\n') => return Some(line),
            Ok(_) => {
                let keep_from = line.len().saturating_sub(64);
                line.drain(..keep_from);
            }
        }
    }
}

/// Copies framed messages from `input` to `output`, replacing the malformed ones. Returns at the
/// end of input (dropping `output`, which ends the session as the end of stdin would).
pub async fn sanitize(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut reader = BufReader::new(input);
    loop {
        let mut content_length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            let Some(line) = read_line(&mut reader).await else { return };
            let text = String::from_utf8_lossy(&line);
            let mut text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            // After a wrong Content-Length, the next header follows the rest of the body on the
            // same line: start from it (as tower-lsp's own reader does), to get back in step.
            if let Some(i) = text.to_ascii_lowercase().find("content-length") {
                text = &text[i..];
            }
            if let Some((name, value)) = text.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                content_length = value.trim().parse().ok();
            }
        }
        let Some(length) = content_length else {
            // A header block without a length: nothing to read; answer and go on.
            if write_frame(&mut output, &malformed(None, "parse", "missing Content-Length header")).await.is_err() {
                return;
            }
            continue;
        };
        let body = if length > MAX_MESSAGE {
            let mut skipped = (&mut reader).take(length as u64);
            if tokio::io::copy(&mut skipped, &mut tokio::io::sink()).await.is_err() {
                return;
            }
            malformed(None, "invalid", "message too large")
        } else {
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).await.is_err() {
                return;
            }
            check(body)
        };
        if write_frame(&mut output, &body).await.is_err() {
            return;
        }
    }
}

async fn write_frame(output: &mut (impl AsyncWrite + Unpin), body: &[u8]) -> std::io::Result<()> {
    output.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await?;
    output.write_all(body).await?;
    output.flush().await
}

/// The body as is when tower-lsp-server can decode it, else its replacement. An empty body is
/// replaced too: tower-lsp-server's reader takes it for "more input needed" and then leaves the
/// messages already buffered behind it unread until more input arrives.
pub fn check(body: Vec<u8>) -> Vec<u8> {
    if body.is_empty() {
        return malformed(None, "parse", "parse error: empty message");
    }
    // tower-lsp-server checks the whole body is UTF-8 before parsing, and a failure ends the
    // session; serde_json alone does not check the strings it skips (unknown keys and values).
    if let Err(e) = std::str::from_utf8(&body) {
        return malformed(None, "parse", &format!("parse error: not UTF-8: {e}"));
    }
    // Requests and notifications first: they are most messages, and a 50 MB didOpen is then
    // parsed once here, not twice.
    if serde_json::from_slice::<Request>(&body).is_ok() || serde_json::from_slice::<Response>(&body).is_ok() {
        return body;
    }
    match serde_json::from_slice::<Value>(&body) {
        Err(e) => malformed(None, "parse", &format!("parse error: {e}")),
        Ok(v) => {
            let id = v.get("id").filter(|id| id.is_string() || id.as_i64().is_some()).cloned();
            malformed(id, "invalid", "invalid request: not a JSON-RPC 2.0 message")
        }
    }
}

/// A call of [`MALFORMED_METHOD`]: with the message's id when it has a usable one, else `null`;
/// `kind` is `parse` (not JSON: -32700) or `invalid` (JSON, but not a request: -32600).
fn malformed(id: Option<Value>, kind: &str, error: &str) -> Vec<u8> {
    json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "method": MALFORMED_METHOD,
        "params": { "kind": kind, "error": error },
    })
    .to_string()
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message bodies `sanitize` writes for `input`.
    async fn sanitized_bodies(input: &str) -> Vec<Value> {
        let mut out = Vec::new();
        sanitize(input.as_bytes(), &mut out).await;
        let out = String::from_utf8(out).unwrap();
        out.split("Content-Length: ")
            .filter(|s| !s.is_empty())
            .map(|s| serde_json::from_str(s.split_once("\r\n\r\n").unwrap().1).unwrap())
            .collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn reframes_and_replaces_malformed_messages() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;
        let input = format!(
            "{}{}Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n{}{}",
            frame("{ not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":42}"#),
            frame(good),
            frame(r#"{"jsonrpc":"1.0","method":"x"}"#),
        );
        let bodies = sanitized_bodies(&input).await;
        assert_eq!(bodies.len(), 4);
        assert_eq!(bodies[0]["method"], MALFORMED_METHOD);
        assert_eq!(bodies[0]["id"], Value::Null);
        assert_eq!(bodies[1]["id"], 7);
        assert_eq!(bodies[2], serde_json::from_str::<Value>(good).unwrap());
        assert_eq!(bodies[3]["method"], MALFORMED_METHOD);
    }

    #[tokio::test]
    async fn gets_back_in_step_after_wrong_lengths_and_garbage() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;
        let garbage = "x".repeat(100_000);
        let input = format!(
            "Content-Length: 0\r\n\r\nContent-Length: 5\r\n\r\n{good}{}Content-Type: x\r\n\r\n{good}{}{garbage}{}{}{}",
            frame(good),
            frame(good),
            frame(good),
            frame("42"),
            frame(good),
        );
        let bodies = sanitized_bodies(&input).await;
        let kinds: Vec<&str> = bodies.iter().map(|b| if b["method"] == MALFORMED_METHOD { b["params"]["kind"].as_str().unwrap() } else { "ok" }).collect();
        // empty; too short; (its rest skipped) good; missing length; (body skipped) good;
        // (garbage skipped) good; 42 is JSON but not a request; good.
        assert_eq!(kinds, ["parse", "parse", "ok", "parse", "ok", "ok", "invalid", "ok"], "{bodies:?}");
    }
}
