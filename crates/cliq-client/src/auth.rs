//! Access tokens: a static one, or OAuth with a refresh token — refreshed a
//! little before it expires and when the API rejects it, one refresh at a
//! time however many calls wait for it.

use std::fmt;
use std::time::Duration;

use cliq_events::rest::{Secret, TokenRequest, TokenResponse};
use reqwest::Url;
use reqwest::header::HeaderValue;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::error::{Error, ErrorKind};
use crate::retry::RetryPolicy;

/// How long before its expiry a token is replaced, at most.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The credentials of the OAuth refresh-token grant.
#[derive(Clone, Debug)]
pub(crate) struct OAuthCredentials {
    pub(crate) client_id: String,
    pub(crate) client_secret: Secret,
    pub(crate) refresh_token: Secret,
}

/// Where the `Authorization` header comes from.
#[derive(Debug)]
pub(crate) enum Auth {
    /// No credentials: only tokenless calls (webhook and response URLs).
    None,
    Static(HeaderValue),
    Refreshing(Box<OAuth>),
}

/// A header and the generation of the token in it, to tell a rejection of
/// the current token from one of a token already replaced.
pub(crate) struct Token {
    pub(crate) header: HeaderValue,
    generation: u64,
}

impl Auth {
    pub(crate) fn from_static(token: &Secret) -> Result<Self, Error> {
        header(token)
            .map(Self::Static)
            .ok_or_else(|| Error::config("access token is not a valid header value"))
    }

    pub(crate) fn oauth(credentials: OAuthCredentials, token_url: Url) -> Self {
        Self::Refreshing(Box::new(OAuth {
            credentials,
            token_url,
            state: Mutex::new(State::default()),
        }))
    }

    /// The current token, fetched first if there is none or it is about to
    /// expire.
    pub(crate) async fn token(
        &self,
        http: &reqwest::Client,
        retry: &RetryPolicy,
    ) -> Result<Token, Error> {
        match self {
            Self::None => Err(Error::config(
                "no credentials: this client only posts to webhook and response URLs",
            )),
            Self::Static(header) => Ok(Token {
                header: header.clone(),
                generation: 0,
            }),
            Self::Refreshing(oauth) => oauth.token(http, retry, None).await,
        }
    }

    /// A token to replace `rejected`, which the API refused; `None` when the
    /// token cannot be refreshed.
    pub(crate) async fn replace(
        &self,
        rejected: &Token,
        http: &reqwest::Client,
        retry: &RetryPolicy,
    ) -> Option<Result<Token, Error>> {
        match self {
            Self::None | Self::Static(_) => None,
            Self::Refreshing(oauth) => {
                Some(oauth.token(http, retry, Some(rejected.generation)).await)
            }
        }
    }
}

pub(crate) struct OAuth {
    credentials: OAuthCredentials,
    token_url: Url,
    // Held across the refresh itself: that is what makes it single-flight.
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    header: Option<HeaderValue>,
    fresh_until: Option<Instant>,
    generation: u64,
}

impl OAuth {
    async fn token(
        &self,
        http: &reqwest::Client,
        retry: &RetryPolicy,
        rejected: Option<u64>,
    ) -> Result<Token, Error> {
        let mut state = self.state.lock().await;
        let current = state.header.clone().filter(|_| match rejected {
            // Someone else already replaced the rejected token: use theirs.
            Some(generation) => generation != state.generation,
            None => state.fresh_until.is_some_and(|at| Instant::now() < at),
        });
        if let Some(header) = current {
            return Ok(Token {
                header,
                generation: state.generation,
            });
        }
        tracing::debug!(generation = state.generation, "refreshing the access token");
        let response = self.request(http, retry).await?;
        let header = header(&response.access_token).ok_or_else(|| {
            Error::new(ErrorKind::Auth).with_source("access token is not a valid header value")
        })?;
        let lifetime = Duration::from_secs(response.expires_in);
        let margin = REFRESH_MARGIN.min(lifetime / 2);
        state.header = Some(header.clone());
        state.fresh_until = Some(Instant::now() + lifetime - margin);
        state.generation += 1;
        Ok(Token {
            header,
            generation: state.generation,
        })
    }

    async fn request(
        &self,
        http: &reqwest::Client,
        retry: &RetryPolicy,
    ) -> Result<TokenResponse, Error> {
        let form = TokenRequest::refresh_token(
            self.credentials.client_id.clone(),
            self.credentials.client_secret.clone(),
            self.credentials.refresh_token.clone(),
        );
        let mut attempt = 1;
        let response = loop {
            let sent = http.post(self.token_url.clone()).form(&form).send().await;
            let retryable = match &sent {
                Ok(response) => response.status().is_server_error(),
                Err(error) => !error.is_builder(),
            };
            // Repeating a refresh is harmless: the old token stays valid.
            if !retryable || !retry.allows_another(attempt) {
                break sent;
            }
            tokio::time::sleep(retry.delay(attempt)).await;
            attempt += 1;
        };
        let response = response.map_err(|e| auth_error(e.without_url()))?;
        let status = response.status().as_u16();
        let body = response
            .bytes()
            .await
            .map_err(|e| auth_error(e.without_url()))?;
        serde_json::from_slice::<TokenResponse>(&body)
            .map_err(|_| auth_error(Refused::read(status, &body)))
    }
}

impl fmt::Debug for OAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth")
            .field("credentials", &self.credentials)
            .field("token_url", &self.token_url.as_str())
            .finish_non_exhaustive()
    }
}

fn header(token: &Secret) -> Option<HeaderValue> {
    let mut header = HeaderValue::from_str(&format!("Zoho-oauthtoken {}", token.expose())).ok()?;
    header.set_sensitive(true);
    Some(header)
}

fn auth_error<E>(source: E) -> Error
where
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    Error::new(ErrorKind::Auth).with_source(source)
}

/// The token endpoint's refusal: its status and error code, which name the
/// problem (`invalid_client`, `invalid_code`) without revealing anything.
#[derive(Debug, thiserror::Error)]
#[error("token endpoint answered {status}{}", code.as_deref().map(|c| format!(" {c}")).unwrap_or_default())]
struct Refused {
    status: u16,
    code: Option<String>,
}

impl Refused {
    /// Zoho answers `{"error": "invalid_client"}`, often with status 200;
    /// an error envelope `{"error": {"code": ..}}` is read too.
    fn read(status: u16, body: &[u8]) -> Self {
        let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let error = &value["error"];
        let code = error
            .as_str()
            .or_else(|| error["code"].as_str())
            .map(|code| code.chars().take(64).collect());
        Self { status, code }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_code_only() {
        let cases: [(&[u8], &str); 4] = [
            (
                br#"{"error":"invalid_client"}"#,
                "token endpoint answered 200 invalid_client",
            ),
            (
                br#"{"error":{"code":"INVALID_TOKEN","message":"x"}}"#,
                "token endpoint answered 200 INVALID_TOKEN",
            ),
            (b"<html>oops</html>", "token endpoint answered 200"),
            (b"", "token endpoint answered 200"),
        ];
        for (body, expected) in cases {
            assert_eq!(Refused::read(200, body).to_string(), expected);
        }
    }

    #[test]
    fn headers_are_sensitive_and_debug_hides_credentials() -> Result<(), Error> {
        let Auth::Static(header) = Auth::from_static(&Secret::new("1000.abc"))? else {
            return Err(Error::config("not static"));
        };
        assert!(header.is_sensitive());
        assert_eq!(header.to_str().ok(), Some("Zoho-oauthtoken 1000.abc"));
        let credentials = OAuthCredentials {
            client_id: "id".to_owned(),
            client_secret: Secret::new("s3cret"),
            refresh_token: Secret::new("r3fresh"),
        };
        let url = Url::parse("https://accounts.zoho.com/oauth/v2/token").map_err(Error::decode)?;
        let printed = format!("{:?} {:?}", Auth::oauth(credentials, url), header);
        assert!(!printed.contains("s3cret") && !printed.contains("r3fresh"));
        assert!(!printed.contains("1000.abc"), "{printed}");
        Ok(())
    }

    #[test]
    fn bad_static_tokens_are_a_config_error() {
        let error = Auth::from_static(&Secret::new("line\nbreak")).err();
        assert!(matches!(
            error.map(|e| e.kind().clone()),
            Some(ErrorKind::Config(_))
        ));
    }
}
