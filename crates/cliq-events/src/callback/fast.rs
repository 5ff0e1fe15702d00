//! The fast path of [`Callback::from_slice`](super::Callback::from_slice): a
//! slash command read straight into its type in one pass, with no
//! intermediate `Value`.
//!
//! It accepts exactly the bodies the general path reads as a valid command
//! and builds the same value. Every other body — another kind, a body with a
//! `handler` (the native dialect is sniffed from it), a duplicate key, a
//! missing, `null` or mistyped field, a body nested past serde_json's
//! recursion limit, any JSON error — makes it give up (`None`), and the
//! general path reads the body again to classify it and name the error.
//! Fields it does not use are still read as the general path reads them
//! (every string checked, every number parsed), so a body it accepts is one
//! the general path accepts.

use std::fmt;

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::{ChannelRef, CommandCallback, UserRef};

/// Reads `body` as a command, or gives up.
pub(super) fn command(body: &[u8]) -> Option<CommandCallback> {
    // The whole body is checked as UTF-8 at once, so that no string needs
    // checking again as it is read. serde_json's recursion limit stays on:
    // the depth is not checked yet.
    let text = std::str::from_utf8(body).ok()?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let command = deserializer.deserialize_map(CommandVisitor).ok()?;
    deserializer.end().ok()?;
    command
}

/// Gives up on a body: the general path will say why.
fn give_up<E: de::Error>() -> E {
    E::custom("not on the fast path")
}

/// Sets a field once; a repeated key gives up (the general path resolves it).
fn once<T, E: de::Error>(slot: &mut Option<T>, value: T) -> Result<(), E> {
    match slot.replace(value) {
        None => Ok(()),
        Some(_) => Err(give_up()),
    }
}

/// The keys a visitor cares about, borrowed when the input allows.
struct Key<'a>(&'a [&'static str]);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    /// The index of the key in the list, or `None` for any other key.
    type Value = Option<usize>;

    fn deserialize<D>(self, deserializer: D) -> Result<Self::Value, D::Error>
    where
        D: de::Deserializer<'de>,
    {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|known| *known == key))
    }
}

/// Any JSON value, read as `Value` would read it and kept nowhere. Says
/// whether it was a string.
struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = bool;

    fn deserialize<D>(self, deserializer: D) -> Result<bool, D::Error>
    where
        D: de::Deserializer<'de>,
    {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_key_seed(Skip)?.is_some() {
            map.next_value_seed(Skip)?;
        }
        Ok(false)
    }
}

/// A string, or `None` for `null`; any other type gives up.
struct OptString;

impl<'de> DeserializeSeed<'de> for OptString {
    type Value = Option<String>;

    fn deserialize<D>(self, deserializer: D) -> Result<Self::Value, D::Error>
    where
        D: de::Deserializer<'de>,
    {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for OptString {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Some(text))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// `{"command", "arguments", "user", "channel", ...}`.
struct CommandVisitor;

impl<'de> Visitor<'de> for CommandVisitor {
    /// `None` when the body is no event but not a command either.
    type Value = Option<CommandCallback>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a command callback")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        const KEYS: &[&str] = &[
            "event",
            "command",
            "arguments",
            "user",
            "channel",
            "handler",
        ];
        let mut seen = [false; 6];
        let mut command = None;
        let mut arguments = None;
        let mut user = None;
        let mut channel = None;
        while let Some(key) = map.next_key_seed(Key(KEYS))? {
            let Some(index) = key else {
                map.next_value_seed(Skip)?;
                continue;
            };
            if std::mem::replace(&mut seen[index], true) {
                return Err(give_up());
            }
            match index {
                // A string `event` makes an event, whatever else is there.
                0 => {
                    if map.next_value_seed(Skip)? {
                        return Err(give_up());
                    }
                }
                1 => command = map.next_value_seed(OptString)?,
                2 => arguments = map.next_value_seed(OptString)?,
                3 => user = map.next_value_seed(Object(UserVisitor))?,
                4 => channel = map.next_value_seed(Object(ChannelVisitor))?,
                // The native dialect is told apart by its `handler`.
                _ => return Err(give_up()),
            }
        }
        let (Some(command), Some(user), Some(channel)) = (command, user, channel) else {
            return Err(give_up());
        };
        if command.is_empty() {
            return Err(give_up());
        }
        Ok(Some(CommandCallback {
            command,
            arguments,
            user,
            channel,
        }))
    }
}

/// An object read by `V`, or `None` for `null`; any other type gives up.
struct Object<V>(V);

impl<'de, V> DeserializeSeed<'de> for Object<V>
where
    V: Visitor<'de>,
{
    type Value = Option<V::Value>;

    fn deserialize<D>(self, deserializer: D) -> Result<Self::Value, D::Error>
    where
        D: de::Deserializer<'de>,
    {
        deserializer.deserialize_option(self)
    }
}

impl<'de, V> Visitor<'de> for Object<V>
where
    V: Visitor<'de>,
{
    type Value = Option<V::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D>(self, deserializer: D) -> Result<Self::Value, D::Error>
    where
        D: de::Deserializer<'de>,
    {
        deserializer.deserialize_map(self.0).map(Some)
    }
}

/// `{"id", "name", "email"?, ...}`.
struct UserVisitor;

impl<'de> Visitor<'de> for UserVisitor {
    type Value = UserRef;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a user")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UserRef, A::Error> {
        let [id, name, email] = strings(&mut map, &["id", "name", "email"])?;
        let (Some(id), Some(name)) = (id, name) else {
            return Err(give_up());
        };
        Ok(UserRef {
            id: id.into(),
            name,
            email,
        })
    }
}

/// `{"id", "name", ...}`.
struct ChannelVisitor;

impl<'de> Visitor<'de> for ChannelVisitor {
    type Value = ChannelRef;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a channel")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ChannelRef, A::Error> {
        let [id, name] = strings(&mut map, &["id", "name"])?;
        let (Some(id), Some(name)) = (id, name) else {
            return Err(give_up());
        };
        Ok(ChannelRef {
            id: id.into(),
            name,
        })
    }
}

/// Reads the string fields `keys` of an object (absent or `null`: `None`),
/// skipping the others.
fn strings<'de, A, const N: usize>(
    map: &mut A,
    keys: &[&'static str; N],
) -> Result<[Option<String>; N], A::Error>
where
    A: MapAccess<'de>,
{
    let mut values: [Option<Option<String>>; N] = [const { None }; N];
    while let Some(key) = map.next_key_seed(Key(keys))? {
        match key {
            Some(index) => once(&mut values[index], map.next_value_seed(OptString)?)?,
            None => {
                map.next_value_seed(Skip)?;
            }
        }
    }
    Ok(values.map(Option::flatten))
}

#[cfg(test)]
mod tests {
    use super::super::Callback;
    use super::*;

    /// Bodies the fast path reads, and bodies it leaves to the general path;
    /// either way `from_slice` answers as the general path alone would.
    #[test]
    fn agrees_with_the_general_path() {
        let cases: &[(&str, bool)] = &[
            (
                r#"{"command":"/deploy","arguments":"production","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"}}"#,
                true,
            ),
            (
                r#"{"command":"/d","user":{"id":"1","name":"A","email":"a@b","x":[1,2.5e3,{"y":null}]},"channel":{"id":"C","name":"c"},"type":"x","event":5}"#,
                true,
            ),
            (
                r#"{"command":"/d","arguments":null,"user":{"id":"1","name":"A","email":null},"channel":{"id":"C","name":"c"}}"#,
                true,
            ),
            (
                r#"{"command":"/d","user":{"id":"1","name":"\u00e9\ud83d\ude00"},"channel":{"id":"C","name":"c"}}"#,
                true,
            ),
            // A string event makes an event.
            (
                r#"{"event":"x","command":"/d","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            // Duplicate keys: last wins, in the general path.
            (
                r#"{"command":"/a","command":"/b","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            (
                r#"{"command":"/a","user":{"id":"1","id":"2","name":"A"},"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            // Missing, empty, null or mistyped fields.
            (r#"{"command":"/a","user":{"id":"1","name":"A"}}"#, false),
            // A `handler` may make a native call: the dialect is sniffed elsewhere.
            (
                r#"{"command":"/a","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"},"handler":{"type":"x"}}"#,
                false,
            ),
            (
                r#"{"command":"","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            (
                r#"{"command":"/a","user":null,"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            (
                r#"{"command":"/a","arguments":5,"user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            (
                r#"{"command":"/a","user":{"id":1,"name":"A"},"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            // Unused fields are still checked: a lone surrogate, a number out
            // of range, trailing characters.
            (
                r#"{"command":"/a","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"},"x":"\ud800"}"#,
                false,
            ),
            (
                r#"{"command":"/a","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"},"x":1e400}"#,
                false,
            ),
            (
                r#"{"command":"/a","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"}} x"#,
                false,
            ),
            (r#"["command"]"#, false),
            // A raw control character in a string.
            (
                "{\"command\":\"/a\u{1}\",\"user\":{\"id\":\"1\",\"name\":\"A\"},\"channel\":{\"id\":\"C\",\"name\":\"c\"}}",
                false,
            ),
            // A key repeated under an escape.
            (
                r#"{"command":"/a","comm\u0061nd":"/b","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            // A lone surrogate in a key.
            (
                r#"{"command":"/a","\udc00":1,"user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            (
                r#"{"command":"/a","user":[],"channel":{"id":"C","name":"c"}}"#,
                false,
            ),
            (
                r#"{"command":"/a","user":{"id":"1","name":"A"},"channel":{"id":"C","name":"c"},"handler":null}"#,
                false,
            ),
        ];
        for (body, fast) in cases {
            let general = serde_json::from_slice(body.as_bytes())
                .map_err(super::super::ParseError::NotJson)
                .and_then(Callback::from_value);
            let quick = command(body.as_bytes());
            assert_eq!(quick.is_some(), *fast, "{body}");
            if let Some(quick) = quick {
                assert!(
                    matches!(&general, Ok(Callback::Command(c)) if *c == quick),
                    "{body}"
                );
            }
            let whole = Callback::from_slice(body.as_bytes());
            assert_eq!(
                whole.as_ref().ok(),
                general.as_ref().ok(),
                "{body}: same callback"
            );
            assert_eq!(
                whole.as_ref().err().map(ToString::to_string),
                general.as_ref().err().map(ToString::to_string),
                "{body}: same error"
            );
        }
    }

    /// Bytes that are not UTF-8 are left to the general path, which refuses
    /// them.
    #[test]
    fn leaves_invalid_utf8_to_the_general_path() {
        let body = b"{\"command\":\"/a\xff\",\"user\":{\"id\":\"1\",\"name\":\"A\"},\"channel\":{\"id\":\"C\",\"name\":\"c\"}}";
        assert!(command(body).is_none());
        assert!(Callback::from_slice(body).is_err());
    }

    /// The fast path keeps serde_json's recursion limit, one level short of
    /// the contract's: a command exactly at the limit is left to the general
    /// path, which accepts it; one past it is refused as too deep.
    #[test]
    fn leaves_the_depth_limit_to_the_general_path() {
        let body = |depth: usize| {
            let arrays = depth - 1;
            format!(
                r#"{{"command":"/a","user":{{"id":"1","name":"A"}},"channel":{{"id":"C","name":"c"}},"x":{}{}}}"#,
                "[".repeat(arrays),
                "]".repeat(arrays)
            )
        };
        for (depth, accepted) in [
            (2, true),
            (127, true),
            (128, true),
            (129, false),
            (10_000, false),
        ] {
            let result = Callback::from_slice(body(depth).as_bytes());
            match (accepted, result) {
                (true, Ok(Callback::Command(_))) => {}
                (false, Err(super::super::ParseError::TooDeep { max: 128 })) => {}
                (_, other) => panic!("{depth} levels: {other:?}"),
            }
        }
    }
}
