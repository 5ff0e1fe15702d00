//! Wire-level value types of the native dialect: open enums, values sent
//! either as strings or as numbers, and epoch-millisecond times.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Number, Value};

use crate::timestamp::Timestamp;

/// Declares an enum of wire names with an `Other(String)` catch-all, its
/// `as_str`/`from_wire` pair, `Display` and string serde.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A value this version does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(raw) => raw,
                }
            }

            /// Reads a wire value; one this version does not know becomes `Other`.
            pub fn from_wire(wire: &str) -> Self {
                match wire {
                    $($wire => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
            where
                S: serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                let wire = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from_wire(&wire))
            }
        }
    };
}

pub(crate) use wire_enum;

/// Declares an inbound object: every typed field optional (`null` counts as
/// absent, absent fields are not written back) and every other field kept in
/// `extra`, so that a value round-trips. Non-exhaustive, so that typing
/// another field later breaks no one: start from `Default` and set fields.
macro_rules! open_struct {
    ($(#[$meta:meta])* $name:ident {
        $($(#[$fdoc:meta])* $field:ident $(= $wire:literal)? : $ty:ty,)*
    }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$fdoc])*
                $(#[serde(rename = $wire)])?
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
            /// Every field this version does not type, kept as sent.
            #[serde(flatten)]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }
    };
}

pub(crate) use open_struct;

/// Text the platform sends as a JSON string in some payloads and as a number
/// in others (ids such as `organization_id`): read as text, written back in
/// the form it arrived in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LooseString {
    text: String,
    number: bool,
}

impl LooseString {
    /// A value that is written as a JSON string.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            number: false,
        }
    }

    /// The value as text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether it arrived as a JSON number.
    pub fn was_number(&self) -> bool {
        self.number
    }
}

impl fmt::Display for LooseString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq<str> for LooseString {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for LooseString {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl Serialize for LooseString {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        match self.text.parse::<Number>() {
            Ok(number) if self.number => number.serialize(serializer),
            _ => serializer.serialize_str(&self.text),
        }
    }
}

impl<'de> Deserialize<'de> for LooseString {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        match Value::deserialize(deserializer)? {
            Value::String(text) => Ok(Self::new(text)),
            Value::Number(number) => Ok(Self {
                text: number.to_string(),
                number: true,
            }),
            _ => Err(serde::de::Error::custom("expected a string or a number")),
        }
    }
}

/// A time in epoch milliseconds, sent as a number or as a string of digits
/// (`"time": "1493707283711"`); written back in the form it arrived in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EpochMillis {
    millis: u64,
    quoted: bool,
}

impl EpochMillis {
    /// A time written as a JSON number.
    pub fn new(millis: u64) -> Self {
        Self {
            millis,
            quoted: false,
        }
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(self) -> u64 {
        self.millis
    }

    /// Whether it arrived as a string.
    pub fn was_string(self) -> bool {
        self.quoted
    }

    /// The instant as a [`Timestamp`], when it is within the years 1 to 9999.
    pub fn timestamp(self) -> Option<Timestamp> {
        millis_to_timestamp(self.millis)
    }

    /// Reads a non-negative integer or a non-empty string of ASCII digits.
    pub(crate) fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Number(number) => number.as_u64().map(Self::new),
            Value::String(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
                text.parse().ok().map(|millis| Self {
                    millis,
                    quoted: true,
                })
            }
            _ => None,
        }
    }
}

/// `millis` after the Unix epoch as a [`Timestamp`] in UTC.
pub(crate) fn millis_to_timestamp(millis: u64) -> Option<Timestamp> {
    let nanos = i128::from(millis) * 1_000_000;
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .map(Timestamp::from)
}

impl Serialize for EpochMillis {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        if self.quoted {
            serializer.serialize_str(&self.millis.to_string())
        } else {
            serializer.serialize_u64(self.millis)
        }
    }
}

impl<'de> Deserialize<'de> for EpochMillis {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value).ok_or_else(|| {
            serde::de::Error::custom(
                "expected epoch milliseconds as a number or a string of digits",
            )
        })
    }
}
