//! Running a handler: polled in the request's task under its deadline, with
//! panics contained, and moved onto a tracked task if the sender hangs up.

use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use cliq_events::message::ValidationError;
use cliq_events::native::NativeValidationError;
use tokio_util::task::TaskTracker;
use tracing::Instrument;

use crate::bot::BotInner;
use crate::handler::{BoxFuture, HandlerResult};
use crate::rejection::Rejection;

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

/// Runs a handler to completion under the bot's deadline, with panics
/// contained; panics, errors and the deadline become refusals.
///
/// The handler is polled in the request's own task: spawning it and waking
/// the request back costs more than most handlers. Should the request be
/// dropped first (the sender hung up), [`Detach`] moves the rest of the
/// handler onto a tracked task, under the same deadline, so that it still
/// finishes (or is undone) and graceful shutdown waits for it. The deadline
/// counts from now, but its timer is armed only if the handler is not done on
/// its first poll: most are, and a timer is two trips to the timer wheel.
pub(super) async fn run<S, T>(
    bot: &BotInner<S>,
    handler: BoxFuture<'static, HandlerResult<T>>,
) -> Result<T, Rejection>
where
    T: Send + 'static,
{
    let mut work = Detach {
        work: Some(handler),
        // The clock starts now, the timer only when needed.
        deadline: after(tokio::time::Instant::now(), bot.deadline),
        tasks: &bot.runtime.tasks,
    };
    // Outside the task's co-operative budget, as `tokio::time::timeout`
    // polls its timer: a handler that spends the budget cannot starve it.
    // Boxed: it is rarely needed, and would otherwise take its room in
    // every callback's future.
    let mut sleep = None::<Pin<Box<tokio::task::coop::Unconstrained<tokio::time::Sleep>>>>;
    let ran = std::future::poll_fn(|cx| match work.poll(cx) {
        Poll::Ready(ran) => Poll::Ready(Some(ran)),
        Poll::Pending => sleep
            .get_or_insert_with(|| {
                Box::pin(tokio::task::coop::unconstrained(tokio::time::sleep_until(
                    work.deadline,
                )))
            })
            .as_mut()
            .poll(cx)
            .map(|()| None),
    })
    .await;
    match ran {
        Some(Ok(Ok(value))) => Ok(value),
        Some(Ok(Err(error))) => Err(refusal(error)),
        Some(Err(Panicked)) => {
            tracing::error!("handler panicked");
            Err(Rejection::InternalError)
        }
        None => {
            work.cancel();
            tracing::warn!("handler ran past its deadline");
            Err(Rejection::HandlerTimeout)
        }
    }
}

/// The handler panicked.
struct Panicked;

/// A handler polled in the request's task, moved onto a tracked task of its
/// own if the request is dropped before it finishes.
struct Detach<'a, T: Send + 'static> {
    work: Option<BoxFuture<'static, HandlerResult<T>>>,
    deadline: tokio::time::Instant,
    tasks: &'a TaskTracker,
}

impl<T: Send + 'static> Detach<'_, T> {
    fn poll(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<HandlerResult<T>, Panicked>> {
        let Some(work) = self.work.as_mut() else {
            return Poll::Ready(Err(Panicked));
        };
        match contained(work, cx) {
            Poll::Ready(Err(Panicked)) => {
                self.cancel();
                Poll::Ready(Err(Panicked))
            }
            Poll::Ready(ran) => {
                self.work = None;
                Poll::Ready(ran)
            }
            Poll::Pending => Poll::Pending,
        }
    }

    /// Drops the handler where it stands. Dropping it may panic too:
    /// contained as well.
    fn cancel(&mut self) {
        let work = self.work.take();
        let _ = std::panic::catch_unwind(AssertUnwindSafe(move || drop(work)));
    }
}

/// Polls a handler with a panic contained.
fn contained<T>(
    work: &mut BoxFuture<'static, T>,
    cx: &mut TaskContext<'_>,
) -> Poll<Result<T, Panicked>> {
    match std::panic::catch_unwind(AssertUnwindSafe(|| work.as_mut().poll(cx))) {
        Ok(Poll::Ready(result)) => Poll::Ready(Ok(result)),
        Ok(Poll::Pending) => Poll::Pending,
        Err(_panic) => Poll::Ready(Err(Panicked)),
    }
}

impl<T: Send + 'static> Drop for Detach<'_, T> {
    fn drop(&mut self) {
        let Some(mut work) = self.work.take() else {
            return;
        };
        // Outside a runtime (it is shutting down) nothing could run it.
        if tokio::runtime::Handle::try_current().is_ok() {
            let deadline = self.deadline;
            self.tasks.spawn(
                async move {
                    let ran = std::future::poll_fn(|cx| contained(&mut work, cx));
                    match tokio::time::timeout_at(deadline, ran).await {
                        Ok(Ok(Ok(_))) => {}
                        Ok(Ok(Err(_))) => tracing::warn!("handler failed after its sender left"),
                        Ok(Err(Panicked)) => tracing::error!("handler panicked"),
                        Err(_) => tracing::warn!("handler ran past its deadline"),
                    }
                }
                .in_current_span(),
            );
        }
    }
}

/// `instant + duration`, or a time too far off to matter when that does not
/// fit.
pub(crate) fn after(instant: tokio::time::Instant, duration: Duration) -> tokio::time::Instant {
    instant
        .checked_add(duration)
        .unwrap_or_else(|| instant + Duration::from_secs(60 * 60 * 24 * 365 * 30))
}
