//! `POST /oauth/v2/token`: Zoho Accounts' token endpoint.
//!
//! Parameters are read from the form body (`application/x-www-form-urlencoded`)
//! and, as Zoho also allows, from the query string; the body wins.
//!
//! | grant | checks | answer |
//! |---|---|---|
//! | `authorization_code` | client id and secret, a code from [`Emulator::authorization_code`](crate::Emulator::authorization_code), single use | access and refresh token |
//! | `refresh_token` | client id and secret, a refresh token issued to the client | access token; counted in [`Emulator::token_refreshes`](crate::Emulator::token_refreshes) |
//!
//! Wrong client credentials or a wrong refresh token answer
//! `400 {"error": "invalid_client"}`; an unknown or spent code
//! `400 {"error": "invalid_code"}`; a missing parameter
//! `400 {"error": "invalid_request"}`; another grant
//! `400 {"error": "unsupported_grant_type"}`. Faults, latency and the rate
//! limit do not apply here.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cliq_events::rest::{Secret, TokenResponse};
use serde::Deserialize;

use crate::state::Shared;

/// Every parameter either grant may carry.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TokenForm {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    refresh_token: Option<String>,
    code: Option<String>,
}

impl TokenForm {
    /// `self`, with the gaps filled from `other`.
    fn or(self, other: Self) -> Self {
        Self {
            grant_type: self.grant_type.or(other.grant_type),
            client_id: self.client_id.or(other.client_id),
            client_secret: self.client_secret.or(other.client_secret),
            refresh_token: self.refresh_token.or(other.refresh_token),
            code: self.code.or(other.code),
        }
    }
}

pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<TokenForm>, QueryRejection>,
    body: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let form = body.map(|Form(f)| f).unwrap_or_default().or(query);
    match grant(&shared, form) {
        Ok(response) => (StatusCode::OK, Json(response)).into_response(),
        Err(error) => {
            tracing::debug!(error, "token request refused");
            let body = serde_json::json!({ "error": error });
            (StatusCode::BAD_REQUEST, Json(body)).into_response()
        }
    }
}

fn grant(shared: &Shared, form: TokenForm) -> Result<TokenResponse, &'static str> {
    let (Some(grant_type), Some(client_id), Some(client_secret)) =
        (form.grant_type, form.client_id, form.client_secret)
    else {
        return Err("invalid_request");
    };
    let client = shared.tokens.client();
    let client_ok = client_id == client.client_id && client_secret == client.client_secret;
    match grant_type.as_str() {
        "authorization_code" => {
            let code = form.code.ok_or("invalid_request")?;
            if !client_ok {
                return Err("invalid_client");
            }
            if !shared.tokens.redeem_code(&code) {
                return Err("invalid_code");
            }
            let refresh = shared.tokens.issue_refresh();
            Ok(response(shared, Some(refresh)))
        }
        "refresh_token" => {
            let refresh = form.refresh_token.ok_or("invalid_request")?;
            if !client_ok || !shared.tokens.knows_refresh(&refresh) {
                return Err("invalid_client");
            }
            shared.tokens.count_refresh();
            Ok(response(shared, None))
        }
        _ => Err("unsupported_grant_type"),
    }
}

fn response(shared: &Shared, refresh_token: Option<String>) -> TokenResponse {
    TokenResponse {
        access_token: Secret::new(shared.tokens.issue_access()),
        refresh_token: refresh_token.map(Secret::new),
        api_domain: shared.base_url.clone(),
        token_type: "Bearer".to_owned(),
        expires_in: shared.tokens.lifetime().as_secs(),
    }
}
