//! The scheme not configured: a signature made with the other one is a
//! mismatch of configuration, not a forgery.

use cliq_bot::verify::{Signatures, matching};

use super::{Check, TOLERANCE};
use crate::args::Scheme;

/// The largest body for which every timestamp near now is tried.
const SEARCH_LIMIT: usize = 64 * 1024;

impl Check<'_> {
    /// The explanation when the signature is of the scheme not configured.
    pub(super) fn other_scheme(&self, signatures: &Signatures) -> Option<String> {
        match (self.scheme, self.timestamp) {
            (Scheme::Timestamped, _) => matching(self.secrets, signatures, &[self.body])
                .map(|_| BODY_NOT_TIMESTAMPED.to_owned()),
            (Scheme::Body, Some((text, _))) => matching(
                self.secrets,
                signatures,
                &[text.as_bytes(), b".", self.body],
            )
            .map(|_| timestamped_not_body(text)),
            (Scheme::Body, None) => self
                .search(signatures)
                .map(|(ts, _)| timestamped_not_body(&ts.to_string())),
        }
    }

    /// The timestamp within the tolerance of now, and the secret, under which
    /// the timestamped scheme holds: the nearest to now first.
    pub(super) fn search(&self, signatures: &Signatures) -> Option<(u64, usize)> {
        if self.body.len() > SEARCH_LIMIT {
            return None;
        }
        (0..=TOLERANCE)
            .flat_map(|d| {
                [
                    self.now.checked_sub(d),
                    self.now.checked_add(d).filter(|_| d > 0),
                ]
            })
            .flatten()
            .find_map(|ts| {
                let text = ts.to_string();
                matching(
                    self.secrets,
                    signatures,
                    &[text.as_bytes(), b".", self.body],
                )
                .map(|(index, _)| (ts, index))
            })
    }
}

pub(super) const BODY_NOT_TIMESTAMPED: &str = "scheme mismatch: the signature covers the body alone (the body scheme), but this checks the timestamped scheme: use the same --scheme (CLIQ_SIGNATURE_SCHEME) on both sides";

fn timestamped_not_body(ts: &str) -> String {
    format!(
        "scheme mismatch: the signature is of the timestamped scheme (over `{ts}.<body>`), but this checks the body scheme: use --scheme timestamped (CLIQ_SIGNATURE_SCHEME) like the sender"
    )
}
