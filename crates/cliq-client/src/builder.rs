//! [`ClientBuilder`]: where the client sends, how it authenticates, how it
//! waits and retries.

use std::sync::Mutex;
use std::time::Duration;

use cliq_events::rest::Secret;
use reqwest::Url;

use crate::auth::{Auth, OAuthCredentials};
use crate::client::{Client, Inner};
use crate::error::Error;
use crate::ratelimit::{Limiter, Plan, Quota};
use crate::retry::RetryPolicy;
use crate::tls;
use cliq_events::data_centre::DataCentre;

/// Builds a [`Client`]; start with [`Client::builder`].
///
/// Credentials are required: a static [`access_token`](Self::access_token)
/// or [`oauth`](Self::oauth) credentials. Everything else has a default: the
/// US data centre, 3 attempts, a 60 s limit on waiting out a `429`, no
/// client-side quota, a 30 s request timeout.
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    data_centre: DataCentre,
    base_url: Option<String>,
    accounts_url: Option<String>,
    credentials: Option<Credentials>,
    http: Option<reqwest::Client>,
    timeout: Duration,
    retry: RetryPolicy,
    max_rate_limit_wait: Duration,
    quota: Option<Quota>,
}

#[derive(Debug)]
enum Credentials {
    None,
    Static(Secret),
    OAuth(OAuthCredentials),
}

impl ClientBuilder {
    pub(crate) fn new() -> Self {
        Self {
            data_centre: DataCentre::default(),
            base_url: None,
            accounts_url: None,
            credentials: None,
            http: None,
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            max_rate_limit_wait: Duration::from_secs(60),
            quota: None,
        }
    }

    /// The account's data centre; picks both the API and the accounts host.
    pub fn data_centre(mut self, data_centre: DataCentre) -> Self {
        self.data_centre = data_centre;
        self
    }

    /// A custom Cliq base URL (the API is under `{url}/api/v2`), such as a
    /// proxy or an emulator. Overrides the data centre's.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// A custom accounts base URL (tokens come from `{url}/oauth/v2/token`).
    /// Overrides the data centre's.
    pub fn accounts_url(mut self, url: impl Into<String>) -> Self {
        self.accounts_url = Some(url.into());
        self
    }

    /// Builds without credentials: the client can post to webhook URLs and
    /// native `response_url`s, which need no token, and every API call fails
    /// with [`ErrorKind::Config`](crate::ErrorKind::Config).
    pub fn tokenless(mut self) -> Self {
        self.credentials = Some(Credentials::None);
        self
    }

    /// Authenticates with this access token, never refreshed.
    pub fn access_token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials = Some(Credentials::Static(token.into()));
        self
    }

    /// Authenticates with OAuth: access tokens come from the refresh-token
    /// grant, shortly before each expires and when the API rejects one.
    pub fn oauth(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        refresh_token: impl Into<Secret>,
    ) -> Self {
        self.credentials = Some(Credentials::OAuth(OAuthCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            refresh_token: refresh_token.into(),
        }));
        self
    }

    /// Attempts per call, the first included (default 3; at least 1). Every
    /// retry counts: after a connection failure, a 5xx or a `429`.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.retry.max_attempts = attempts.max(1);
        self
    }

    /// The backoff between retries: `base` doubled each time, capped at
    /// `max`, half of it random (defaults 200 ms and 5 s).
    pub fn backoff(mut self, base: Duration, max: Duration) -> Self {
        self.retry.base_delay = base;
        self.retry.max_delay = max.max(base);
        self
    }

    /// The longest the client waits for `X-RateLimit-Reset` after a `429`
    /// (default 60 s); a reset further away fails the call with
    /// [`ErrorKind::RateLimited`](crate::ErrorKind::RateLimited).
    pub fn max_rate_limit_wait(mut self, wait: Duration) -> Self {
        self.max_rate_limit_wait = wait;
        self
    }

    /// Keeps calls under the plan's per-minute quota on the client side.
    pub fn plan(self, plan: Plan) -> Self {
        self.quota(plan.quota())
    }

    /// Keeps calls under a custom quota on the client side.
    pub fn quota(mut self, quota: Quota) -> Self {
        self.quota = Some(quota);
        self
    }

    /// The timeout of each request (default 30 s); ignored with
    /// [`http_client`](Self::http_client).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sends through this `reqwest` client instead of one built here — the
    /// one place a `reqwest` type shows, for proxies, custom roots or
    /// sharing a pool. It must have a TLS backend configured.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    /// [`ErrorKind::Config`](crate::ErrorKind::Config) when no credentials
    /// were given, a URL is not an absolute `http(s)` URL, a token is not a
    /// valid header value, or no TLS configuration could be made (no root
    /// certificates on the system).
    pub fn build(self) -> Result<Client, Error> {
        let from_data_centre = self.base_url.is_none();
        let base = parse_base(self.base_url, self.data_centre.base_url(), "base url")?;
        let accounts = parse_base(
            self.accounts_url,
            self.data_centre.accounts_url(),
            "accounts url",
        )?;
        let auth = match self.credentials {
            None => return Err(Error::config("no credentials: set access_token or oauth")),
            Some(Credentials::None) => Auth::None,
            Some(Credentials::Static(token)) => Auth::from_static(&token)?,
            Some(Credentials::OAuth(credentials)) => {
                Auth::oauth(credentials, join(&accounts, &["oauth", "v2", "token"]))
            }
        };
        let http = match self.http {
            Some(http) => http,
            None => tls::http_client(self.timeout)?,
        };
        Ok(Client::from_inner(
            Inner {
                http,
                from_data_centre,
                auth,
                retry: self.retry,
                max_rate_limit_wait: self.max_rate_limit_wait,
                limiter: self.quota.map(Limiter::new),
                rate_limit: Mutex::new(None),
            },
            join(&base, &["api", "v2"]),
        ))
    }
}

fn parse_base(custom: Option<String>, default: String, what: &str) -> Result<Url, Error> {
    let text = custom.unwrap_or(default);
    let url = Url::parse(&text).map_err(|e| Error::config(format!("{what}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(Error::config(format!("{what} is not an http(s) url")));
    }
    Ok(url)
}

pub(crate) fn join(base: &Url, segments: &[&str]) -> Url {
    let mut url = base.clone();
    url.set_query(None);
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn config_error(builder: ClientBuilder) -> Option<String> {
        match builder.build().map_err(|e| e.kind().clone()) {
            Err(ErrorKind::Config(message)) => Some(message),
            _ => None,
        }
    }

    #[test]
    fn refuses_missing_credentials_and_bad_urls() {
        let cases = [
            (
                Client::builder(),
                "no credentials: set access_token or oauth",
            ),
            (
                Client::builder()
                    .access_token("t")
                    .base_url("ftp://cliq.example"),
                "base url is not an http(s) url",
            ),
            (
                Client::builder()
                    .access_token("t")
                    .accounts_url("mailto:x@y"),
                "accounts url is not an http(s) url",
            ),
        ];
        for (builder, expected) in cases {
            assert_eq!(config_error(builder).as_deref(), Some(expected));
        }
        let relative = config_error(Client::builder().access_token("t").base_url("/relative"));
        assert!(relative.is_some_and(|m| m.starts_with("base url: ")));
    }

    #[test]
    fn api_paths_join_the_base_url() -> Result<(), Error> {
        let cases = [
            (
                "https://cliq.zoho.eu",
                "https://cliq.zoho.eu/api/v2/channels/CT%2F1",
            ),
            (
                "http://127.0.0.1:9/",
                "http://127.0.0.1:9/api/v2/channels/CT%2F1",
            ),
            (
                "http://proxy/cliq/",
                "http://proxy/cliq/api/v2/channels/CT%2F1",
            ),
        ];
        for (base, expected) in cases {
            let client = Client::builder().access_token("t").base_url(base).build()?;
            assert_eq!(client.url(&["channels", "CT/1"]).as_str(), expected);
        }
        Ok(())
    }
}
