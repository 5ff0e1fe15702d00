//! Signed callbacks: the bodies, headers and raw HTTP/1.1 requests every
//! benchmark sends, made once and reused.

use axum::body::Body;
use bytes::Bytes;
use cliq_bot::verify::SigningSecret;
use http::{HeaderValue, Request, header};

/// The secret both servers verify with.
pub const SECRET: &str = "bench-signing-secret-0123456789abcdef";
/// The callback path both servers serve.
pub const PATH: &str = "/cliq";
/// The size of the command callbacks of the load test, in bytes.
pub const COMMAND_SIZE: usize = 300;
/// The size of the large bodies of the verification benchmarks.
pub const LARGE_SIZE: usize = 64 * 1024;

/// The environments `/deploy` accepts, as in the deploy bot.
pub const ENVIRONMENTS: [&str; 2] = ["staging", "production"];

/// The signing secret, wrapped.
pub fn secret() -> SigningSecret {
    SigningSecret::new(SECRET)
}

/// A `/deploy <environment> <version>` command callback of exactly `size`
/// bytes when `size` leaves room for it (about 200 bytes); the arguments
/// differ with `seq`, so that no two requests of a run are the same.
///
/// The padding is an unknown field (`chat.title`), as real callbacks carry
/// fields the receiver does not read.
pub fn command_body(seq: u64, size: usize) -> Vec<u8> {
    let environment = ENVIRONMENTS[(seq % 2) as usize];
    let head = format!(
        concat!(
            r#"{{"command":"/deploy","arguments":"{} v1.{}","#,
            r#""user":{{"id":"9876543210","name":"John Doe","email":"john.doe@company.com"}},"#,
            r#""channel":{{"id":"CT_1234567890","name":"Development"}},"#,
            r#""chat":{{"id":"CT_1234567890","type":"channel","title":""#
        ),
        environment, seq
    );
    let tail = r#""}}"#;
    let padding = size.saturating_sub(head.len() + tail.len());
    let mut body = Vec::with_capacity(head.len() + padding + tail.len());
    body.extend_from_slice(head.as_bytes());
    body.extend(b"Development team ".iter().copied().cycle().take(padding));
    body.extend_from_slice(tail.as_bytes());
    body
}

/// A `message.created` event callback (the contract's example, compact),
/// with a message id that differs with `seq`.
pub fn event_body(seq: u64) -> Vec<u8> {
    format!(
        concat!(
            r#"{{"event":"message.created","timestamp":"2025-12-12T15:30:00Z","#,
            r#""data":{{"message_id":"MSG_{:010}","text":"Hello team! The build is green again.","#,
            r#""sender":{{"id":"9876543210","name":"John Doe","email":"john.doe@company.com"}},"#,
            r#""channel":{{"id":"CT_1234567890","name":"Development"}}}}}}"#
        ),
        seq
    )
    .into_bytes()
}

/// The `X-Cliq-Signature` value of the body scheme: `sha256=<hex>`.
pub fn body_signature(body: &[u8]) -> String {
    format!("sha256={}", secret().sign(&[body]))
}

/// The `X-Cliq-Signature` value of the timestamped scheme over
/// `<timestamp>.<body>`.
pub fn timestamped_signature(timestamp: &str, body: &[u8]) -> String {
    format!(
        "sha256={}",
        secret().sign(&[timestamp.as_bytes(), b".", body])
    )
}

/// A body and its `X-Cliq-Signature` (body scheme), signed once and sent as
/// many requests as needed.
#[derive(Clone, Debug)]
pub struct Signed {
    /// The raw body.
    pub body: Bytes,
    /// `sha256=<hex>`.
    pub signature: HeaderValue,
}

impl Signed {
    /// Signs `body`.
    pub fn new(body: Bytes) -> Self {
        let signature = HeaderValue::from_str(&body_signature(&body))
            .unwrap_or_else(|_| unreachable!("hex digits are a valid header value"));
        Self { body, signature }
    }

    /// A `POST /cliq` carrying this body and signature, for in-process
    /// benchmarks.
    pub fn request(&self) -> Request<Body> {
        let mut request = Request::new(Body::from(self.body.clone()));
        *request.method_mut() = http::Method::POST;
        *request.uri_mut() = http::Uri::from_static(PATH);
        let headers = request.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(self.body.len()));
        headers.insert("x-cliq-signature", self.signature.clone());
        request
    }
}

/// A signed `POST /cliq` (body scheme), for in-process benchmarks.
pub fn signed_request(body: Bytes) -> Request<Body> {
    Signed::new(body).request()
}

/// `count` distinct signed 300-byte command callbacks.
pub fn signed_commands(count: u64) -> Vec<Signed> {
    (0..count)
        .map(|seq| Signed::new(Bytes::from(command_body(seq, COMMAND_SIZE))))
        .collect()
}

/// A whole signed HTTP/1.1 request (body scheme) for the load generator.
pub fn raw_request(host: &str, body: &[u8]) -> Vec<u8> {
    let head = format!(
        "POST {PATH} HTTP/1.1\r\nhost: {host}\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nx-cliq-signature: {}\r\n\r\n",
        body.len(),
        body_signature(body)
    );
    let mut request = Vec::with_capacity(head.len() + body.len());
    request.extend_from_slice(head.as_bytes());
    request.extend_from_slice(body);
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_bodies_have_the_requested_size_and_differ() {
        for (seq, size) in [(0, COMMAND_SIZE), (123_456, COMMAND_SIZE), (7, LARGE_SIZE)] {
            let body = command_body(seq, size);
            assert_eq!(body.len(), size);
            assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
        }
        assert_ne!(command_body(1, COMMAND_SIZE), command_body(2, COMMAND_SIZE));
    }

    #[test]
    fn event_bodies_are_json() {
        assert!(serde_json::from_slice::<serde_json::Value>(&event_body(3)).is_ok());
    }
}
