//! File uploads: `POST /files` (multipart, field `file`) and, as the `url` of
//! the returned object, `GET /files/{file_id}` for the bytes.
//!
//! Where the reference is silent: the upload answers `201` with the
//! [`File`] object (`id`, `name` from the part's file name, else `file`,
//! `size`, `content_type` from the part, else `application/octet-stream`,
//! `url`); a body without a `file` part is `400 INVALID_REQUEST`; uploads are
//! limited to [`MAX_UPLOAD`] bytes (`413 PAYLOAD_TOO_LARGE`). An unknown file is
//! `404 NOT_FOUND`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use cliq_events::rest::File;
use cliq_events::{ErrorCode, FileId};

use crate::respond::{self, ApiError, ApiResult};
use crate::state::{Shared, StoredFile};

/// The largest upload accepted, in bytes.
pub(crate) const MAX_UPLOAD: usize = 16 * 1024 * 1024;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/files",
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route("/files/{file_id}", get(download))
}

async fn upload(State(shared): State<Arc<Shared>>, mut multipart: Multipart) -> ApiResult {
    let invalid = |error: axum::extract::multipart::MultipartError| {
        ApiError::for_status(
            error.status(),
            format!("unreadable multipart body: {error}"),
        )
    };
    while let Some(field) = multipart.next_field().await.map_err(invalid)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("file").to_owned();
        let content_type = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_owned();
        let bytes = field.bytes().await.map_err(invalid)?;
        let mut store = shared.store();
        let (_, id) = store.next_id("FILE_");
        let file = File {
            url: Some(shared.api_url(&format!("/files/{id}"))),
            id: Some(FileId::new(id)),
            name: Some(name),
            size: Some(bytes.len() as u64),
            content_type: Some(content_type),
        };
        store.files.push(StoredFile {
            file: file.clone(),
            bytes,
        });
        return respond::created(file);
    }
    Err(ApiError::invalid("the multipart body has no `file` part"))
}

async fn download(State(shared): State<Arc<Shared>>, Path(id): Path<FileId>) -> ApiResult {
    let store = shared.store();
    let stored = store
        .files
        .iter()
        .find(|f| f.file.id.as_ref() == Some(&id))
        .ok_or_else(|| {
            ApiError::not_found(ErrorCode::NotFound, "The specified file does not exist")
        })?;
    let content_type = stored
        .file
        .content_type
        .as_deref()
        .and_then(|t| HeaderValue::from_str(t).ok())
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    Ok(([(header::CONTENT_TYPE, content_type)], stored.bytes.clone()).into_response())
}
