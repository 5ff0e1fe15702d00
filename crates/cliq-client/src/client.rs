//! The client and the one loop every call goes through: quota, token,
//! send, rate-limit wait, refresh on rejection, retry.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use cliq_events::ErrorCode;
use cliq_events::envelope::{DataResponse, ListResponse};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;

use crate::api::{Bots, Channels, Commands, Files, Messages, Organizations, Users, Webhooks};
use crate::auth::{Auth, Token};
use crate::builder::ClientBuilder;
use crate::call::{self, Call};
use crate::error::{Error, ErrorKind};
use crate::ratelimit::{self, Limiter, RateLimitStatus};
use crate::retry::{self, RetryPolicy};
use cliq_events::data_centre::DataCentre;

/// An async client for the Cliq REST API v2.
///
/// Cheap to clone: clones share the connection pool, the access token and
/// the rate-limit state. Build one with [`Client::builder`]; reach the
/// endpoints through [`Client::channels`], [`Client::messages`] and their
/// siblings.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
    /// The API root, such as `https://cliq.zoho.com/api/v2`; per clone, so
    /// that a clone can target another data centre.
    api: Arc<Url>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    /// Whether the API root came from a data centre (not a custom URL).
    pub(crate) from_data_centre: bool,
    pub(crate) auth: Auth,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_rate_limit_wait: Duration,
    pub(crate) limiter: Option<Limiter>,
    pub(crate) rate_limit: Mutex<Option<RateLimitStatus>>,
}

impl Client {
    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    pub(crate) fn from_inner(inner: Inner, api: Url) -> Self {
        Self {
            inner: Arc::new(inner),
            api: Arc::new(api),
        }
    }

    /// A clone that calls `data_centre`'s API — for serving a native call,
    /// which names the data centre of the organization it came from.
    /// Credentials, pool and rate-limit state are shared. A client built
    /// with a custom [`base_url`](crate::ClientBuilder::base_url) (a proxy,
    /// an emulator) keeps it.
    #[must_use]
    pub fn for_data_centre(&self, data_centre: DataCentre) -> Self {
        if !self.inner.from_data_centre {
            return self.clone();
        }
        let api = Url::parse(&data_centre.base_url())
            .ok()
            .map(|base| crate::builder::join(&base, &["api", "v2"]));
        match api {
            Some(api) => Self {
                inner: Arc::clone(&self.inner),
                api: Arc::new(api),
            },
            None => self.clone(),
        }
    }

    /// The API root this client calls, such as `https://cliq.zoho.com/api/v2`.
    pub fn api_url(&self) -> &str {
        self.api.as_str()
    }

    /// Channels: list, get, create, update, delete, members.
    pub fn channels(&self) -> Channels<'_> {
        Channels::new(self)
    }

    /// Messages: send to a channel or a user, history, edit, delete, react.
    pub fn messages(&self) -> Messages<'_> {
        Messages::new(self)
    }

    /// Bots: create, list, update, delete, post through a bot's webhook.
    pub fn bots(&self) -> Bots<'_> {
        Bots::new(self)
    }

    /// Incoming and outgoing webhooks.
    pub fn webhooks(&self) -> Webhooks<'_> {
        Webhooks::new(self)
    }

    /// Users: the caller, search, by id.
    pub fn users(&self) -> Users<'_> {
        Users::new(self)
    }

    /// The caller's organization.
    pub fn organization(&self) -> Organizations<'_> {
        Organizations::new(self)
    }

    /// File uploads and messages carrying them.
    pub fn files(&self) -> Files<'_> {
        Files::new(self)
    }

    /// Slash commands.
    pub fn commands(&self) -> Commands<'_> {
        Commands::new(self)
    }

    /// The rate limit as the server last reported it, if it has.
    pub fn rate_limit(&self) -> Option<RateLimitStatus> {
        *self
            .inner
            .rate_limit
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The URL of an API path, each segment percent-encoded.
    pub(crate) fn url(&self, segments: &[&str]) -> Url {
        let mut url = Url::clone(&self.api);
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// Sends `call` and reads `{"data": T}`.
    pub(crate) async fn data<T>(&self, call: Call) -> Result<T, Error>
    where
        T: DeserializeOwned,
    {
        let body = self.send(&call).await?;
        let response: DataResponse<T> = serde_json::from_slice(&body).map_err(Error::decode)?;
        Ok(response.data)
    }

    /// Sends `call` and reads a list page.
    pub(crate) async fn list<T>(&self, call: &Call) -> Result<ListResponse<T>, Error>
    where
        T: DeserializeOwned,
    {
        let body = self.send(call).await?;
        serde_json::from_slice(&body).map_err(Error::decode)
    }

    /// Sends `call`, ignoring whatever a success carries.
    pub(crate) async fn unit(&self, call: Call) -> Result<(), Error> {
        self.send(&call).await.map(drop)
    }

    /// Sends `call` until it succeeds or may not be sent again; returns the
    /// body of the success.
    async fn send(&self, call: &Call) -> Result<Bytes, Error> {
        let inner = &*self.inner;
        let mut attempt = 1;
        let mut refreshed = false;
        loop {
            if let Some(limiter) = &inner.limiter {
                limiter.acquire().await;
            }
            let token = match call.authenticated {
                true => Some(inner.auth.token(&inner.http, &inner.retry).await?),
                false => None,
            };
            let header = token.as_ref().map(|token| &token.header);
            tracing::debug!(method = %call.method, path = call.log_target(), attempt, "cliq call");
            let response = match call.request(&inner.http, header).send().await {
                Ok(response) => response,
                Err(error) => {
                    let again = retry::retry_after_transport(&call.method, &error)
                        && inner.retry.allows_another(attempt);
                    if !again {
                        return Err(Error::transport(error));
                    }
                    tracing::debug!(connect = error.is_connect(), "transport failure: retrying");
                    tokio::time::sleep(inner.retry.delay(attempt)).await;
                    attempt += 1;
                    continue;
                }
            };
            let status = response.status();
            if let Some(seen) = RateLimitStatus::from_headers(response.headers()) {
                *inner
                    .rate_limit
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner) = Some(seen);
            }
            let reset = ratelimit::header_number::<u64>(response.headers(), "x-ratelimit-reset");
            let body = response.bytes().await.map_err(Error::transport)?;
            if status.is_success() {
                return Ok(body);
            }
            let error = call::error_from(status, &body);
            let wait = match status {
                StatusCode::UNAUTHORIZED
                    if !refreshed && error.code() == Some(&ErrorCode::InvalidToken) =>
                {
                    // A rejected token is replaced once; the call, which the
                    // server refused unprocessed, is then sent again.
                    match self.replace(token.as_ref()).await {
                        Some(Ok(())) => {
                            refreshed = true;
                            continue;
                        }
                        Some(Err(refresh)) => return Err(refresh),
                        None => return Err(error),
                    }
                }
                StatusCode::TOO_MANY_REQUESTS => {
                    self.rate_limit_wait(reset, attempt)?;
                    // A refused call was not processed, so even a POST may go again.
                    Some(match reset.map(ratelimit::until_unix) {
                        Some(wait) if !wait.is_zero() => wait,
                        _ => inner.retry.delay(attempt),
                    })
                }
                _ if retry::retry_after_status(&call.method, status)
                    && inner.retry.allows_another(attempt) =>
                {
                    Some(inner.retry.delay(attempt))
                }
                _ => None,
            };
            let Some(wait) = wait else {
                return Err(error);
            };
            tracing::debug!(%status, wait_ms = wait.as_millis(), "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn replace(&self, rejected: Option<&Token>) -> Option<Result<(), Error>> {
        let inner = &*self.inner;
        let rejected = rejected?;
        let replaced = inner
            .auth
            .replace(rejected, &inner.http, &inner.retry)
            .await?;
        Some(replaced.map(drop))
    }

    /// Refuses to wait for a reset too far away, or after the last attempt.
    fn rate_limit_wait(&self, reset: Option<u64>, attempt: u32) -> Result<(), Error> {
        let inner = &*self.inner;
        let too_far = reset.is_some_and(|r| ratelimit::until_unix(r) > inner.max_rate_limit_wait);
        if too_far || !inner.retry.allows_another(attempt) {
            return Err(Error::new(ErrorKind::RateLimited { reset }));
        }
        Ok(())
    }
}
