//! Card buttons.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A card button.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Button {
    /// `open.url`: opens `url` in the browser.
    OpenUrl {
        /// The text on the button.
        label: String,
        /// An absolute `http(s)` URL.
        url: String,
    },
    /// `invoke.function`: calls the bot back with a function callback.
    InvokeFunction {
        /// The text on the button.
        label: String,
        /// The function called; routed to the handler of that name.
        name: String,
        /// An id the callback carries back as `button.id`.
        id: String,
    },
    /// A button of another type, kept as sent. Never valid in an outgoing message.
    Other(Map<String, Value>),
}

impl Button {
    /// An `open.url` button.
    pub fn open_url(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self::OpenUrl {
            label: label.into(),
            url: url.into(),
        }
    }

    /// An `invoke.function` button calling `name` with button id `id`.
    pub fn invoke_function(
        label: impl Into<String>,
        name: impl Into<String>,
        id: impl Into<String>,
    ) -> Self {
        Self::InvokeFunction {
            label: label.into(),
            name: name.into(),
            id: id.into(),
        }
    }

    /// The button's type as on the wire (`open.url`, `invoke.function`, …).
    pub fn kind(&self) -> &str {
        match self {
            Self::OpenUrl { .. } => "open.url",
            Self::InvokeFunction { .. } => "invoke.function",
            Self::Other(fields) => fields.get("type").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// The text on the button.
    pub fn label(&self) -> &str {
        match self {
            Self::OpenUrl { label, .. } | Self::InvokeFunction { label, .. } => label,
            Self::Other(fields) => fields.get("label").and_then(Value::as_str).unwrap_or(""),
        }
    }
}

impl Serialize for Button {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        use serde::ser::SerializeMap;
        match self {
            Self::OpenUrl { label, url } => {
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("label", label)?;
                map.serialize_entry("type", "open.url")?;
                map.serialize_entry("url", url)?;
                map.end()
            }
            Self::InvokeFunction { label, name, id } => {
                let mut map = serializer.serialize_map(Some(4))?;
                map.serialize_entry("label", label)?;
                map.serialize_entry("type", "invoke.function")?;
                map.serialize_entry("name", name)?;
                map.serialize_entry("id", id)?;
                map.end()
            }
            Self::Other(fields) => fields.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Button {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        let fields = Map::<String, Value>::deserialize(deserializer)?;
        let text = |key: &str| fields.get(key).and_then(Value::as_str).map(str::to_owned);
        let known = match fields.get("type").and_then(Value::as_str) {
            Some("open.url") => text("label")
                .zip(text("url"))
                .map(|(label, url)| Self::OpenUrl { label, url }),
            Some("invoke.function") => match (text("label"), text("name"), text("id")) {
                (Some(label), Some(name), Some(id)) => {
                    Some(Self::InvokeFunction { label, name, id })
                }
                _ => None,
            },
            _ => None,
        };
        // A button of an unknown type, or a known type missing a field, is kept
        // whole: validation refuses it by name instead of parsing failing.
        Ok(known.unwrap_or(Self::Other(fields)))
    }
}
