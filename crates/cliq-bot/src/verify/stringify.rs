//! What `JSON.stringify(JSON.parse(body))` yields, for signatures made over a
//! re-serialisation rather than the bytes sent.
//!
//! JavaScript writes objects compactly, keys in property order (array-index
//! keys first, ascending; then the rest in first-insertion order, a repeated
//! key keeping its first place and its last value), strings with only the
//! escapes JSON requires (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
//! control characters as lowercase `\u00xx`), and numbers as
//! `Number.prototype.toString` does.

use serde_json::{Map, Number, Value};

/// The re-serialisation of a parsed body, as `JSON.stringify` writes it.
pub(crate) fn stringify(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(number) => write_number(out, number),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, item);
            }
            out.push(b']');
        }
        Value::Object(map) => write_object(out, map),
    }
}

/// An array index as JavaScript orders it: a canonical decimal below 2^32 − 1.
fn array_index(key: &str) -> Option<u32> {
    let canonical = key == "0" || (!key.starts_with('0') && !key.is_empty());
    key.parse::<u32>()
        .ok()
        .filter(|&n| canonical && n != u32::MAX)
}

fn write_object(out: &mut Vec<u8>, map: &Map<String, Value>) {
    let mut indexed: Vec<(u32, &String, &Value)> = map
        .iter()
        .filter_map(|(key, value)| array_index(key).map(|n| (n, key, value)))
        .collect();
    indexed.sort_unstable_by_key(|(n, _, _)| *n);
    let named = map.iter().filter(|(key, _)| array_index(key).is_none());
    out.push(b'{');
    let members = indexed.into_iter().map(|(_, k, v)| (k, v)).chain(named);
    for (i, (key, value)) in members.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_string(out, key);
        out.push(b':');
        write_value(out, value);
    }
    out.push(b'}');
}

fn write_string(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    for &byte in text.as_bytes() {
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x00..=0x1f => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]),
            _ => out.push(byte),
        }
    }
    out.push(b'"');
}

/// `Number.prototype.toString` of the double nearest the JSON number.
fn write_number(out: &mut Vec<u8>, number: &Number) {
    let value = number.as_f64().unwrap_or(0.0);
    out.extend_from_slice(js_number(value).as_bytes());
}

fn js_number(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return "0".to_owned();
    }
    // Rust's `{:e}` gives the shortest digits that round-trip, as JS does.
    let formatted = format!("{:e}", value.abs());
    let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i32 = exponent.parse().unwrap_or(0);
    // value = 0.d1d2…dk × 10^n
    let n = exponent + 1;
    let k = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    let sign = if value < 0.0 { "-" } else { "" };
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let sign = if n - 1 < 0 { '-' } else { '+' };
        format!("{first}{point}e{sign}{}", (n - 1).abs())
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_javascript_does() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (100.0, "100"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.1, "0.1"),
            (1.2345e25, "1.2345e+25"),
            (9007199254740993.0, "9007199254740992"),
        ];
        for (value, expected) in cases {
            assert_eq!(js_number(value), expected, "{value}");
        }
    }

    #[test]
    fn objects_strings_and_keys_follow_javascript() {
        let cases = [
            (
                r#"{ "b": 1, "a": [1.0, 2e2, "x"] }"#,
                r#"{"b":1,"a":[1,200,"x"]}"#,
            ),
            (
                r#"{"z": 1, "2": 1, "10": 1, "01": 1, "a": 1}"#,
                r#"{"2":1,"10":1,"z":1,"01":1,"a":1}"#,
            ),
            (r#"{"a": 1, "b": 2, "a": 3}"#, r#"{"a":3,"b":2}"#),
            (r#""\u00e9\/\u001F\n\u2028""#, "\"é/\\u001f\\n\u{2028}\""),
            (r#"12345678901234567890"#, "12345678901234567000"),
            (r#"[true, false, null, -0]"#, "[true,false,null,0]"),
        ];
        for (input, expected) in cases {
            let value: Value = serde_json::from_str(input).unwrap_or(Value::Null);
            assert_eq!(
                String::from_utf8_lossy(&stringify(&value)),
                expected,
                "{input}"
            );
        }
    }
}
