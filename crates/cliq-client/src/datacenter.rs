//! Zoho data centres: where an account's Cliq API and accounts server live.

use std::fmt;
use std::str::FromStr;

/// A Zoho data centre. An account lives in one; its API host and its OAuth
/// (accounts) host both follow from it.
///
/// Parses from the codes Cliq puts in a callback's
/// `params.environment.data_center` (`US`, `EU`, …, any case).
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

    /// The domain after `cliq.` and `accounts.`, such as `zoho.com`.
    fn domain(self) -> &'static str {
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

    /// The Cliq base URL, such as `https://cliq.zoho.com`; the REST API is
    /// under `/api/v2`.
    pub fn base_url(self) -> String {
        format!("https://cliq.{}", self.domain())
    }

    /// The accounts (OAuth) base URL, such as `https://accounts.zoho.com`;
    /// tokens come from `/oauth/v2/token`.
    pub fn accounts_url(self) -> String {
        format!("https://accounts.{}", self.domain())
    }

    /// The code Cliq uses for it, such as `US`.
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
}

impl fmt::Display for DataCentre {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A data-centre code that is not one of [`DataCentre::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown data centre `{0}`")]
pub struct UnknownDataCentre(String);

impl FromStr for DataCentre {
    type Err = UnknownDataCentre;

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
    fn hosts_follow_the_data_centre() {
        let cases = [
            (
                DataCentre::Us,
                "https://cliq.zoho.com",
                "https://accounts.zoho.com",
            ),
            (
                DataCentre::Eu,
                "https://cliq.zoho.eu",
                "https://accounts.zoho.eu",
            ),
            (
                DataCentre::In,
                "https://cliq.zoho.in",
                "https://accounts.zoho.in",
            ),
            (
                DataCentre::Au,
                "https://cliq.zoho.com.au",
                "https://accounts.zoho.com.au",
            ),
            (
                DataCentre::Jp,
                "https://cliq.zoho.jp",
                "https://accounts.zoho.jp",
            ),
            (
                DataCentre::Ca,
                "https://cliq.zohocloud.ca",
                "https://accounts.zohocloud.ca",
            ),
            (
                DataCentre::Sa,
                "https://cliq.zoho.sa",
                "https://accounts.zoho.sa",
            ),
            (
                DataCentre::Uk,
                "https://cliq.zoho.uk",
                "https://accounts.zoho.uk",
            ),
            (
                DataCentre::Cn,
                "https://cliq.zoho.com.cn",
                "https://accounts.zoho.com.cn",
            ),
        ];
        for (centre, cliq, accounts) in cases {
            assert_eq!(centre.base_url(), cliq);
            assert_eq!(centre.accounts_url(), accounts);
        }
    }

    #[test]
    fn parses_callback_codes_in_any_case() {
        for centre in DataCentre::ALL {
            assert_eq!(centre.code().parse(), Ok(centre));
            assert_eq!(centre.code().to_lowercase().parse(), Ok(centre));
        }
        let unknown = "XX".parse::<DataCentre>();
        assert_eq!(unknown, Err(UnknownDataCentre("XX".to_owned())));
    }
}
