//! A small blocking W3C WebDriver client for the browser tests: the dozen
//! commands they use (session, navigation, elements, script, keys, window
//! size, screenshot), as JSON over HTTP/1.1 to a local `chromedriver`.
//!
//! Why not a WebDriver crate: fantoccini pulled in a URL, cookie and ICU stack
//! whose features differ from the binary's dependencies, so `cargo test
//! --release` recompiled most of the dependency tree after the README's first
//! command (issue 22). The protocol itself is a few JSON requests.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

/// The key W3C WebDriver uses for an element reference in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A WebDriver error: the command, and what the driver said.
#[derive(Debug)]
pub struct WdError(pub String);

impl std::fmt::Display for WdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A browser session on a local WebDriver server.
pub struct Session {
    port: u16,
    id: String,
}

/// An element of the current page.
pub struct Element<'a> {
    session: &'a Session,
    id: String,
}

/// Sends one request and returns the `value` of the JSON answer, or the
/// driver's error.
fn request(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, WdError> {
    let fail = |what: &dyn std::fmt::Display| WdError(format!("{method} {path}: {what}"));
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| fail(&e))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .map_err(|e| fail(&e))?;
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(payload.as_bytes()))
        .map_err(|e| fail(&e))?;
    let content = read_answer(&mut stream).map_err(|e| fail(&e))?;
    let answer: Value = serde_json::from_slice(&content).map_err(|e| fail(&e))?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if let Some(error) = value.get("error").and_then(Value::as_str) {
        let message = value.get("message").and_then(Value::as_str).unwrap_or("");
        return Err(fail(&format!("{error}: {message}")));
    }
    Ok(value)
}

/// Reads one HTTP/1.1 answer's body: by its `Content-Length`, as chunks, or up to
/// the end of the connection (the driver may keep it open, so the length matters).
fn read_answer(stream: &mut TcpStream) -> Result<Vec<u8>, String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the connection closed before the headers ended".into());
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let headers = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let mut body = raw.split_off(head_end);
    let length = headers.lines().find_map(|l| {
        l.strip_prefix("content-length:")
            .and_then(|v| v.trim().parse::<usize>().ok())
    });
    let chunked = headers.contains("transfer-encoding: chunked");
    loop {
        let complete = match length {
            Some(len) => body.len() >= len,
            None if chunked => dechunk(&body).is_some(),
            None => false,
        };
        if complete {
            break;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    match length {
        Some(len) => {
            body.truncate(len);
            Ok(body)
        }
        None if chunked => dechunk(&body).ok_or_else(|| "a bad chunked body".to_string()),
        None => Ok(body),
    }
}

/// The body of an HTTP/1.1 chunked transfer, once all of it has arrived.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

impl Session {
    /// Opens a session with `capabilities` (the `alwaysMatch` object).
    pub fn start(port: u16, capabilities: Value) -> Result<Session, WdError> {
        let body = json!({ "capabilities": { "alwaysMatch": capabilities } });
        let value = request(port, "POST", "/session", Some(&body))?;
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| WdError(format!("no session id in {value}")))?;
        Ok(Session {
            port,
            id: id.to_string(),
        })
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, WdError> {
        let path = format!("/session/{}{path}", self.id);
        request(self.port, method, &path, body.as_ref())
    }

    /// Loads `url` and waits for the page.
    pub fn goto(&self, url: &str) -> Result<(), WdError> {
        self.call("POST", "/url", Some(json!({ "url": url })))
            .map(drop)
    }

    /// The address of the current page.
    pub fn current_url(&self) -> Result<String, WdError> {
        let v = self.call("GET", "/url", None)?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// Every element matching the CSS selector, now.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element<'_>>, WdError> {
        let v = self.call(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        Ok(v.as_array()
            .map(|items| items.iter().filter_map(|e| self.element(e)).collect())
            .unwrap_or_default())
    }

    /// The first element matching the CSS selector, waiting up to `wait`.
    pub fn wait_for(&self, css: &str, wait: Duration) -> Result<Element<'_>, WdError> {
        let deadline = Instant::now() + wait;
        loop {
            let found = self.call(
                "POST",
                "/element",
                Some(json!({ "using": "css selector", "value": css })),
            );
            match found {
                Ok(v) => {
                    return self
                        .element(&v)
                        .ok_or_else(|| WdError(format!("no element reference in {v}")))
                }
                Err(e) if Instant::now() >= deadline => return Err(e),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    fn element(&self, v: &Value) -> Option<Element<'_>> {
        let id = v.get(ELEMENT_KEY)?.as_str()?;
        Some(Element {
            session: self,
            id: id.to_string(),
        })
    }

    /// Runs `script` in the page with `args` (elements as [`Element::json`]).
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, WdError> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Presses and releases one key on the keyboard.
    pub fn press_key(&self, key: char) -> Result<(), WdError> {
        let key = key.to_string();
        let actions = json!({ "actions": [{
            "type": "key", "id": "keyboard",
            "actions": [{ "type": "keyDown", "value": key }, { "type": "keyUp", "value": key }]
        }]});
        self.call("POST", "/actions", Some(actions)).map(drop)
    }

    /// The text of an open alert, if one is open.
    pub fn alert_text(&self) -> Option<String> {
        self.call("GET", "/alert/text", None)
            .ok()
            .map(|v| v.as_str().unwrap_or_default().to_string())
    }

    /// Resizes the window (CSS pixels).
    pub fn set_window_size(&self, width: u32, height: u32) -> Result<(), WdError> {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        )
        .map(drop)
    }

    /// A PNG of the visible page.
    pub fn screenshot(&self) -> Result<Vec<u8>, WdError> {
        let v = self.call("GET", "/screenshot", None)?;
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .map_err(|e| WdError(format!("screenshot: {e}")))
    }

    /// Ends the session (closes the browser).
    pub fn close(self) -> Result<(), WdError> {
        self.call("DELETE", "", None).map(drop)
    }
}

impl Element<'_> {
    fn call(&self, method: &str, what: &str, body: Option<Value>) -> Result<Value, WdError> {
        self.session
            .call(method, &format!("/element/{}{what}", self.id), body)
    }

    /// Clicks the element.
    pub fn click(&self) -> Result<(), WdError> {
        self.call("POST", "/click", Some(json!({}))).map(drop)
    }

    /// Types `text` into the element.
    pub fn send_keys(&self, text: &str) -> Result<(), WdError> {
        self.call("POST", "/value", Some(json!({ "text": text })))
            .map(drop)
    }

    /// The element's rendered text.
    pub fn text(&self) -> Result<String, WdError> {
        let v = self.call("GET", "/text", None)?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// The element as a script argument.
    pub fn json(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }
}

#[test]
fn chunked_bodies_are_joined() {
    assert_eq!(
        dechunk(b"4\r\n{\"va\r\n6\r\nlue\":1\r\n1\r\n}\r\n0\r\n\r\n").as_deref(),
        Some(&b"{\"value\":1}"[..])
    );
    assert_eq!(dechunk(b"zz\r\n"), None);
    assert_eq!(dechunk(b"9\r\nshort"), None);
}
