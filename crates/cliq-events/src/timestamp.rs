//! RFC 3339 timestamps as they appear in payloads.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A point in time, read and written as RFC 3339 (`2025-12-12T15:30:00Z`).
///
/// Parsing accepts `T` and `Z` in either case and any UTC offset, and refuses a
/// space separator. The offset given is kept, so that a timestamp serialises
/// back to the instant and offset it was read with.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

/// The text given is not an RFC 3339 date-time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an RFC 3339 date-time")]
pub struct TimestampError;

impl Timestamp {
    /// Parses an RFC 3339 date-time.
    ///
    /// # Errors
    /// [`TimestampError`] when `text` is not RFC 3339.
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        // The parser also takes a space between date and time; the contract does not.
        if !matches!(text.as_bytes().get(10), Some(b'T' | b't')) {
            return Err(TimestampError);
        }
        OffsetDateTime::parse(text, &Rfc3339)
            .map(Self)
            .map_err(|_| TimestampError)
    }

    /// The timestamp `secs` seconds after the Unix epoch, in UTC.
    ///
    /// # Errors
    /// [`TimestampError`] when `secs` is outside the years 1 to 9999.
    pub fn from_unix_seconds(secs: i64) -> Result<Self, TimestampError> {
        OffsetDateTime::from_unix_timestamp(secs)
            .map(Self)
            .map_err(|_| TimestampError)
    }

    /// The current time, in UTC.
    pub fn now() -> Self {
        Self(OffsetDateTime::now_utc())
    }

    /// Whole seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// The value as a [`time::OffsetDateTime`].
    pub fn as_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(value: OffsetDateTime) -> Self {
        Self(value)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(&Rfc3339) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl Serialize for Timestamp {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        let text = self.0.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(|_| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&text),
                &"an RFC 3339 date-time",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_in_either_case_and_refuses_space() {
        let cases = [
            ("2025-12-12T15:30:00Z", true),
            ("2025-12-12t15:30:00z", true),
            ("2025-12-12T15:30:00.123+05:30", true),
            ("2025-12-12 15:30:00Z", false),
            ("2025-12-12", false),
            ("1702396800", false),
            ("", false),
        ];
        for (text, ok) in cases {
            assert_eq!(Timestamp::parse(text).is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn serialises_back_to_the_same_text() {
        for text in ["2025-12-12T15:30:00Z", "2025-12-12T15:30:00.5+05:30"] {
            let ts = Timestamp::parse(text).ok();
            assert_eq!(ts.map(|t| t.to_string()).as_deref(), Some(text));
        }
    }
}
