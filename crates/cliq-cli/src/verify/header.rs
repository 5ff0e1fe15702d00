//! Reading the signature as given: a pasted header line, and why a value is
//! no signature at all.

use cliq_bot::verify::MAX_SIGNATURES;

/// Accepts a pasted `X-Cliq-Signature: …` line as well as the value.
pub(super) fn strip_header_name(header: &str) -> &str {
    let trimmed = header.trim();
    match trimmed.split_once(':') {
        Some((name, value)) if name.trim().eq_ignore_ascii_case("x-cliq-signature") => value.trim(),
        _ => trimmed,
    }
}

/// Why no entry of the header is a signature.
pub(super) fn malformed(header: &str) -> String {
    let entries: Vec<&str> = header
        .split([',', ' ', '\t'])
        .filter(|e| !e.is_empty())
        .collect();
    let Some(entry) = entries.first() else {
        return "no signature given".to_owned();
    };
    if entries.len() > MAX_SIGNATURES {
        return format!(
            "malformed signature: {} entries, at most {MAX_SIGNATURES}",
            entries.len()
        );
    }
    let shown: String = entry.chars().take(24).collect();
    let (prefix, digits) = entry.split_once('=').unwrap_or(("", entry));
    let problem = if !prefix.is_empty() && prefix != "sha256" {
        format!("the prefix must be `sha256=` (lowercase), not `{prefix}=`")
    } else if digits.len() != 64 {
        format!("{} characters where 64 hex digits belong", digits.len())
    } else {
        "not all hex digits".to_owned()
    };
    format!(
        "malformed signature `{shown}`: {problem} (the value is 64 hex digits, optionally after `sha256=`)"
    )
}
