//! Routing a native call, running its handler within the reply budget, and
//! posting a late reply to `response_url`.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cliq_events::native::{Component, HandlerType, NativeCallback, NativeReply};
use http::StatusCode;
use tracing::Instrument;

use crate::bot::BotInner;
use crate::context::RequestId;
use crate::dispatch::{Outcome, context, json, settle, spawn_handler};
use crate::handler::BoxError;
use crate::rejection::Rejection;
use crate::reply::Reply;

/// Serves one verified native call.
pub(crate) async fn dispatch<S>(
    bot: &Arc<BotInner<S>>,
    call: NativeCallback,
    request_id: RequestId,
) -> Result<Outcome, Rejection>
where
    S: Clone + Send + Sync + 'static,
{
    let now_ms = unix_ms(bot.clock.now());
    if let Some(sent) = call.timestamp_ms {
        tracing::info!(
            arrived_ms = now_ms.saturating_sub(sent),
            "native call arrived"
        );
    }
    let budget_end = call
        .timestamp_ms
        .unwrap_or(now_ms)
        .saturating_add(millis(bot.native.budget));
    let remaining = Duration::from_millis(budget_end.saturating_sub(now_ms));
    let response_url = call.response_url.clone();
    let sent_ms = call.timestamp_ms;
    let call = Arc::new(call);
    let mut task = route(bot, &call, &request_id)?;
    let reply = match tokio::time::timeout(remaining, &mut task).await {
        Ok(joined) => settle(joined)?,
        Err(_) => match response_url {
            None => settle(task.await)?,
            Some(url) => {
                late(bot, task, url, sent_ms);
                bot.native.placeholder.clone()
            }
        },
    };
    output(&reply)
}

/// Finds the handler and starts it; its result is a native reply either way.
/// A handler registered for the native kind comes first, then the
/// contract's command and function handlers, then the native fallback.
fn route<S>(
    bot: &Arc<BotInner<S>>,
    call: &Arc<NativeCallback>,
    request_id: &RequestId,
) -> Result<tokio::task::JoinHandle<crate::dispatch::Ran<NativeReply>>, Rejection>
where
    S: Clone + Send + Sync + 'static,
{
    let deadline = bot.native.deadline;
    let cx = |user, channel| {
        context(bot, request_id.clone(), user, channel)
            .with_client(client_for(bot, call))
            .with_native(Arc::clone(call))
    };
    let native = bot.native.routes.specific(call);
    if let Some(handler) = native.or(bot.native.routes.fallback.as_ref()).cloned()
        && (native.is_some() || !serves_in_common(bot, call))
    {
        let (cx, call) = (cx(None, None), NativeCallback::clone(call));
        return Ok(spawn_handler(bot, deadline, async move {
            handler.call(cx, call).await
        }));
    }
    if let Some(command) = call.to_command()
        && let Some(handler) = bot.routes.command(command.name()).cloned()
    {
        let cx = cx(Some(command.user.clone()), Some(command.channel.clone()));
        return Ok(spawn_handler(bot, deadline, async move {
            to_native(handler.call(cx, command).await?)
        }));
    }
    if let Some(function) = call.to_function()
        && let Some(handler) = bot.routes.function(&function.name).cloned()
    {
        let cx = cx(Some(function.user.clone()), function.channel.clone());
        return Ok(spawn_handler(bot, deadline, async move {
            to_native(handler.call(cx, function).await?)
        }));
    }
    Err(unknown(call))
}

/// Whether a contract command or function handler serves this call.
fn serves_in_common<S>(bot: &BotInner<S>, call: &NativeCallback) -> bool {
    let command = call
        .to_command()
        .is_some_and(|command| bot.routes.command(command.name()).is_some());
    let function = call
        .to_function()
        .is_some_and(|function| bot.routes.function(&function.name).is_some());
    command || function
}

/// The bot's client, aimed at the data centre the call came from.
fn client_for<S>(bot: &BotInner<S>, call: &NativeCallback) -> Option<cliq_client::Client> {
    let client = bot.client.as_ref()?;
    Some(
        call.data_centre()
            .map_or_else(|| client.clone(), |dc| client.for_data_centre(dc)),
    )
}

fn unknown(call: &NativeCallback) -> Rejection {
    let shown = Rejection::shown(&call.name);
    match (&call.component, &call.handler) {
        (Component::Command, HandlerType::ExecutionHandler) => Rejection::UnknownCommand(shown),
        (Component::Function, HandlerType::ButtonHandler) => Rejection::UnknownFunction(shown),
        (component, handler) => Rejection::UnknownHandler(format!(
            "{}.{} {shown}",
            component.as_str(),
            handler.as_str()
        )),
    }
}

/// A contract reply as a native one: a message converted, nothing as `""`.
fn to_native(reply: Reply) -> Result<NativeReply, BoxError> {
    match reply.into_message()? {
        None => Ok(NativeReply::Empty),
        Some(message) => Ok(NativeReply::try_from(&message)?),
    }
}

fn output(reply: &NativeReply) -> Result<Outcome, Rejection> {
    let body = reply
        .to_output_json()
        .map_err(|_| Rejection::InternalError)?;
    let bytes = serde_json::to_vec(&body).map_err(|_| Rejection::InternalError)?;
    Ok(Outcome::Replied(json(StatusCode::OK, bytes)))
}

/// Waits for the handler in the background, then POSTs its reply to
/// `response_url`; tracked, so graceful shutdown waits for it.
fn late<S, T>(bot: &Arc<BotInner<S>>, task: T, url: String, sent_ms: Option<u64>)
where
    T: std::future::Future<
            Output = Result<crate::dispatch::Ran<NativeReply>, tokio::task::JoinError>,
        > + Send
        + 'static,
    S: Send + Sync + 'static,
{
    let poster = bot.native.poster.clone();
    let clock = Arc::clone(&bot.clock);
    bot.runtime.tasks.spawn(
        async move {
            let reply = match settle(task.await) {
                Ok(reply) => reply,
                Err(rejection) => {
                    tracing::warn!(
                        code = rejection.code().as_str(),
                        "late native reply not sent"
                    );
                    return;
                }
            };
            let Ok(body) = reply.to_output_json() else {
                return;
            };
            let result = poster.post_response(&url, &body).await;
            let after = sent_ms.map(|sent| unix_ms(clock.now()).saturating_sub(sent));
            match result {
                Ok(()) => {
                    tracing::info!(after_ms = after, "late native reply posted to response_url");
                }
                Err(error) => tracing::warn!(%error, "late native reply could not be posted"),
            }
        }
        .in_current_span(),
    );
}

fn unix_ms(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, millis)
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
