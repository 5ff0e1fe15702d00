//! Credentials: the OAuth client, issued tokens, and the check every protected
//! route runs (`Authorization: Zoho-oauthtoken <token>`).
//!
//! Tokens look like Zoho's (`1000.<hex>.<hex>`) and are unpredictable enough
//! for tests, not for security. Only the `Zoho-oauthtoken` scheme is accepted,
//! as by the real API: a client sending `Bearer` gets `401 INVALID_TOKEN`.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cliq_events::ErrorCode;

use crate::respond::ApiError;
use crate::state::Shared;

/// The OAuth client seeded at start: what a client needs for the
/// `refresh_token` grant against `{base}/oauth/v2/token`.
///
/// `Debug` hides the secret and the refresh token.
#[derive(Clone, PartialEq, Eq)]
pub struct OAuthClient {
    /// The client id.
    pub client_id: String,
    /// The client secret.
    pub client_secret: String,
    /// A refresh token issued to this client; it never expires.
    pub refresh_token: String,
}

impl fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthClient")
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("refresh_token", &"***")
            .finish()
    }
}

/// Every credential the emulator has issued. Deliberately not `Debug`.
pub(crate) struct Tokens {
    lifetime: Duration,
    client: OAuthClient,
    state: Mutex<TokenState>,
}

#[derive(Default)]
struct TokenState {
    /// Access token → when it expires.
    access: HashMap<String, Instant>,
    /// The most recently issued access token.
    latest: String,
    refresh: HashSet<String>,
    codes: HashSet<String>,
    refreshes: usize,
}

impl Tokens {
    pub(crate) fn new(lifetime: Duration) -> Self {
        let client = OAuthClient {
            client_id: format!("1000.{}", random_hex(30).to_ascii_uppercase()),
            client_secret: random_hex(42),
            refresh_token: zoho_token(),
        };
        let mut state = TokenState::default();
        state.refresh.insert(client.refresh_token.clone());
        let tokens = Self {
            lifetime,
            client,
            state: Mutex::new(state),
        };
        tokens.issue_access();
        tokens
    }

    fn state(&self) -> MutexGuard<'_, TokenState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn client(&self) -> &OAuthClient {
        &self.client
    }

    pub(crate) fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// Issues a new access token, valid for the configured lifetime.
    pub(crate) fn issue_access(&self) -> String {
        let token = zoho_token();
        let mut state = self.state();
        state
            .access
            .insert(token.clone(), Instant::now() + self.lifetime);
        state.latest.clone_from(&token);
        token
    }

    /// The latest access token if still valid, else a new one.
    pub(crate) fn current(&self) -> String {
        let latest = self.state().latest.clone();
        if self.check(&latest).is_ok() {
            latest
        } else {
            self.issue_access()
        }
    }

    /// Whether `token` is an access token still valid.
    pub(crate) fn check(&self, token: &str) -> Result<(), &'static str> {
        match self.state().access.get(token) {
            Some(expiry) if *expiry > Instant::now() => Ok(()),
            Some(_) => Err("The access token has expired"),
            None => Err("The access token is invalid"),
        }
    }

    /// Makes every issued access token expired.
    pub(crate) fn expire_all(&self) {
        let now = Instant::now();
        for expiry in self.state().access.values_mut() {
            *expiry = now;
        }
    }

    /// A new single-use authorization code.
    pub(crate) fn issue_code(&self) -> String {
        let code = zoho_token();
        self.state().codes.insert(code.clone());
        code
    }

    /// Spends an authorization code; `false` if unknown or already used.
    pub(crate) fn redeem_code(&self, code: &str) -> bool {
        self.state().codes.remove(code)
    }

    /// A new refresh token for the client.
    pub(crate) fn issue_refresh(&self) -> String {
        let token = zoho_token();
        self.state().refresh.insert(token.clone());
        token
    }

    pub(crate) fn knows_refresh(&self, token: &str) -> bool {
        self.state().refresh.contains(token)
    }

    pub(crate) fn count_refresh(&self) {
        self.state().refreshes += 1;
    }

    pub(crate) fn refreshes(&self) -> usize {
        self.state().refreshes
    }
}

/// The middleware of every protected route.
pub(crate) async fn require_token(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Zoho-oauthtoken "))
        .map(str::trim);
    let Some(token) = token else {
        return unauthorized("Missing `Authorization: Zoho-oauthtoken <token>` header");
    };
    match shared.tokens.check(token) {
        Ok(()) => next.run(request).await,
        Err(message) => unauthorized(message),
    }
}

fn unauthorized(message: &str) -> Response {
    ApiError::new(StatusCode::UNAUTHORIZED, ErrorCode::InvalidToken, message).into_response()
}

/// `1000.<32 hex>.<32 hex>`, the shape of Zoho's tokens.
fn zoho_token() -> String {
    format!("1000.{}.{}", random_hex(32), random_hex(32))
}

pub(crate) fn random_hex(len: usize) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        // RandomState is seeded from the OS; hashing a counter and the clock
        // with it gives values no test can guess.
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        hasher.write_u128(nanos);
        out.push_str(&format!("{:016x}", hasher.finish()));
    }
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_expire_and_are_reissued() {
        let tokens = Tokens::new(Duration::from_secs(60));
        let first = tokens.current();
        assert_eq!(tokens.check(&first), Ok(()));
        tokens.expire_all();
        assert!(tokens.check(&first).is_err());
        let second = tokens.current();
        assert_ne!(first, second);
        assert_eq!(tokens.check(&second), Ok(()));
        assert!(tokens.check("1000.nope.nope").is_err());
    }

    #[test]
    fn codes_are_single_use_and_tokens_distinct() {
        let tokens = Tokens::new(Duration::from_secs(60));
        let code = tokens.issue_code();
        assert!(tokens.redeem_code(&code));
        assert!(!tokens.redeem_code(&code));
        assert_ne!(zoho_token(), zoho_token());
        assert_eq!(random_hex(42).len(), 42);
    }

    #[test]
    fn debug_hides_client_credentials() {
        let tokens = Tokens::new(Duration::from_secs(60));
        let client = tokens.client().clone();
        let printed = format!("{client:?}");
        assert!(!printed.contains(&client.client_secret));
        assert!(!printed.contains(&client.refresh_token));
    }
}
