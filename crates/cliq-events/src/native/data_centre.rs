//! Zoho data centres, as a native call names its own in `params.environment`.

use std::fmt;

/// A Zoho data centre: where the caller's account lives, and so where
/// outbound calls made while handling a call should go.
///
/// Codes are read in any case; a code this version does not know is kept in
/// [`DataCentre::Other`] (upper-cased, trimmed) and has no known hosts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DataCentre {
    /// United States: `cliq.zoho.com`.
    Us,
    /// Europe: `cliq.zoho.eu`.
    Eu,
    /// India: `cliq.zoho.in`.
    In,
    /// Australia: `cliq.zoho.com.au`.
    Au,
    /// Japan: `cliq.zoho.jp`.
    Jp,
    /// Canada: `cliq.zohocloud.ca`.
    Ca,
    /// Saudi Arabia: `cliq.zoho.sa`.
    Sa,
    /// United Kingdom: `cliq.zoho.uk`.
    Uk,
    /// China: `cliq.zoho.com.cn`.
    Cn,
    /// A code this version does not know.
    Other(String),
}

/// Every known centre with its code and the domain after `cliq.`/`accounts.`.
static KNOWN: [(DataCentre, &str, &str); 9] = [
    (DataCentre::Us, "US", "zoho.com"),
    (DataCentre::Eu, "EU", "zoho.eu"),
    (DataCentre::In, "IN", "zoho.in"),
    (DataCentre::Au, "AU", "zoho.com.au"),
    (DataCentre::Jp, "JP", "zoho.jp"),
    (DataCentre::Ca, "CA", "zohocloud.ca"),
    (DataCentre::Sa, "SA", "zoho.sa"),
    (DataCentre::Uk, "UK", "zoho.uk"),
    (DataCentre::Cn, "CN", "zoho.com.cn"),
];

impl DataCentre {
    /// Reads a code such as `US` or `eu`.
    pub fn from_code(code: &str) -> Self {
        let code = code.trim();
        KNOWN
            .iter()
            .find(|(_, known, _)| known.eq_ignore_ascii_case(code))
            .map_or_else(
                || Self::Other(code.to_ascii_uppercase()),
                |(centre, _, _)| centre.clone(),
            )
    }

    /// Reads a top-level domain as `params.environment.tld` gives it
    /// (`.com`, `.com.au`, `.ca`, with or without the dot); `None` for one
    /// that is no known centre's.
    pub fn from_tld(tld: &str) -> Option<Self> {
        let tld = tld.trim().trim_start_matches('.');
        KNOWN
            .iter()
            .find(|(_, _, domain)| {
                domain
                    .split_once('.')
                    .is_some_and(|(_, known)| known.eq_ignore_ascii_case(tld))
            })
            .map(|(centre, _, _)| centre.clone())
    }

    /// The code, such as `US`.
    pub fn code(&self) -> &str {
        match self {
            Self::Other(code) => code,
            _ => self.entry().map_or("", |(_, code, _)| code),
        }
    }

    /// The Cliq host, such as `cliq.zoho.com`; `None` for [`DataCentre::Other`].
    pub fn cliq_host(&self) -> Option<String> {
        self.entry().map(|(_, _, domain)| format!("cliq.{domain}"))
    }

    /// The accounts (OAuth) host, such as `accounts.zoho.com`; `None` for
    /// [`DataCentre::Other`].
    pub fn accounts_host(&self) -> Option<String> {
        self.entry()
            .map(|(_, _, domain)| format!("accounts.{domain}"))
    }

    fn entry(&self) -> Option<&'static (Self, &'static str, &'static str)> {
        KNOWN.iter().find(|(centre, _, _)| centre == self)
    }
}

impl fmt::Display for DataCentre {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_tlds_name_their_hosts() {
        let cases = [
            ("US", ".com", "cliq.zoho.com", "accounts.zoho.com"),
            ("eu", ".eu", "cliq.zoho.eu", "accounts.zoho.eu"),
            ("IN", "in", "cliq.zoho.in", "accounts.zoho.in"),
            ("AU", ".com.au", "cliq.zoho.com.au", "accounts.zoho.com.au"),
            ("JP", ".jp", "cliq.zoho.jp", "accounts.zoho.jp"),
            ("CA", ".ca", "cliq.zohocloud.ca", "accounts.zohocloud.ca"),
            ("SA", ".sa", "cliq.zoho.sa", "accounts.zoho.sa"),
            ("UK", ".uk", "cliq.zoho.uk", "accounts.zoho.uk"),
            ("CN", ".com.cn", "cliq.zoho.com.cn", "accounts.zoho.com.cn"),
        ];
        for (code, tld, cliq, accounts) in cases {
            let centre = DataCentre::from_code(code);
            assert_eq!(centre.code(), code.to_ascii_uppercase());
            assert_eq!(DataCentre::from_tld(tld), Some(centre.clone()), "{tld}");
            assert_eq!(centre.cliq_host().as_deref(), Some(cliq));
            assert_eq!(centre.accounts_host().as_deref(), Some(accounts));
        }
    }

    #[test]
    fn unknown_codes_are_kept_without_hosts() {
        let centre = DataCentre::from_code(" mx ");
        assert_eq!(centre, DataCentre::Other("MX".to_owned()));
        assert_eq!(centre.to_string(), "MX");
        assert_eq!(centre.cliq_host(), None);
        assert_eq!(DataCentre::from_tld(".mx"), None);
    }
}
