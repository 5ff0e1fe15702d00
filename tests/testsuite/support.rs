//! Starting bots on 127.0.0.1:0 and sending them signed callbacks.

use std::net::SocketAddr;
use std::time::Duration;

use cliq::bot::Bot;
use cliq::bot::verify::SigningSecret;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub(crate) const SECRET: &str = "test-secret";

/// A bot serving on a loopback port, stopped by [`Running::stop`].
pub(crate) struct Running {
    pub(crate) addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

pub(crate) async fn start<S>(bot: Bot<S>) -> Running
where
    S: Clone + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(bot.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    Running {
        addr,
        stop: Some(stop),
        task,
    }
}

impl Running {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Signals shutdown and waits for `serve` to return.
    pub(crate) async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let result = tokio::time::timeout(Duration::from_secs(10), &mut self.task).await;
        assert!(
            matches!(result, Ok(Ok(Ok(())))),
            "serve did not return cleanly"
        );
    }

    /// Signals shutdown without waiting.
    pub(crate) fn begin_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    pub(crate) async fn join(self) -> std::io::Result<()> {
        self.task.await.expect("serve task")
    }
}

pub(crate) fn sign(body: &[u8]) -> String {
    SigningSecret::new(SECRET).sign(&[body])
}

pub(crate) fn sign_with(secret: &str, body: &[u8]) -> String {
    SigningSecret::new(secret).sign(&[body])
}

pub(crate) fn sign_timestamped(secret: &str, ts: &str, body: &[u8]) -> String {
    SigningSecret::new(secret).sign(&[ts.as_bytes(), b".", body])
}

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::new()
}

/// A response read whole: status, headers and body as JSON (Null when not JSON).
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) json: serde_json::Value,
}

impl Answer {
    pub(crate) async fn read(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("read body");
        let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
        Self {
            status,
            headers,
            json,
        }
    }

    /// The envelope's `error.code`.
    pub(crate) fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or("")
    }

    /// Asserts the contract's error envelope with this status and code.
    #[track_caller]
    pub(crate) fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "{self:?}");
        assert_eq!(self.code(), code, "{self:?}");
        assert_eq!(self.json["status"]["code"], status, "{self:?}");
        assert_eq!(self.json["status"]["message"], "error", "{self:?}");
        assert!(
            self.json["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
        assert_eq!(
            self.headers
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/json")
        );
        assert!(self.headers.contains_key("x-request-id"), "{self:?}");
    }
}

/// Posts `body` signed with the test secret (body scheme).
pub(crate) async fn post_signed(url: &str, body: &str) -> Answer {
    let response = client()
        .post(url)
        .header("content-type", "application/json")
        .header("x-cliq-signature", sign(body.as_bytes()))
        .body(body.to_owned())
        .send()
        .await
        .expect("send");
    Answer::read(response).await
}

/// A canonical payload from the shared protocol folder.
pub(crate) fn fixture(name: &str) -> String {
    let path = format!(
        "{}/crates/cliq-events/tests/fixtures/protocol/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(crate) fn command(name: &str, arguments: &str) -> String {
    serde_json::json!({
        "command": name,
        "arguments": arguments,
        "user": {"id": "9876543210", "name": "John Doe"},
        "channel": {"id": "CT_1234567890", "name": "Development"}
    })
    .to_string()
}

pub(crate) fn click(name: &str, id: &str) -> String {
    serde_json::json!({
        "type": "invoke.function",
        "name": name,
        "button": {"id": id, "label": "Approve"},
        "user": {"id": "9876543210", "name": "John Doe"},
        "channel": {"id": "CT_1234567890", "name": "Development"}
    })
    .to_string()
}

pub(crate) fn message_event(event: &str, message_id: &str, text: &str) -> String {
    serde_json::json!({
        "event": event,
        "timestamp": "2025-12-12T15:30:00Z",
        "data": {
            "message_id": message_id,
            "text": text,
            "sender": {"id": "9876543210", "name": "John Doe"},
            "channel": {"id": "CT_1234567890", "name": "Development"}
        }
    })
    .to_string()
}

/// Writes raw bytes on a new connection and reads the first response head and
/// what body arrives within a second.
pub(crate) async fn raw_exchange(addr: SocketAddr, request: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    // The server may answer and close before all is written.
    let _ = stream.write_all(request).await;
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match tokio::time::timeout(Duration::from_secs(2), stream.read(&mut buffer)).await {
            Ok(Ok(n)) if n > 0 => {
                received.extend_from_slice(&buffer[..n]);
                if complete(&received) {
                    break;
                }
            }
            _ => break,
        }
    }
    String::from_utf8_lossy(&received).into_owned()
}

/// Whether a response with a Content-Length body has fully arrived.
fn complete(received: &[u8]) -> bool {
    let text = String::from_utf8_lossy(received);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    head.lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())
                .flatten()
        })
        .is_some_and(|len| body.len() >= len)
}
