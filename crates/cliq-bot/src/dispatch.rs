//! The callback route: in-flight limit, verification, parsing, routing, and
//! running the handler under its deadline.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::response::{IntoResponse, Response};
use cliq_events::callback::{Callback, ChannelRef, CommandCallback, Event, EventCallback, UserRef};
use cliq_events::message::{Button, Message};
use cliq_events::native::{self, NativeCallback};
use http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use tower::Service;
use tracing::instrument::Instrumented;
use tracing::{Instrument, field};

use crate::bot::{BotInner, RequestIds};
use crate::context::{Context, RequestId};
use crate::dedup::{DedupKey, window_end};
use crate::handler::{BoxFuture, HandlerResult};
use crate::rejection::Rejection;
use crate::reply::Reply;
use crate::verify::service::verify_parts;

mod run;

use run::run;
pub(crate) use run::{Ran, after, settle, spawn_handler};

const RECEIVED: &str = r#"{"received":true}"#;
const DUPLICATE: &str = r#"{"received":true,"duplicate":true}"#;

/// Serves `POST <path>`, request id included: the request's own
/// `X-Request-Id`, or a new one, is echoed on the response (what tower-http's
/// request-id layers do for the bot's other routes).
pub(crate) struct CallbackService<S> {
    bot: Arc<BotInner<S>>,
    ids: RequestIds,
}

impl<S> CallbackService<S> {
    pub(crate) fn new(bot: Arc<BotInner<S>>, ids: RequestIds) -> Self {
        Self { bot, ids }
    }

    /// Whether `request` is a callback: `POST` on the bot's path.
    pub(crate) fn serves<B>(&self, request: &Request<B>) -> bool {
        request.method() == http::Method::POST && request.uri().path() == self.bot.path
    }
}

impl<S> Clone for CallbackService<S> {
    fn clone(&self) -> Self {
        Self {
            bot: Arc::clone(&self.bot),
            ids: self.ids.clone(),
        }
    }
}

impl<S> Service<Request<Body>> for CallbackService<S>
where
    S: Clone + Send + Sync + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut TaskContext<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let bot = Arc::clone(&self.bot);
        let id = match request.headers().get(X_REQUEST_ID) {
            Some(value) => (RequestId::given(value), Some(value.clone())),
            None => (self.ids.next(), None),
        };
        // Only the headers and the body are needed from here on: the rest of
        // the head is dropped now rather than carried in the future.
        let (parts, body) = request.into_parts();
        let (request_id, header) = id;
        let span = tracing::info_span!(
            "callback",
            request_id = %request_id,
            kind = field::Empty,
            name = field::Empty,
            outcome = field::Empty,
            latency_us = field::Empty,
        );
        Box::pin(Answer {
            // The clock is read only for a span that records it.
            started: (!span.is_disabled()).then(Instant::now),
            inner: process(bot, parts.headers, body, request_id.clone()).instrument(span),
            request_id,
            header,
        })
    }
}

const X_REQUEST_ID: http::HeaderName = http::HeaderName::from_static("x-request-id");

/// What became of a callback, for the log.
pub(crate) enum Outcome {
    Replied(Response),
    Duplicate,
}

pin_project_lite::pin_project! {
    /// Serves one callback inside its span, logs what became of it and
    /// answers with its request id. A future by hand rather than an `async`
    /// block around [`process`], which would hold a second copy of the
    /// callback's headers and body.
    struct Answer<F> {
        #[pin]
        inner: Instrumented<F>,
        started: Option<Instant>,
        request_id: RequestId,
        header: Option<HeaderValue>,
    }
}

impl<F> Future for Answer<F>
where
    F: Future<Output = Result<Outcome, Rejection>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let result = std::task::ready!(this.inner.as_mut().poll(cx));
        let span = this.inner.span();
        let _entered = span.enter();
        if let Some(started) = this.started {
            span.record("latency_us", started.elapsed().as_micros());
        }
        let mut response = match result {
            Ok(Outcome::Replied(response)) => {
                span.record("outcome", "ok");
                tracing::info!("callback handled");
                response
            }
            Ok(Outcome::Duplicate) => {
                span.record("outcome", "duplicate");
                tracing::info!("duplicate event skipped");
                json(StatusCode::OK, DUPLICATE)
            }
            Err(rejection) => {
                span.record("outcome", rejection.code().as_str());
                tracing::info!(status = rejection.status().as_u16(), "callback refused");
                rejection.into_response()
            }
        };
        if !response.headers().contains_key(X_REQUEST_ID) {
            let header = this
                .header
                .take()
                .unwrap_or_else(|| this.request_id.header_value());
            response.headers_mut().insert(X_REQUEST_ID, header);
        }
        Poll::Ready(Ok(response))
    }
}

async fn process<S>(
    bot: Arc<BotInner<S>>,
    headers: HeaderMap,
    body: Body,
    request_id: RequestId,
) -> Result<Outcome, Rejection>
where
    S: Clone + Send + Sync + 'static,
{
    let _permit = bot.in_flight.enter().ok_or(Rejection::Overloaded)?;
    let (body, _verified) =
        verify_parts(&headers, body, bot.scheme.as_ref(), bot.body_limit).await?;
    // Parsed and routed outside this future, so that the callback, large and
    // moved into its handler, takes no room here.
    match route(&bot, body, request_id)? {
        Work::Reply(handler) => {
            let reply = run(&bot, handler).await?;
            respond(&bot, reply)
        }
        Work::Other(work) => work.await,
    }
}

/// What a callback comes to once routed.
enum Work<'a> {
    /// A command or function handler, to run for its reply.
    Reply(BoxFuture<'static, HandlerResult<Reply>>),
    /// An event or a native call, served whole.
    Other(BoxFuture<'a, Result<Outcome, Rejection>>),
}

/// Parses `body` once and finds what serves it.
fn route<S>(
    bot: &Arc<BotInner<S>>,
    body: Bytes,
    request_id: RequestId,
) -> Result<Work<'_>, Rejection>
where
    S: Clone + Send + Sync + 'static,
{
    // Most callbacks are well-formed contract commands: those are read in one
    // pass, straight into their type. Everything else is parsed once into a
    // value, the dialect sniffed from it, and the value made the typed
    // payload.
    let callback = match CommandCallback::from_slice_fast(&body) {
        Some(command) => Callback::Command(command),
        None => {
            let value = native::parse_json(&body)
                .map_err(|error| Rejection::InvalidPayload(error.to_string()))?;
            if native::is_native(&value) {
                return Ok(Work::Other(Box::pin(native_call(bot, value, request_id))));
            }
            Callback::from_value(value)
                .map_err(|error| Rejection::InvalidPayload(error.to_string()))?
        }
    };
    drop(body);
    let span = tracing::Span::current();
    span.record("kind", callback.kind().as_str());
    span.record("name", callback.name());
    match callback {
        Callback::Command(command) => {
            let handler = bot
                .routes
                .command(command.name())
                .cloned()
                .ok_or_else(|| Rejection::UnknownCommand(Rejection::shown(&command.command)))?;
            let cx = context(
                bot,
                request_id,
                Some(command.user.clone()),
                Some(command.channel.clone()),
            );
            Ok(Work::Reply(handler.call_owned(cx, command)))
        }
        Callback::Function(function) => {
            let handler = bot
                .routes
                .function(&function.name)
                .cloned()
                .ok_or_else(|| Rejection::UnknownFunction(Rejection::shown(&function.name)))?;
            let cx = context(
                bot,
                request_id,
                Some(function.user.clone()),
                function.channel.clone(),
            );
            Ok(Work::Reply(handler.call_owned(cx, function)))
        }
        Callback::Event(event) => Ok(Work::Other(Box::pin(handle_event(bot, event, request_id)))),
        _ => Err(Rejection::InternalError),
    }
}

/// Serves a body the native dialect was sniffed from.
async fn native_call<S>(
    bot: &Arc<BotInner<S>>,
    value: serde_json::Value,
    request_id: RequestId,
) -> Result<Outcome, Rejection>
where
    S: Clone + Send + Sync + 'static,
{
    let call = NativeCallback::from_value(value)
        .map_err(|error| Rejection::InvalidPayload(error.to_string()))?;
    let span = tracing::Span::current();
    span.record("kind", "native");
    span.record("name", call.name.as_str());
    crate::native::dispatch::dispatch(bot, call, request_id).await
}

async fn handle_event<S>(
    bot: &Arc<BotInner<S>>,
    event: EventCallback,
    request_id: RequestId,
) -> Result<Outcome, Rejection>
where
    S: Clone + Send + Sync + 'static,
{
    let key = event.message_id().map(|id| DedupKey {
        event: event.name().to_owned(),
        message_id: id.as_str().to_owned(),
    });
    if let Some(key) = &key {
        let now = bot.clock.now();
        if !bot.dedup.claim(key, now, window_end(now, bot.dedup_window)) {
            return Ok(Outcome::Duplicate);
        }
    }
    let Some(handler) = bot.routes.events.clone() else {
        return Ok(Outcome::Replied(json(StatusCode::OK, RECEIVED)));
    };
    let (user, channel) = people(&event.event);
    let cx = context(bot, request_id, user, channel);
    let claim = key.map(|key| Claim {
        store: Arc::clone(&bot.dedup),
        key: Some(key),
    });
    run(
        bot,
        Box::pin(async move {
            let result = handler.call(cx, event.event).await;
            if let (Ok(()), Some(claim)) = (&result, claim) {
                claim.keep();
            }
            result
        }),
    )
    .await
    .map(|()| Outcome::Replied(json(StatusCode::OK, RECEIVED)))
}

/// A claimed de-duplication key, released when dropped unless kept: a handler
/// that fails, panics or is dropped at its deadline gives its key back, so
/// that the sender's retry runs it again.
struct Claim {
    store: Arc<dyn crate::dedup::DedupStore>,
    key: Option<DedupKey>,
}

impl Claim {
    fn keep(mut self) {
        self.key = None;
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            self.store.release(&key);
        }
    }
}

fn respond<S>(bot: &BotInner<S>, reply: Reply) -> Result<Outcome, Rejection> {
    let response = match reply.into_message().map_err(Rejection::InvalidReply)? {
        Some(message) => {
            warn_unserved_buttons(bot, &message);
            message_response(&message)?
        }
        None => json(StatusCode::OK, RECEIVED),
    };
    Ok(Outcome::Replied(response))
}

/// Names every `invoke.function` button on a reply that no handler serves:
/// a click on it would be refused.
fn warn_unserved_buttons<S>(bot: &BotInner<S>, message: &Message) {
    // Looked for only when the warning would be written somewhere.
    if !tracing::enabled!(tracing::Level::WARN) {
        return;
    }
    let buttons = message.card().map_or(&[][..], |card| card.buttons());
    for button in buttons {
        if let Button::InvokeFunction { name, .. } = button
            && bot.routes.function(name).is_none()
        {
            tracing::warn!(function = %name, "reply has a button no function handler serves");
        }
    }
}

fn message_response(message: &Message) -> Result<Response, Rejection> {
    // Sized for a card: most replies are written without growing it.
    let mut body = Vec::with_capacity(1024);
    serde_json::to_writer(&mut body, message).map_err(|_| Rejection::InternalError)?;
    Ok(json(StatusCode::OK, body))
}

pub(crate) fn json(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

pub(crate) fn context<S>(
    bot: &BotInner<S>,
    request_id: RequestId,
    user: Option<UserRef>,
    channel: Option<ChannelRef>,
) -> Context<S>
where
    S: Clone,
{
    Context::new(
        request_id,
        user,
        channel,
        bot.state.clone(),
        bot.runtime.clone(),
    )
    .with_client(bot.client.clone())
}

/// The user and channel an event concerns.
fn people(event: &Event) -> (Option<UserRef>, Option<ChannelRef>) {
    match event {
        Event::MessageCreated(m) | Event::Mention(m) | Event::BotMention(m) => {
            (Some(m.sender.clone()), Some(m.channel.clone()))
        }
        Event::ChannelCreated(c) => (
            c.creator.clone(),
            Some(ChannelRef::new(
                c.channel.id.clone(),
                c.channel.name.clone(),
            )),
        ),
        Event::MemberAdded(m) | Event::MemberRemoved(m) => {
            (Some(m.member.clone()), Some(m.channel.clone()))
        }
        _ => (None, None),
    }
}
#[cfg(test)]
mod tests {
    use std::convert::Infallible;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use axum::body::Body;
    use cliq_events::callback::CommandCallback;
    use http::Request;
    use tokio::sync::{Notify, oneshot};
    use tower::Service;

    use crate::verify::SigningSecret;
    use crate::{Bot, Context};

    #[tokio::test]
    async fn a_handler_outlives_a_sender_that_hangs_up() {
        let started = Arc::new(Notify::new());
        let release = Arc::new(Notify::new());
        let (finished, finished_rx) = oneshot::channel::<()>();
        let finished = Arc::new(Mutex::new(Some(finished)));
        let handler = {
            let (started, release) = (Arc::clone(&started), Arc::clone(&release));
            move |_cx: Context, _command: CommandCallback| {
                let (started, release) = (Arc::clone(&started), Arc::clone(&release));
                let finished = Arc::clone(&finished);
                async move {
                    started.notify_one();
                    release.notified().await;
                    if let Some(finished) = finished.lock().ok().and_then(|mut f| f.take()) {
                        let _ = finished.send(());
                    }
                    Ok::<_, Infallible>("done")
                }
            }
        };
        let Ok(bot) = Bot::builder()
            .secret("s3cret")
            .command("wait", handler)
            .build()
        else {
            panic!("the bot builds");
        };
        let mut router = bot.into_router();
        let body =
            r#"{"command":"/wait","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"}}"#;
        let signature = SigningSecret::new("s3cret").sign(&[body.as_bytes()]);
        let request = Request::post("/cliq")
            .header("content-type", "application/json")
            .header("x-cliq-signature", signature)
            .body(Body::from(body));
        let Ok(request) = request else {
            panic!("the request builds");
        };
        let mut answer = Box::pin(router.call(request));
        tokio::select! {
            _ = &mut answer => panic!("answered before the handler was released"),
            () = started.notified() => {}
        }
        // The sender hangs up while the handler is running.
        drop(answer);
        release.notify_one();
        let finished = tokio::time::timeout(Duration::from_secs(5), finished_rx).await;
        assert!(
            matches!(finished, Ok(Ok(()))),
            "the handler was cancelled with its request"
        );
    }
}

#[cfg(test)]
mod size {
    use axum::body::Body;
    use cliq_events::callback::CommandCallback;

    use crate::{Bot, Context};

    /// A callback's future is one allocation per request: it stays small
    /// enough for the allocator's fast path (1 KiB), rarely used parts
    /// boxed apart.
    #[test]
    fn a_callback_future_stays_small() {
        let Ok(bot) = Bot::builder()
            .secret("s3cret")
            .command("x", |_cx: Context, _c: CommandCallback| async {
                Ok::<_, std::convert::Infallible>("x")
            })
            .build()
        else {
            panic!("the bot builds");
        };
        let mut service = super::CallbackService::new(bot.inner, crate::bot::RequestIds::new());
        let future = tower::Service::call(
            &mut service,
            http::Request::post("/cliq")
                .body(Body::empty())
                .unwrap_or_default(),
        );
        let size = std::mem::size_of_val(&*future);
        assert!(size <= 1024, "{size} bytes");
    }
}
