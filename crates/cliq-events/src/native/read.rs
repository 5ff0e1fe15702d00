//! Reading a native body: one depth-guarded JSON parse, typed errors that name
//! the field at fault, and the envelope's own fields.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::wire::EpochMillis;
use crate::callback::{MAX_DEPTH, nesting_exceeds};

/// Why a body is not a valid native call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NativeParseError {
    /// Not JSON: a syntax error, invalid UTF-8 or a lone surrogate.
    #[error("body is not valid JSON: {0}")]
    NotJson(#[source] serde_json::Error),
    /// Arrays and objects nested deeper than [`MAX_DEPTH`] levels.
    #[error("body nests arrays and objects deeper than {max} levels")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// JSON, but not an object.
    #[error("body is not a JSON object")]
    NotObject,
    /// An object without a string `type` and a `handler` object holding a
    /// string `type`.
    #[error(
        "body is no native call: it needs a string `type` and a `handler` with a string `type`"
    )]
    NotNative,
    /// A field the model types has the wrong JSON type or value.
    #[error("field `{field}` must be {expected}")]
    InvalidField {
        /// The field's path, such as `params.user`.
        field: String,
        /// What it must be.
        expected: &'static str,
        /// serde's account of the mismatch, for a nested object.
        #[source]
        source: Option<serde_json::Error>,
    },
}

impl NativeParseError {
    pub(super) fn invalid(field: impl Into<String>, expected: &'static str) -> Self {
        Self::InvalidField {
            field: field.into(),
            expected,
            source: None,
        }
    }
}

/// Parses a raw body into JSON once, refusing nesting deeper than
/// [`MAX_DEPTH`] levels before parsing, as [`Callback::from_slice`] does.
///
/// A receiver serving both dialects can parse with this, test the value with
/// [`is_native`](super::is_native), and hand it to
/// [`NativeCallback::from_value`](super::NativeCallback::from_value) or
/// [`Callback::from_value`].
///
/// # Errors
/// [`NativeParseError::TooDeep`] or [`NativeParseError::NotJson`].
///
/// [`Callback::from_slice`]: crate::callback::Callback::from_slice
/// [`Callback::from_value`]: crate::callback::Callback::from_value
pub fn parse_json(body: &[u8]) -> Result<Value, NativeParseError> {
    if nesting_exceeds(body, MAX_DEPTH) {
        return Err(NativeParseError::TooDeep { max: MAX_DEPTH });
    }
    // The depth is bounded above, so serde_json's own recursion limit (one
    // level short of ours) can be lifted safely.
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    deserializer.disable_recursion_limit();
    let value = Value::deserialize(&mut deserializer).map_err(NativeParseError::NotJson)?;
    deserializer.end().map_err(NativeParseError::NotJson)?;
    Ok(value)
}

/// Removes `key` from `map` and reads it as `T`; `null` counts as absent.
pub(super) fn take<T>(
    map: &mut Map<String, Value>,
    parent: &str,
    key: &str,
    expected: &'static str,
) -> Result<Option<T>, NativeParseError>
where
    T: DeserializeOwned,
{
    let Some(value) = map.remove(key).filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    serde_json::from_value(value)
        .map(Some)
        .map_err(|source| NativeParseError::InvalidField {
            field: join(parent, key),
            expected,
            source: Some(source),
        })
}

/// Removes an optional string field.
pub(super) fn take_str(
    map: &mut Map<String, Value>,
    parent: &str,
    key: &str,
) -> Result<Option<String>, NativeParseError> {
    take(map, parent, key, "a string")
}

/// Removes `timestamp`: epoch milliseconds as a number or a string of digits.
pub(super) fn take_millis(
    map: &mut Map<String, Value>,
    key: &str,
) -> Result<Option<EpochMillis>, NativeParseError> {
    let Some(value) = map.remove(key).filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    EpochMillis::from_value(&value).map(Some).ok_or_else(|| {
        NativeParseError::invalid(key, "epoch milliseconds as a number or a string of digits")
    })
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}
