//! Every per-request failure, each with its status and code: the contract's
//! error table in one place.

use axum::response::{IntoResponse, Response};
use cliq_events::ErrorCode;
use cliq_events::envelope::ErrorResponse;
use cliq_events::message::ValidationError;
use http::{HeaderValue, StatusCode, header};

/// A refusal, answered in the error envelope
/// `{"error": {"code", "message"}, "status": {"code", "message": "error"}}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// A path the bot does not serve.
    #[error("no route for this path")]
    NotFound,
    /// A method the path does not serve; `allow` lists those it does.
    #[error("method not allowed here; allowed: {allow}")]
    MethodNotAllowed {
        /// The value of the `Allow` header.
        allow: &'static str,
    },
    /// The content type is not `application/json`.
    #[error("content type must be application/json")]
    UnsupportedMediaType,
    /// The body is over the limit.
    #[error("body is over the limit of {limit} bytes")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// No signature header.
    #[error("missing X-Cliq-Signature header")]
    MissingSignature,
    /// The signature does not verify or is malformed.
    #[error("signature does not verify")]
    InvalidSignature,
    /// The timestamp header is missing or not an integer.
    #[error("X-Cliq-Timestamp must be whole unix seconds in decimal digits")]
    InvalidTimestamp,
    /// The timestamp is outside the tolerance.
    #[error("timestamp is outside the accepted window")]
    StaleTimestamp,
    /// The signature was already accepted.
    #[error("this signature was already accepted")]
    ReplayedRequest,
    /// The body is not a valid callback; the text says why.
    #[error("invalid payload: {0}")]
    InvalidPayload(String),
    /// A command nobody handles.
    #[error("no handler for command `{0}`")]
    UnknownCommand(String),
    /// A function nobody handles.
    #[error("no handler for function `{0}`")]
    UnknownFunction(String),
    /// The handler returned an error.
    #[error("the handler failed")]
    HandlerError,
    /// The handler's reply breaks a limit.
    #[error("the reply breaks a limit: {0}")]
    InvalidReply(ValidationError),
    /// A native handler's reply breaks a limit of the native dialect.
    #[error("the reply breaks a limit: {0}")]
    InvalidNativeReply(cliq_events::native::NativeValidationError),
    /// A native call nobody handles.
    #[error("no handler for {0}")]
    UnknownHandler(String),
    /// The handler panicked, or the receiver is misconfigured.
    #[error("internal error")]
    InternalError,
    /// The handler ran past its deadline.
    #[error("the handler did not finish within its deadline")]
    HandlerTimeout,
    /// Too many callbacks in flight.
    #[error("too many callbacks in flight; retry shortly")]
    Overloaded,
}

impl Rejection {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound
            | Self::UnknownCommand(_)
            | Self::UnknownFunction(_)
            | Self::UnknownHandler(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::MissingSignature
            | Self::InvalidSignature
            | Self::InvalidTimestamp
            | Self::StaleTimestamp
            | Self::ReplayedRequest => StatusCode::UNAUTHORIZED,
            Self::InvalidPayload(_) => StatusCode::BAD_REQUEST,
            Self::HandlerError
            | Self::InvalidReply(_)
            | Self::InvalidNativeReply(_)
            | Self::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
            Self::HandlerTimeout => StatusCode::GATEWAY_TIMEOUT,
            Self::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The contract's error code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotFound => ErrorCode::NotFound,
            Self::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            Self::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Self::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            Self::MissingSignature => ErrorCode::MissingSignature,
            Self::InvalidSignature => ErrorCode::InvalidSignature,
            Self::InvalidTimestamp => ErrorCode::InvalidTimestamp,
            Self::StaleTimestamp => ErrorCode::StaleTimestamp,
            Self::ReplayedRequest => ErrorCode::ReplayedRequest,
            Self::InvalidPayload(_) => ErrorCode::InvalidPayload,
            Self::UnknownCommand(_) => ErrorCode::UnknownCommand,
            Self::UnknownFunction(_) => ErrorCode::UnknownFunction,
            Self::HandlerError => ErrorCode::HandlerError,
            Self::InvalidReply(error) => error.code(),
            Self::InvalidNativeReply(error) => error.code().unwrap_or(ErrorCode::InvalidReply),
            Self::UnknownHandler(_) => ErrorCode::UnknownHandler,
            Self::InternalError => ErrorCode::InternalError,
            Self::HandlerTimeout => ErrorCode::HandlerTimeout,
            Self::Overloaded => ErrorCode::Overloaded,
        }
    }

    /// The envelope this rejection is answered with.
    pub fn envelope(&self) -> ErrorResponse {
        ErrorResponse::new(self.status().as_u16(), self.code(), self.to_string())
    }

    /// A name shown in error messages, cut to 64 characters.
    pub(crate) fn shown(name: &str) -> String {
        name.chars().take(64).collect()
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.envelope()).unwrap_or_default();
        let mut response = (
            self.status(),
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response();
        match self {
            Self::MethodNotAllowed { allow } => {
                response
                    .headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static(allow));
            }
            Self::Overloaded => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rejection_has_its_status_and_code() {
        let cases = [
            (Rejection::NotFound, 404, "NOT_FOUND"),
            (
                Rejection::MethodNotAllowed { allow: "POST" },
                405,
                "METHOD_NOT_ALLOWED",
            ),
            (
                Rejection::UnsupportedMediaType,
                415,
                "UNSUPPORTED_MEDIA_TYPE",
            ),
            (
                Rejection::PayloadTooLarge { limit: 1 },
                413,
                "PAYLOAD_TOO_LARGE",
            ),
            (Rejection::MissingSignature, 401, "MISSING_SIGNATURE"),
            (Rejection::InvalidSignature, 401, "INVALID_SIGNATURE"),
            (Rejection::InvalidTimestamp, 401, "INVALID_TIMESTAMP"),
            (Rejection::StaleTimestamp, 401, "STALE_TIMESTAMP"),
            (Rejection::ReplayedRequest, 401, "REPLAYED_REQUEST"),
            (
                Rejection::InvalidPayload("x".into()),
                400,
                "INVALID_PAYLOAD",
            ),
            (
                Rejection::UnknownCommand("x".into()),
                404,
                "UNKNOWN_COMMAND",
            ),
            (
                Rejection::UnknownFunction("x".into()),
                404,
                "UNKNOWN_FUNCTION",
            ),
            (Rejection::HandlerError, 500, "HANDLER_ERROR"),
            (Rejection::InternalError, 500, "INTERNAL_ERROR"),
            (Rejection::HandlerTimeout, 504, "HANDLER_TIMEOUT"),
            (Rejection::Overloaded, 503, "OVERLOADED"),
        ];
        for (rejection, status, code) in cases {
            assert_eq!(rejection.status().as_u16(), status, "{rejection:?}");
            assert_eq!(rejection.code().as_str(), code, "{rejection:?}");
            let envelope = rejection.envelope();
            assert_eq!(envelope.status.code, status);
            assert_eq!(envelope.status.message, "error");
        }
    }
}
