//! Native handlers stored by (component, handler type, name).

use std::collections::HashMap;
use std::sync::Arc;

use cliq_events::native::{Component, HandlerType, NativeCallback, NativeReply};

use super::NativeHandler;
use crate::context::Context;
use crate::handler::{BoxFuture, HandlerResult};

/// A native handler, erased.
pub(crate) trait ErasedNative<S>: Send + Sync {
    fn call(
        &self,
        cx: Context<S>,
        call: NativeCallback,
    ) -> BoxFuture<'_, HandlerResult<NativeReply>>;
}

struct Native<H>(H);

impl<S, H> ErasedNative<S> for Native<H>
where
    H: NativeHandler<S>,
    S: Send + 'static,
{
    fn call(
        &self,
        cx: Context<S>,
        call: NativeCallback,
    ) -> BoxFuture<'_, HandlerResult<NativeReply>> {
        Box::pin(self.0.call(cx, call))
    }
}

pub(crate) fn erase<S, H>(handler: H) -> Arc<dyn ErasedNative<S>>
where
    H: NativeHandler<S>,
    S: Send + 'static,
{
    Arc::new(Native(handler))
}

/// Where a native handler is registered: component, handler type, and the
/// component's name (`None`: any name). Command names ignore ASCII case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct NativeKey {
    component: Component,
    handler: HandlerType,
    name: Option<String>,
}

impl NativeKey {
    pub(crate) fn new(component: Component, handler: HandlerType, name: Option<&str>) -> Self {
        let name = name.map(|name| match component {
            Component::Command => crate::config::command_key(name),
            _ => name.to_owned(),
        });
        Self {
            component,
            handler,
            name,
        }
    }

    fn of(call: &NativeCallback, named: bool) -> Self {
        let name = named.then_some(call.name.as_str());
        Self::new(call.component.clone(), call.handler.clone(), name)
    }
}

impl std::fmt::Display for NativeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.name.as_deref().unwrap_or("*");
        write!(
            f,
            "{}.{} {name}",
            self.component.as_str(),
            self.handler.as_str()
        )
    }
}

/// Registered native handlers.
pub(crate) struct NativeRoutes<S> {
    pub(crate) handlers: HashMap<NativeKey, Arc<dyn ErasedNative<S>>>,
    pub(crate) fallback: Option<Arc<dyn ErasedNative<S>>>,
}

impl<S> Default for NativeRoutes<S> {
    fn default() -> Self {
        Self {
            handlers: HashMap::new(),
            fallback: None,
        }
    }
}

impl<S> NativeRoutes<S> {
    /// The handler registered for this call's name, then for any name.
    pub(crate) fn specific(&self, call: &NativeCallback) -> Option<&Arc<dyn ErasedNative<S>>> {
        self.handlers
            .get(&NativeKey::of(call, true))
            .or_else(|| self.handlers.get(&NativeKey::of(call, false)))
    }
}
