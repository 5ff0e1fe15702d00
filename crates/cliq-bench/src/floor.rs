//! The floor: a bare axum endpoint that does the least a correct receiver of
//! the same callbacks must do — read the body, check the media type, verify
//! the HMAC in constant time, parse with serde into a struct, route on the
//! command name and answer the same card JSON, byte for byte — and nothing
//! else: no request ids, no in-flight limit, no handler task or deadline, no
//! reply validation, no logging spans.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use hmac::{Hmac, Mac};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::deploy::{LOGS_URL, usage};
use crate::fixtures::{ENVIRONMENTS, PATH, SECRET};

type HmacSha256 = Hmac<Sha256>;

/// The floor's router: `POST /cliq`, nothing else.
pub fn router() -> Router {
    let state = Arc::new(Floor {
        // Keyed once: each request clones the keyed state.
        mac: <HmacSha256 as Mac>::new_from_slice(SECRET.as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length")),
        next_id: AtomicU64::new(0),
    });
    Router::new().route(PATH, post(callback)).with_state(state)
}

/// Parses a command callback the floor's way: serde's derive, straight into
/// a struct (unknown fields skipped). For the parsing benchmarks.
///
/// # Errors
/// The body is not a valid command.
pub fn parse_command(body: &[u8]) -> serde_json::Result<impl Sized> {
    serde_json::from_slice::<Command>(body)
}

/// The floor's "Deployment requested" reply, serialised. For the
/// serialisation benchmarks.
///
/// # Errors
/// Never, for these types.
pub fn requested_bytes(
    id: u64,
    environment: &str,
    version: &str,
    requested_by: &str,
) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&requested(id, environment, version, requested_by))
}

struct Floor {
    mac: HmacSha256,
    next_id: AtomicU64,
}

#[derive(Deserialize)]
struct Command {
    command: String,
    #[serde(default)]
    arguments: Option<String>,
    user: User,
    #[allow(dead_code, reason = "required by the contract, read by no reply")]
    channel: Channel,
}

#[derive(Deserialize)]
struct User {
    #[allow(dead_code, reason = "required by the contract, read by no reply")]
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct Channel {
    #[allow(dead_code, reason = "required by the contract, read by no reply")]
    id: String,
    #[allow(dead_code, reason = "required by the contract, read by no reply")]
    name: String,
}

async fn callback(State(floor): State<Arc<Floor>>, headers: HeaderMap, body: Bytes) -> Response {
    if !is_json(&headers) {
        return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
    }
    if !verifies(&floor.mac, &headers, &body) {
        return refuse(StatusCode::UNAUTHORIZED, "INVALID_SIGNATURE");
    }
    let Ok(command) = serde_json::from_slice::<Command>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "INVALID_PAYLOAD");
    };
    let name = command
        .command
        .strip_prefix('/')
        .unwrap_or(&command.command);
    if !name.eq_ignore_ascii_case("deploy") {
        return refuse(StatusCode::NOT_FOUND, "UNKNOWN_COMMAND");
    }
    let arguments = command.arguments.as_deref().unwrap_or("");
    let reply = reply(&floor.next_id, arguments, &command.user.name);
    match reply {
        Ok(bytes) => json(StatusCode::OK, bytes),
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_ERROR"),
    }
}

fn reply(next_id: &AtomicU64, arguments: &str, user: &str) -> serde_json::Result<Vec<u8>> {
    let mut args = arguments.split_whitespace();
    let (Some(environment), version, None) = (args.next(), args.next(), args.next()) else {
        return serde_json::to_vec(&Text { text: usage() });
    };
    if !ENVIRONMENTS.contains(&environment) {
        let text = format!("Unknown environment `{environment}`. {}", usage());
        return serde_json::to_vec(&Text { text });
    }
    let id = next_id.fetch_add(1, Ordering::Relaxed) + 1;
    serde_json::to_vec(&requested(
        id,
        environment,
        version.unwrap_or("latest"),
        user,
    ))
}

/// `application/json`, in any case, with any parameters.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// One signature, 64 hex digits after an optional `sha256=`, compared in
/// constant time.
fn verifies(mac: &HmacSha256, headers: &HeaderMap, body: &[u8]) -> bool {
    let Some(value) = headers.get("x-cliq-signature") else {
        return false;
    };
    let value = value.as_bytes();
    let hex_digits = value.strip_prefix(b"sha256=").unwrap_or(value);
    let mut digest = [0u8; 32];
    if hex::decode_to_slice(hex_digits, &mut digest).is_err() {
        return false;
    }
    let mut mac = mac.clone();
    mac.update(body);
    mac.verify_slice(&digest).is_ok()
}

fn refuse(status: StatusCode, code: &'static str) -> Response {
    let body = format!(
        r#"{{"error":{{"code":"{code}","message":"refused"}},"status":{{"code":{},"message":"error"}}}}"#,
        status.as_u16()
    );
    json(status, body.into_bytes())
}

fn json(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

#[derive(Serialize)]
struct Text {
    text: String,
}

/// The deploy bot's "Deployment requested" message, with the field order
/// `cliq_events::Message` serialises.
#[derive(Serialize)]
struct Requested {
    text: String,
    card: ReplyCard,
}

#[derive(Serialize)]
struct ReplyCard {
    title: &'static str,
    theme: &'static str,
    sections: [ReplySection; 1],
    buttons: [ReplyButton; 3],
}

#[derive(Serialize)]
struct ReplySection {
    id: u64,
    elements: [Element; 3],
}

#[derive(Serialize)]
struct Element {
    #[serde(rename = "type")]
    kind: &'static str,
    text: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ReplyButton {
    Invoke {
        label: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        name: &'static str,
        id: String,
    },
    Url {
        label: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        url: String,
    },
}

fn requested(id: u64, environment: &str, version: &str, requested_by: &str) -> Requested {
    let text = |text| Element { kind: "text", text };
    let invoke = |label, name| ReplyButton::Invoke {
        label,
        kind: "invoke.function",
        name,
        id: id.to_string(),
    };
    Requested {
        text: format!("Deployment #{id} to {environment} needs approval"),
        card: ReplyCard {
            title: "Deployment requested",
            theme: "modern-inline",
            sections: [ReplySection {
                id: 1,
                elements: [
                    text(format!("**Environment:** {environment}")),
                    text(format!("**Version:** {version}")),
                    text(format!("**Requested by:** {requested_by}")),
                ],
            }],
            buttons: [
                invoke("Approve", "approve_deploy"),
                invoke("Cancel", "cancel_deploy"),
                ReplyButton::Url {
                    label: "View logs",
                    kind: "open.url",
                    url: LOGS_URL.replace("{id}", &id.to_string()),
                },
            ],
        },
    }
}
