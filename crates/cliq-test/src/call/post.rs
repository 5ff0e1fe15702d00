//! The raw request builder: any body, path, method and headers, signed
//! like a callback — for what no typed builder makes.

use std::future::IntoFuture;

use super::ReplyFuture;
use crate::error::KitError;
use crate::kit::{Outgoing, TestKit};
use crate::reply::Reply;
use crate::sign::{Dialect, Signing};

impl<S> TestKit<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// Any body, signed like a callback: for payloads no builder makes
    /// (invalid ones, say). Set the path, method, content type and headers
    /// on the [`PostCall`].
    pub fn post(&self, body: impl Into<Vec<u8>>) -> PostCall<'_, S> {
        PostCall {
            kit: self,
            outgoing: Outgoing::json(body.into(), Signing::default(), Dialect::Contract),
            signing: Signing::default(),
        }
    }
}

/// Any body, from [`TestKit::post`].
#[derive(Debug)]
#[must_use = "a call does nothing until awaited"]
pub struct PostCall<'a, S> {
    kit: &'a TestKit<S>,
    outgoing: Outgoing,
    signing: Signing,
}

impl<S> PostCall<'_, S> {
    signing_setters!();

    /// The path (default: the bot's callback path).
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.outgoing.path = Some(path.into());
        self
    }

    /// The method (default: `POST`).
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.outgoing.method = method.into();
        self
    }

    /// The `Content-Type` (default: `application/json`); `None` sends none.
    pub fn content_type(mut self, content_type: Option<&str>) -> Self {
        self.outgoing.content_type = content_type.map(str::to_owned);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.outgoing.headers.push((name.into(), value.into()));
        self
    }
}

impl<'a, S> IntoFuture for PostCall<'a, S>
where
    S: Clone + Send + Sync + 'static,
{
    type Output = Result<Reply, KitError>;
    type IntoFuture = ReplyFuture<'a>;

    fn into_future(mut self) -> Self::IntoFuture {
        self.outgoing.signing = self.signing;
        Box::pin(self.kit.deliver(self.outgoing))
    }
}
