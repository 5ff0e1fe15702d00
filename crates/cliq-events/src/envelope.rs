//! The response envelopes of the REST API and of callback refusals.

use serde::{Deserialize, Serialize};

use crate::error_code::ErrorCode;

/// The `status` member of every envelope: `{"code": 200, "message": "success"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// The HTTP status code.
    pub code: u16,
    /// `success` or `error`.
    pub message: String,
}

impl Status {
    /// `{"code": code, "message": "success"}`.
    pub fn success(code: u16) -> Self {
        Self {
            code,
            message: "success".to_owned(),
        }
    }

    /// `{"code": code, "message": "error"}`.
    pub fn error(code: u16) -> Self {
        Self {
            code,
            message: "error".to_owned(),
        }
    }
}

/// A single-object success response: `{"data": ..., "status": ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataResponse<T> {
    /// The object returned.
    pub data: T,
    /// The status; some endpoints omit it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// Pagination state of a list response.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListInfo {
    /// Whether another page follows.
    #[serde(default)]
    pub has_more: bool,
    /// The token that fetches the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// A list response: `{"data": [...], "list_info": ..., "status": ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListResponse<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Pagination state; absent on a last page of some endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_info: Option<ListInfo>,
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

impl<T> ListResponse<T> {
    /// The token of the next page, when there is one.
    pub fn next_token(&self) -> Option<&str> {
        self.list_info
            .as_ref()
            .filter(|info| info.has_more)
            .and_then(|info| info.next_token.as_deref())
    }
}

/// The `error` member of an error envelope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The machine-readable code.
    pub code: ErrorCode,
    /// A human-readable explanation.
    pub message: String,
}

/// An error envelope:
/// `{"error": {"code", "message"}, "status": {"code": <http>, "message": "error"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// What went wrong.
    pub error: ErrorBody,
    /// The HTTP status, repeated in the body.
    pub status: Status,
}

impl ErrorResponse {
    /// An envelope for `code` with HTTP status `http_status`.
    pub fn new(http_status: u16, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            error: ErrorBody {
                code,
                message: message.into(),
            },
            status: Status::error(http_status),
        }
    }
}
