//! Guards: policy that runs before a handler and may answer in its place.

use std::collections::HashSet;
use std::sync::Arc;

use cliq_events::callback::{CommandCallback, FunctionCallback};

use super::{CommandHandler, FunctionHandler, HandlerResult};
use crate::context::Context;
use crate::reply::Reply;

/// A check that runs before a handler. `Err(reply)` answers with `reply`
/// and the handler does not run.
pub trait Guard<S, In>: Send + Sync + 'static {
    /// Lets the callback through, or answers it.
    ///
    /// # Errors
    /// The reply sent instead of running the handler.
    fn check(&self, cx: &Context<S>, input: &In) -> Result<(), Reply>;
}

/// A guard made from a closure; see [`guard_fn`].
#[derive(Clone, Copy, Debug)]
pub struct FnGuard<F>(F);

/// Makes a guard from a closure over the context and the payload.
///
/// ```
/// use cliq_bot::{Context, Reply, guard_fn};
/// use cliq_bot::events::CommandCallback;
///
/// // Only Jane may deploy to production.
/// let production_needs_jane = guard_fn(|cx: &Context, cmd: &CommandCallback| {
///     let production = cmd.args().next() == Some("production");
///     let jane = cx.user().is_some_and(|u| u.id == "1122334455");
///     if production && !jane {
///         return Err(Reply::from("Only Jane may deploy to production."));
///     }
///     Ok(())
/// });
/// # let _ = production_needs_jane;
/// ```
pub fn guard_fn<S, In, F>(check: F) -> FnGuard<F>
where
    F: Fn(&Context<S>, &In) -> Result<(), Reply> + Send + Sync + 'static,
{
    FnGuard(check)
}

impl<S, In, F> Guard<S, In> for FnGuard<F>
where
    F: Fn(&Context<S>, &In) -> Result<(), Reply> + Send + Sync + 'static,
{
    fn check(&self, cx: &Context<S>, input: &In) -> Result<(), Reply> {
        (self.0)(cx, input)
    }
}

/// Lets only the listed user ids through; others get a short refusal.
#[derive(Clone, Debug)]
pub struct AllowUsers {
    ids: Arc<HashSet<String>>,
    refusal: Arc<str>,
}

/// A guard allowing only these user ids.
pub fn allow_users<I>(ids: I) -> AllowUsers
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    AllowUsers {
        ids: Arc::new(ids.into_iter().map(Into::into).collect()),
        refusal: Arc::from("You are not allowed to do this."),
    }
}

impl AllowUsers {
    /// The text sent to users who are not allowed.
    #[must_use]
    pub fn refusal(mut self, text: impl AsRef<str>) -> Self {
        self.refusal = Arc::from(text.as_ref());
        self
    }
}

impl<S, In> Guard<S, In> for AllowUsers {
    fn check(&self, cx: &Context<S>, _input: &In) -> Result<(), Reply> {
        match cx.user() {
            Some(user) if self.ids.contains(user.id.as_str()) => Ok(()),
            _ => Err(Reply::from(&*self.refusal)),
        }
    }
}

/// A handler behind a guard; see [`HandlerExt::guard`].
#[derive(Clone, Debug)]
pub struct Guarded<H, G> {
    handler: H,
    guard: G,
}

/// Adds `.guard(..)` to every handler.
pub trait HandlerExt: Sized {
    /// Runs `guard` before this handler.
    fn guard<G>(self, guard: G) -> Guarded<Self, G> {
        Guarded {
            handler: self,
            guard,
        }
    }
}

impl<H> HandlerExt for H {}

impl<S, H, G> CommandHandler<S> for Guarded<H, G>
where
    H: CommandHandler<S>,
    G: Guard<S, CommandCallback>,
    S: Send + Sync + 'static,
{
    async fn call(&self, cx: Context<S>, command: CommandCallback) -> HandlerResult {
        match self.guard.check(&cx, &command) {
            Ok(()) => self.handler.call(cx, command).await,
            Err(reply) => Ok(reply),
        }
    }
}

impl<S, H, G> FunctionHandler<S> for Guarded<H, G>
where
    H: FunctionHandler<S>,
    G: Guard<S, FunctionCallback>,
    S: Send + Sync + 'static,
{
    async fn call(&self, cx: Context<S>, function: FunctionCallback) -> HandlerResult {
        match self.guard.check(&cx, &function) {
            Ok(()) => self.handler.call(cx, function).await,
            Err(reply) => Ok(reply),
        }
    }
}
