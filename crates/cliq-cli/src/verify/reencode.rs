//! What a body may have been before something in transit changed it: the
//! re-encodings a proxy or framework commonly applies, undone or redone.

use std::io;

use serde_json::Value;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

/// The body changed one way.
#[derive(Debug)]
pub(super) struct Variant {
    /// The bytes.
    pub(super) bytes: Vec<u8>,
    /// How they differ: follows "the signature matches the body …".
    pub(super) how: String,
    /// What in transit makes that difference.
    pub(super) cause: &'static str,
}

const RESERIALISED: &str = "something between sender and bot re-serialised the JSON";
const NEWLINE: &str = "something between sender and bot added or removed a trailing newline";
const LINE_ENDINGS: &str = "something between sender and bot converted the line endings";

/// Every variant of `body` that differs from it, each once. Whitespace-only
/// changes come first, so that they are named as such.
pub(super) fn variants(body: &[u8]) -> Vec<Variant> {
    let mut found: Vec<Variant> = Vec::new();
    let mut add = |bytes: Vec<u8>, how: String, cause| {
        if bytes != body && found.iter().all(|v| v.bytes != bytes) {
            found.push(Variant { bytes, how, cause });
        }
    };
    let trimmed = body
        .strip_suffix(b"\r\n")
        .or_else(|| body.strip_suffix(b"\n"));
    if let Some(trimmed) = trimmed {
        add(
            trimmed.to_vec(),
            "with its trailing newline removed".to_owned(),
            NEWLINE,
        );
    } else {
        let mut with_newline = body.to_vec();
        with_newline.push(b'\n');
        add(
            with_newline,
            "with a trailing newline added".to_owned(),
            NEWLINE,
        );
    }
    if body.windows(2).any(|w| w == b"\r\n") {
        let lf = replace(body, b"\r\n", b"\n");
        add(
            lf,
            "with its CRLF line endings turned into LF".to_owned(),
            LINE_ENDINGS,
        );
    } else if body.contains(&b'\n') {
        let crlf = replace(body, b"\n", b"\r\n");
        add(
            crlf,
            "with its LF line endings turned into CRLF".to_owned(),
            LINE_ENDINGS,
        );
    }
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        let mut sorted_value = value.clone();
        sort_keys(&mut sorted_value);
        let encodings = [
            ("compactly", serde_json::to_vec(&value).ok()),
            (
                "pretty-printed (2-space indent)",
                serde_json::to_vec_pretty(&value).ok(),
            ),
            (
                "pretty-printed (4-space indent)",
                encode(&value, PrettyFormatter::with_indent(b"    ")),
            ),
            (
                "with a space after each `:` and `,`",
                encode(&value, Spaced),
            ),
            (
                "compactly with its keys sorted",
                serde_json::to_vec(&sorted_value).ok(),
            ),
        ];
        for (how, bytes) in encodings {
            let Some(bytes) = bytes else { continue };
            let mut with_newline = bytes.clone();
            with_newline.push(b'\n');
            add(bytes, format!("re-encoded {how}"), RESERIALISED);
            add(
                with_newline,
                format!("re-encoded {how}, with a trailing newline"),
                RESERIALISED,
            );
        }
    }
    found
}

fn encode<F>(value: &Value, formatter: F) -> Option<Vec<u8>>
where
    F: Formatter,
{
    let mut bytes = Vec::new();
    serde::Serialize::serialize(
        value,
        &mut Serializer::with_formatter(&mut bytes, formatter),
    )
    .ok()?;
    Some(bytes)
}

/// `{"a": 1, "b": [1, 2]}`: Python's `json.dumps` with its default separators.
struct Spaced;

impl Formatter for Spaced {
    fn begin_array_value<W>(&mut self, writer: &mut W, first: bool) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W>(&mut self, writer: &mut W, first: bool) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W>(&mut self, writer: &mut W) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        writer.write_all(b": ")
    }
}

fn sort_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.sort_keys();
            map.values_mut().for_each(sort_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

fn replace(body: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + body.len() / 16);
    let mut rest = body;
    while !rest.is_empty() {
        if rest.starts_with(from) {
            out.extend_from_slice(to);
            rest = &rest[from.len()..];
        } else {
            out.push(rest[0]);
            rest = &rest[1..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variant of `body` described as `how`, as text.
    fn variant(body: &str, how: &str) -> Option<String> {
        variants(body.as_bytes())
            .into_iter()
            .find(|v| v.how == how)
            .map(|v| String::from_utf8_lossy(&v.bytes).into_owned())
    }

    #[test]
    fn undoes_common_re_encodings() {
        let body = "{\"b\":[1,2],\"a\":\"x\"}";
        let cases = [
            (
                "re-encoded pretty-printed (2-space indent)",
                "{\n  \"b\": [\n    1,\n    2\n  ],\n  \"a\": \"x\"\n}",
            ),
            (
                "re-encoded with a space after each `:` and `,`",
                "{\"b\": [1, 2], \"a\": \"x\"}",
            ),
            (
                "re-encoded compactly with its keys sorted",
                "{\"a\":\"x\",\"b\":[1,2]}",
            ),
            (
                "with a trailing newline added",
                "{\"b\":[1,2],\"a\":\"x\"}\n",
            ),
        ];
        for (how, expected) in cases {
            assert_eq!(variant(body, how).as_deref(), Some(expected), "{how}");
        }
        // Already compact: no variant repeats the body itself.
        assert_eq!(variant(body, "re-encoded compactly"), None);
        assert_eq!(
            variant(
                "{\r\n\"a\": 1\r\n}\r\n",
                "with its CRLF line endings turned into LF"
            )
            .as_deref(),
            Some("{\n\"a\": 1\n}\n")
        );
        assert_eq!(
            variant("{\"a\":1}\n", "with its trailing newline removed").as_deref(),
            Some("{\"a\":1}")
        );
        assert!(
            variants(b"not json")
                .iter()
                .all(|v| v.cause != RESERIALISED)
        );
    }
}
