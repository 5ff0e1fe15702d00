//! The native call builder: any call of the native dialect, signed with the
//! kit's RSA extension key.

use std::future::IntoFuture;

use cliq_events::native::{Arguments, NativeCallback};
use serde_json::{Map, Value};

use super::ReplyFuture;
use crate::error::{KitError, KitErrorKind};
use crate::fixtures;
use crate::kit::{Outgoing, TestKit};
use crate::reply::Reply;
use crate::sign::{Dialect, Signing, unix_millis};

/// A native call, from [`TestKit::native`], [`TestKit::native_command`] or
/// [`TestKit::native_click`].
#[derive(Debug)]
#[must_use = "a call does nothing until awaited"]
pub struct NativeCall<'a, S> {
    kit: &'a TestKit<S>,
    call: NativeCallback,
    response_url: Option<String>,
    timestamp_ms: Option<u64>,
    signing: Signing,
}

impl<S> TestKit<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// `call` in the native dialect, RSA-signed with the kit's extension key
    /// (which [`Setup::apply`](crate::Setup::apply) gave the bot). Its
    /// `timestamp` becomes the kit's clock, and its `response_url` is
    /// dropped (a test reaches no real Cliq) unless set on the builder.
    /// [`fixtures::native`] has a sample of every kind.
    pub fn native(&self, call: NativeCallback) -> NativeCall<'_, S> {
        NativeCall {
            kit: self,
            call,
            response_url: None,
            timestamp_ms: None,
            signing: Signing::default(),
        }
    }

    /// A native command execution, as typed: `"/deploy production"`. The
    /// user and chat are the sample's (Scott Fisher in "Sample").
    pub fn native_command(&self, typed: &str) -> NativeCall<'_, S> {
        let typed = typed.trim().trim_start_matches('/');
        let (name, arguments) = typed.split_once(char::is_whitespace).unwrap_or((typed, ""));
        let mut call = sample("command.execution_handler");
        call.name = name.to_owned();
        call.params.arguments = Some(Arguments::Text(arguments.trim().to_owned()));
        self.native(call)
    }

    /// A native click on a button calling `function` whose `key` is `key`
    /// (what a PROTOCOL.md button's id becomes in the native dialect).
    pub fn native_click(&self, function: &str, key: &str) -> NativeCall<'_, S> {
        let mut call = sample("function.button_handler");
        call.name = function.to_owned();
        let mut arguments = Map::new();
        arguments.insert("key".to_owned(), Value::String(key.to_owned()));
        call.params.arguments = Some(Arguments::Object(arguments));
        self.native(call)
    }
}

/// A sample the kit ships (its tests parse every one).
fn sample(kind: &str) -> NativeCallback {
    fixtures::native(kind).unwrap_or_else(|| panic!("no native sample {kind}"))
}

impl<S> NativeCall<'_, S> {
    signing_setters!();

    /// Sends this `response_url`: where the bot POSTs a reply that misses
    /// the budget (default: none, so the bot answers in the response).
    pub fn response_url(mut self, url: impl Into<String>) -> Self {
        self.response_url = Some(url.into());
        self
    }

    /// The call's `timestamp`, in epoch milliseconds (default: the kit's
    /// clock when awaited). The reply budget is measured from it.
    pub fn timestamp_ms(mut self, ms: u64) -> Self {
        self.timestamp_ms = Some(ms);
        self
    }
}

impl<'a, S> IntoFuture for NativeCall<'a, S>
where
    S: Clone + Send + Sync + 'static,
{
    type Output = Result<Reply, KitError>;
    type IntoFuture = ReplyFuture<'a>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let kit = self.kit;
            let mut call = self.call;
            call.timestamp_ms = Some(self.timestamp_ms.unwrap_or_else(|| unix_millis(kit.now())));
            call.response_url = self.response_url;
            let body = serde_json::to_vec(&call)
                .map_err(|error| KitError::new(KitErrorKind::Request, error))?;
            kit.deliver(Outgoing::json(body, self.signing, Dialect::Native))
                .await
        })
    }
}
