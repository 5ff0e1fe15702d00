//! Zoho data centres: where an organization's Cliq API and accounts server
//! live. The REST client targets one; a native call names its own.

use std::fmt;
use std::str::FromStr;

/// A Zoho data centre.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DataCentre {
    /// United States: `cliq.zoho.com`.
    #[default]
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
}

impl DataCentre {
    /// Every data centre, in the order above.
    pub const ALL: [Self; 9] = [
        Self::Us,
        Self::Eu,
        Self::In,
        Self::Au,
        Self::Jp,
        Self::Ca,
        Self::Sa,
        Self::Uk,
        Self::Cn,
    ];

    /// The Zoho domain (`zoho.eu`).
    pub fn domain(self) -> &'static str {
        match self {
            Self::Us => "zoho.com",
            Self::Eu => "zoho.eu",
            Self::In => "zoho.in",
            Self::Au => "zoho.com.au",
            Self::Jp => "zoho.jp",
            Self::Ca => "zohocloud.ca",
            Self::Sa => "zoho.sa",
            Self::Uk => "zoho.uk",
            Self::Cn => "zoho.com.cn",
        }
    }

    /// The code Zoho uses (`US`, `EU`, …), as in `params.environment.data_center`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Us => "US",
            Self::Eu => "EU",
            Self::In => "IN",
            Self::Au => "AU",
            Self::Jp => "JP",
            Self::Ca => "CA",
            Self::Sa => "SA",
            Self::Uk => "UK",
            Self::Cn => "CN",
        }
    }

    /// The data centre a top-level domain names (`.eu`, `com.au`).
    pub fn from_tld(tld: &str) -> Option<Self> {
        let tld = tld.trim().trim_start_matches('.');
        Self::ALL.into_iter().find(|centre| {
            centre
                .domain()
                .split_once('.')
                .is_some_and(|(_, known)| known.eq_ignore_ascii_case(tld))
        })
    }

    /// The Cliq host (`cliq.zoho.eu`).
    pub fn cliq_host(self) -> String {
        format!("cliq.{}", self.domain())
    }

    /// The accounts host, where OAuth tokens come from (`accounts.zoho.eu`).
    pub fn accounts_host(self) -> String {
        format!("accounts.{}", self.domain())
    }

    /// The Cliq base URL (`https://cliq.zoho.eu`).
    pub fn base_url(self) -> String {
        format!("https://{}", self.cliq_host())
    }

    /// The accounts base URL (`https://accounts.zoho.eu`).
    pub fn accounts_url(self) -> String {
        format!("https://{}", self.accounts_host())
    }
}

impl fmt::Display for DataCentre {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A code that names no known data centre.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown data centre `{0}`")]
pub struct UnknownDataCentre(String);

impl FromStr for DataCentre {
    type Err = UnknownDataCentre;

    /// Reads a code (`US`, `eu`, …) in any case.
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|centre| centre.code().eq_ignore_ascii_case(code.trim()))
            .ok_or_else(|| UnknownDataCentre(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_tlds_name_their_hosts() {
        let cases = [
            (
                "US",
                ".com",
                "https://cliq.zoho.com",
                "https://accounts.zoho.com",
            ),
            (
                "eu",
                ".eu",
                "https://cliq.zoho.eu",
                "https://accounts.zoho.eu",
            ),
            (
                "IN",
                "in",
                "https://cliq.zoho.in",
                "https://accounts.zoho.in",
            ),
            (
                "AU",
                ".com.au",
                "https://cliq.zoho.com.au",
                "https://accounts.zoho.com.au",
            ),
            (
                "JP",
                ".jp",
                "https://cliq.zoho.jp",
                "https://accounts.zoho.jp",
            ),
            (
                "CA",
                ".ca",
                "https://cliq.zohocloud.ca",
                "https://accounts.zohocloud.ca",
            ),
            (
                "SA",
                ".sa",
                "https://cliq.zoho.sa",
                "https://accounts.zoho.sa",
            ),
            (
                "UK",
                ".uk",
                "https://cliq.zoho.uk",
                "https://accounts.zoho.uk",
            ),
            (
                "CN",
                ".com.cn",
                "https://cliq.zoho.com.cn",
                "https://accounts.zoho.com.cn",
            ),
        ];
        for (code, tld, cliq, accounts) in cases {
            let centre: DataCentre = code.parse().unwrap_or_default();
            assert_eq!(centre.code(), code.to_ascii_uppercase());
            assert_eq!(DataCentre::from_tld(tld), Some(centre), "{tld}");
            assert_eq!(centre.base_url(), cliq);
            assert_eq!(centre.accounts_url(), accounts);
        }
    }

    #[test]
    fn unknown_codes_and_tlds_are_refused() {
        assert!(" mx ".parse::<DataCentre>().is_err());
        assert_eq!(DataCentre::from_tld(".mx"), None);
    }
}
