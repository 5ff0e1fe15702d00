//! The callback route: in-flight limit, verification, parsing, routing, and
//! running the handler under its deadline.

use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::Instant;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use cliq_events::callback::{Callback, ChannelRef, Event, EventCallback, UserRef};
use cliq_events::message::{Button, Message, ValidationError};
use cliq_events::native::{self, NativeCallback, NativeValidationError};
use http::{HeaderValue, Request, StatusCode, header};
use tower::Service;
use tracing::{Instrument, field};

use crate::bot::BotInner;
use crate::context::Context;
use crate::dedup::{DedupKey, window_end};
use crate::handler::{BoxFuture, HandlerResult};
use crate::rejection::Rejection;
use crate::reply::Reply;
use crate::verify::service::verify_request;

const RECEIVED: &str = r#"{"received":true}"#;
const DUPLICATE: &str = r#"{"received":true,"duplicate":true}"#;

/// Serves `POST <path>`.
pub(crate) struct CallbackService<S> {
    bot: Arc<BotInner<S>>,
}

impl<S> CallbackService<S> {
    pub(crate) fn new(bot: Arc<BotInner<S>>) -> Self {
        Self { bot }
    }
}

impl<S> Clone for CallbackService<S> {
    fn clone(&self) -> Self {
        Self {
            bot: Arc::clone(&self.bot),
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
        Box::pin(async move { Ok(handle(bot, request).await) })
    }
}

/// What became of a callback, for the log.
pub(crate) enum Outcome {
    Replied(Response),
    Duplicate,
}

async fn handle<S>(bot: Arc<BotInner<S>>, request: Request<Body>) -> Response
where
    S: Clone + Send + Sync + 'static,
{
    let started = Instant::now();
    let request_id: Arc<str> = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .map_or_else(|| Arc::from(""), Arc::from);
    let span = tracing::info_span!(
        "callback",
        request_id = %request_id,
        kind = field::Empty,
        name = field::Empty,
        outcome = field::Empty,
        latency_us = field::Empty,
    );
    async move {
        let result = process(bot, request, request_id).await;
        let span = tracing::Span::current();
        span.record("latency_us", started.elapsed().as_micros());
        match result {
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
        }
    }
    .instrument(span)
    .await
}

async fn process<S>(
    bot: Arc<BotInner<S>>,
    request: Request<Body>,
    request_id: Arc<str>,
) -> Result<Outcome, Rejection>
where
    S: Clone + Send + Sync + 'static,
{
    let _permit = Arc::clone(&bot.in_flight)
        .try_acquire_owned()
        .map_err(|_| Rejection::Overloaded)?;
    let (_parts, body, _verified) =
        verify_request(request, bot.scheme.as_ref(), bot.body_limit).await?;
    // One parse: the dialect is sniffed from the value, which then becomes
    // the typed payload.
    let value =
        native::parse_json(&body).map_err(|error| Rejection::InvalidPayload(error.to_string()))?;
    drop(body);
    let span = tracing::Span::current();
    if native::is_native(&value) {
        let call = NativeCallback::from_value(value)
            .map_err(|error| Rejection::InvalidPayload(error.to_string()))?;
        span.record("kind", "native");
        span.record("name", call.name.as_str());
        return crate::native::dispatch::dispatch(&bot, call, request_id).await;
    }
    let callback = Callback::from_value(value)
        .map_err(|error| Rejection::InvalidPayload(error.to_string()))?;
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
                &bot,
                request_id,
                Some(command.user.clone()),
                Some(command.channel.clone()),
            );
            let reply = run(&bot, async move { handler.call(cx, command).await }).await?;
            respond(&bot, reply)
        }
        Callback::Function(function) => {
            let handler = bot
                .routes
                .function(&function.name)
                .cloned()
                .ok_or_else(|| Rejection::UnknownFunction(Rejection::shown(&function.name)))?;
            let cx = context(
                &bot,
                request_id,
                Some(function.user.clone()),
                function.channel.clone(),
            );
            let reply = run(&bot, async move { handler.call(cx, function).await }).await?;
            respond(&bot, reply)
        }
        Callback::Event(event) => handle_event(&bot, event, request_id).await,
        _ => Err(Rejection::InternalError),
    }
}

async fn handle_event<S>(
    bot: &Arc<BotInner<S>>,
    event: EventCallback,
    request_id: Arc<str>,
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
    run(bot, async move {
        let result = handler.call(cx, event.event).await;
        if let (Ok(()), Some(claim)) = (&result, claim) {
            claim.keep();
        }
        result
    })
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

/// What a handler task yields: its result, or the deadline passed.
pub(crate) type Ran<T> = Result<HandlerResult<T>, tokio::time::error::Elapsed>;

/// Starts a handler on its own task, tracked for graceful shutdown, so that
/// it finishes (or is undone) even if the sender hangs up; the deadline
/// cancels it.
pub(crate) fn spawn_handler<S, T>(
    bot: &BotInner<S>,
    deadline: std::time::Duration,
    handler: impl Future<Output = HandlerResult<T>> + Send + 'static,
) -> tokio::task::JoinHandle<Ran<T>>
where
    T: Send + 'static,
{
    bot.runtime
        .tasks
        .spawn(async move { tokio::time::timeout(deadline, handler).await }.in_current_span())
}

/// Turns a finished handler task into its value or the contract's refusal:
/// panics, errors, broken limits and the deadline.
pub(crate) fn settle<T>(joined: Result<Ran<T>, tokio::task::JoinError>) -> Result<T, Rejection> {
    match joined {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(error))) => Err(refusal(error)),
        Ok(Err(_elapsed)) => {
            tracing::warn!("handler ran past its deadline");
            Err(Rejection::HandlerTimeout)
        }
        Err(join) => {
            if join.is_panic() {
                tracing::error!("handler panicked");
            }
            Err(Rejection::InternalError)
        }
    }
}

/// A handler's error as a refusal: a broken limit keeps its own code.
fn refusal(error: crate::handler::BoxError) -> Rejection {
    let error = match error.downcast::<ValidationError>() {
        Ok(invalid) => return Rejection::InvalidReply(*invalid),
        Err(error) => error,
    };
    match error.downcast::<NativeValidationError>() {
        Ok(invalid) => Rejection::InvalidNativeReply(*invalid),
        Err(error) => {
            tracing::warn!(error = %error, "handler failed");
            Rejection::HandlerError
        }
    }
}

/// Runs a handler to completion under the bot's deadline.
async fn run<S, T>(
    bot: &BotInner<S>,
    handler: impl Future<Output = HandlerResult<T>> + Send + 'static,
) -> Result<T, Rejection>
where
    T: Send + 'static,
{
    settle(spawn_handler(bot, bot.deadline, handler).await)
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
    let body = serde_json::to_vec(message).map_err(|_| Rejection::InternalError)?;
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
    request_id: Arc<str>,
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
