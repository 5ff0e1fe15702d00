//! OAuth 2.0 with Zoho Accounts: the token request form, the token response
//! and the [`Secret`] wrapper that keeps credentials out of `Debug` output.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A credential: a token, a client secret or an authorization code.
///
/// Serialises as the bare string; `Debug` prints `***` and there is no
/// `Display`, so a secret cannot reach a log by accident.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The credential itself, to put in a header or a form.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(secret: String) -> Self {
        Self(secret)
    }
}

impl From<&str> for Secret {
    fn from(secret: &str) -> Self {
        Self(secret.to_owned())
    }
}

/// The form posted to `https://accounts.zoho.com/oauth/v2/token`.
///
/// Serialise it with a form encoder (`application/x-www-form-urlencoded`);
/// the variant becomes the `grant_type` field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "grant_type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TokenRequest {
    /// `grant_type=authorization_code`: trades the code from the consent
    /// redirect for an access and a refresh token.
    AuthorizationCode {
        /// The client id from the API console.
        client_id: String,
        /// The client secret from the API console.
        client_secret: Secret,
        /// The redirect URI the code was issued for.
        redirect_uri: String,
        /// The authorization code.
        code: Secret,
    },
    /// `grant_type=refresh_token`: trades a refresh token for a new access
    /// token.
    RefreshToken {
        /// The client id from the API console.
        client_id: String,
        /// The client secret from the API console.
        client_secret: Secret,
        /// The refresh token of an earlier grant.
        refresh_token: Secret,
    },
}

impl TokenRequest {
    /// The `authorization_code` grant.
    pub fn authorization_code(
        client_id: impl Into<String>,
        client_secret: Secret,
        redirect_uri: impl Into<String>,
        code: Secret,
    ) -> Self {
        Self::AuthorizationCode {
            client_id: client_id.into(),
            client_secret,
            redirect_uri: redirect_uri.into(),
            code,
        }
    }

    /// The `refresh_token` grant.
    pub fn refresh_token(
        client_id: impl Into<String>,
        client_secret: Secret,
        refresh_token: Secret,
    ) -> Self {
        Self::RefreshToken {
            client_id: client_id.into(),
            client_secret,
            refresh_token,
        }
    }
}

/// The answer of the token endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    /// The access token, sent as `Authorization: Zoho-oauthtoken <token>`.
    pub access_token: Secret,
    /// The refresh token; only the `authorization_code` grant returns one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    /// The API base of the account's data center, such as
    /// `https://www.zohoapis.com`.
    pub api_domain: String,
    /// The token type, `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_every_credential() {
        let request = TokenRequest::authorization_code(
            "client",
            Secret::new("s3cret"),
            "https://example.com/cb",
            Secret::new("c0de"),
        );
        let refresh = TokenRequest::refresh_token("client", "s3cret".into(), "r3fresh".into());
        let printed = format!("{request:?} {refresh:?}");
        for secret in ["s3cret", "c0de", "r3fresh"] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
        assert!(printed.contains("client"));
    }

    #[test]
    fn token_requests_carry_the_reference_form_fields() -> serde_json::Result<()> {
        let code = TokenRequest::authorization_code("id", "s".into(), "https://x/cb", "c".into());
        let refresh = TokenRequest::refresh_token("id", "s".into(), "r".into());
        let cases = [
            (code, "authorization_code", &["redirect_uri", "code"][..]),
            (refresh, "refresh_token", &["refresh_token"][..]),
        ];
        for (request, grant, specific) in cases {
            let form = serde_json::to_value(&request)?;
            assert_eq!(form["grant_type"], grant);
            let mut keys: Vec<&str> = form
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k.as_str())
                .collect();
            let mut expected =
                [&["grant_type", "client_id", "client_secret"][..], specific].concat();
            keys.sort_unstable();
            expected.sort_unstable();
            assert_eq!(keys, expected);
        }
        Ok(())
    }

    #[test]
    fn secrets_serialise_as_bare_strings() -> Result<(), serde_json::Error> {
        let secret = Secret::new("1000.xxx");
        assert_eq!(serde_json::to_string(&secret)?, "\"1000.xxx\"");
        assert_eq!(secret.expose(), "1000.xxx");
        Ok(())
    }
}
