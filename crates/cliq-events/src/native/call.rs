//! The native envelope: `{type, handler, name, unique_name?, timestamp,
//! response_url?, params}`.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::kind::{Component, HandlerType};
use super::params::Params;
use super::read::{self, NativeParseError, parse_json};
use super::validate::limits;
use super::wire::{EpochMillis, millis_to_timestamp};
use crate::data_centre::DataCentre;
use crate::timestamp::Timestamp;

/// One call of the native dialect. See the [module docs](super) for how it
/// is detected and read.
#[derive(Clone, Debug, PartialEq)]
pub struct NativeCallback {
    /// The component called: the envelope's `type`.
    pub component: Component,
    /// Its handler: `handler.type`.
    pub handler: HandlerType,
    /// `handler.name`: a bot menu action's name, for instance.
    pub handler_name: Option<String>,
    /// The component's name (a command without its `/`, a function, a bot);
    /// empty when not sent (extension and link-preview calls).
    pub name: String,
    /// A bot's unique name.
    pub unique_name: Option<String>,
    /// When Cliq sent the call, in epoch milliseconds.
    pub timestamp_ms: Option<u64>,
    /// Where a late reply may be POSTed.
    pub response_url: Option<String>,
    /// The handler-specific part.
    pub params: Params,
    /// Every other top-level field (the samples' `sub_action`, …), as sent.
    pub extra: Map<String, Value>,
    wire: WireForm,
}

/// How the envelope was spelt, so that it serialises back the same.
#[derive(Clone, Debug, Default, PartialEq)]
struct WireForm {
    timestamp_was_string: bool,
    /// `handler.type` as sent, when an alias of [`HandlerType`]'s name.
    handler_spelling: Option<String>,
    handler_extra: Map<String, Value>,
    params_absent: bool,
}

impl NativeCallback {
    /// A call with empty `params`, for tests and emulators.
    pub fn new(component: Component, handler: HandlerType, name: impl Into<String>) -> Self {
        Self {
            component,
            handler,
            handler_name: None,
            name: name.into(),
            unique_name: None,
            timestamp_ms: None,
            response_url: None,
            params: Params::default(),
            extra: Map::new(),
            wire: WireForm::default(),
        }
    }

    /// Parses a raw body.
    ///
    /// # Errors
    /// [`NativeParseError`] saying why the body is no valid native call.
    pub fn from_slice(body: &[u8]) -> Result<Self, NativeParseError> {
        Self::from_value(parse_json(body)?)
    }

    /// Builds a call from a parsed JSON value: it needs a string `type` and
    /// a `handler` object with a string `type`.
    ///
    /// # Errors
    /// [`NativeParseError::NotObject`], [`NativeParseError::NotNative`], or
    /// [`NativeParseError::InvalidField`] for a typed field of the wrong shape.
    pub fn from_value(value: Value) -> Result<Self, NativeParseError> {
        let Value::Object(mut map) = value else {
            return Err(NativeParseError::NotObject);
        };
        let Some(Value::String(component)) = map.remove("type") else {
            return Err(NativeParseError::NotNative);
        };
        let Some(Value::Object(mut handler)) = map.remove("handler") else {
            return Err(NativeParseError::NotNative);
        };
        let Some(Value::String(spelling)) = handler.remove("type") else {
            return Err(NativeParseError::NotNative);
        };
        let component = Component::from_wire(&component);
        let handler_type = HandlerType::for_component(&component, &spelling);
        let handler_name = read::take_str(&mut handler, "handler", "name")?;
        let timestamp = read::take_millis(&mut map, "timestamp")?;
        let params = match map.remove("params") {
            None | Some(Value::Null) => None,
            Some(Value::Object(params)) => Some(Params::read(params)?),
            Some(_) => return Err(NativeParseError::invalid("params", "an object")),
        };
        Ok(Self {
            name: read::take_str(&mut map, "", "name")?.unwrap_or_default(),
            unique_name: read::take_str(&mut map, "", "unique_name")?,
            response_url: read::take_str(&mut map, "", "response_url")?,
            timestamp_ms: timestamp.map(EpochMillis::millis),
            wire: WireForm {
                timestamp_was_string: timestamp.is_some_and(EpochMillis::was_string),
                handler_spelling: (spelling != handler_type.as_str()).then_some(spelling),
                handler_extra: handler,
                params_absent: params.is_none(),
            },
            params: params.unwrap_or_default(),
            component,
            handler: handler_type,
            handler_name,
            extra: map,
        })
    }

    /// `handler.type` as it was sent (an SDK alias such as `preview_handler`
    /// stays as sent), or the handler's wire name for a call built here.
    pub fn handler_wire_name(&self) -> &str {
        self.wire
            .handler_spelling
            .as_deref()
            .unwrap_or_else(|| self.handler.as_str())
    }

    /// Fields of `handler` other than `type` and `name`, as sent.
    pub fn handler_extra(&self) -> &Map<String, Value> {
        &self.wire.handler_extra
    }

    /// When Cliq sent the call, when sent and within the years 1 to 9999.
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.timestamp_ms.and_then(millis_to_timestamp)
    }

    /// The epoch millisecond past which Zoho's SDK stops answering in the
    /// HTTP response and POSTs to `response_url` instead:
    /// `timestamp` + [`limits::REPLY_DEADLINE_MS`].
    pub fn reply_deadline_ms(&self) -> Option<u64> {
        self.timestamp_ms
            .map(|ms| ms.saturating_add(limits::REPLY_DEADLINE_MS))
    }

    /// The caller's data centre, from `params.environment` (its
    /// `data_center` code, else its `tld`).
    pub fn data_centre(&self) -> Option<DataCentre> {
        self.params.environment.as_ref()?.data_centre()
    }
}

/// `handler` as it is written back.
#[derive(Serialize)]
struct HandlerOut<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

impl Serialize for NativeCallback {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", &self.component)?;
        let handler = HandlerOut {
            kind: self.handler_wire_name(),
            name: self.handler_name.as_deref(),
            extra: &self.wire.handler_extra,
        };
        map.serialize_entry("handler", &handler)?;
        if !self.name.is_empty() {
            map.serialize_entry("name", &self.name)?;
        }
        if let Some(unique_name) = &self.unique_name {
            map.serialize_entry("unique_name", unique_name)?;
        }
        if let Some(ms) = self.timestamp_ms {
            if self.wire.timestamp_was_string {
                map.serialize_entry("timestamp", &ms.to_string())?;
            } else {
                map.serialize_entry("timestamp", &ms)?;
            }
        }
        if let Some(url) = &self.response_url {
            map.serialize_entry("response_url", url)?;
        }
        if !(self.wire.params_absent && self.params == Params::default()) {
            map.serialize_entry("params", &self.params)?;
        }
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for NativeCallback {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        Self::from_value(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}
