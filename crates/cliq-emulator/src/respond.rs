//! The reference's envelopes on the way out: success, list, no content and error.
//!
//! Every handler answers through these helpers, and [`ensure_envelope`] turns
//! whatever else the router produces on failure (axum's plain-text rejections,
//! its empty 405, a body over the limit) into the error envelope, so a client
//! never sees anything but the reference's shapes.

use axum::Json;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cliq_events::ErrorCode;
use cliq_events::envelope::{DataResponse, ErrorResponse, ListInfo, ListResponse, Status};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A refusal: its status, the reference's code and a message for the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: ErrorCode,
    pub(crate) message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    /// `400 INVALID_REQUEST`.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::InvalidRequest, message)
    }

    /// `404` with the resource's own code.
    pub(crate) fn not_found(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, message)
    }

    /// `404 INVALID_CHANNEL`.
    pub(crate) fn no_channel() -> Self {
        Self::not_found(
            ErrorCode::InvalidChannel,
            "The specified channel does not exist",
        )
    }

    /// `404 INVALID_USER`.
    pub(crate) fn no_user() -> Self {
        Self::not_found(ErrorCode::InvalidUser, "The specified user does not exist")
    }

    /// The error envelope of a status with no more specific cause.
    pub(crate) fn for_status(status: StatusCode, message: impl Into<String>) -> Self {
        Self::new(status, code_for(status), message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorResponse::new(self.status.as_u16(), self.code, self.message);
        (self.status, Json(body)).into_response()
    }
}

/// The code the reference pairs with a bare HTTP status.
pub(crate) fn code_for(status: StatusCode) -> ErrorCode {
    match status.as_u16() {
        400 | 422 => ErrorCode::InvalidRequest,
        401 => ErrorCode::InvalidToken,
        403 => ErrorCode::PermissionDenied,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        429 => ErrorCode::RateLimitExceeded,
        503 => ErrorCode::Overloaded,
        _ => ErrorCode::InternalError,
    }
}

/// What handlers return.
pub(crate) type ApiResult = Result<Response, ApiError>;

/// `200 {"data": ..., "status": {"code": 200, "message": "success"}}`.
pub(crate) fn ok<T: Serialize>(data: T) -> ApiResult {
    Ok(data_response(StatusCode::OK, data))
}

/// `201` with the created object in the data envelope.
pub(crate) fn created<T: Serialize>(data: T) -> ApiResult {
    Ok(data_response(StatusCode::CREATED, data))
}

fn data_response<T: Serialize>(status: StatusCode, data: T) -> Response {
    let body = DataResponse {
        data,
        status: Some(Status::success(status.as_u16())),
    };
    (status, Json(body)).into_response()
}

/// `200 {"data": [...], "list_info": ..., "status": ...}`.
pub(crate) fn list<T: Serialize>(data: Vec<T>, list_info: ListInfo) -> ApiResult {
    let body = ListResponse {
        data,
        list_info: Some(list_info),
        status: Some(Status::success(200)),
    };
    Ok((StatusCode::OK, Json(body)).into_response())
}

/// `204` with no body.
pub(crate) fn no_content() -> ApiResult {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Reads a JSON request body, whatever its content type: webhook senders are
/// often careless with it, and the body is what matters.
pub(crate) fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|error| ApiError::invalid(format!("the body is not a valid request: {error}")))
}

/// The router's fallback: `404 NOT_FOUND`.
pub(crate) async fn not_found() -> ApiError {
    ApiError::for_status(StatusCode::NOT_FOUND, "No such endpoint")
}

/// The most of a non-JSON error body kept as the envelope's message.
const MAX_KEPT_MESSAGE: usize = 512;

/// Rewrites every error response that is not JSON into the error envelope,
/// keeping its status and headers (such as `Allow` on a 405).
pub(crate) async fn ensure_envelope(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if status.as_u16() < 400 || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_KEPT_MESSAGE * 4)
        .await
        .ok()
        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
        .map(|text| {
            text.trim()
                .chars()
                .take(MAX_KEPT_MESSAGE)
                .collect::<String>()
        })
        .filter(|text| !text.is_empty());
    let message = text.unwrap_or_else(|| default_message(status).to_owned());
    let envelope = ErrorResponse::new(status.as_u16(), code_for(status), message);
    let bytes = serde_json::to_vec(&envelope).unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(bytes))
}

fn default_message(status: StatusCode) -> &'static str {
    match status.as_u16() {
        405 => "This endpoint does not serve that method",
        413 => "The body is over the size limit",
        _ => status.canonical_reason().unwrap_or("The request failed"),
    }
}
