//! Posting a signed callback and showing what the bot answered.

use std::time::Duration;

use reqwest::header::CONTENT_TYPE;

use crate::args::{Dialect, Target};
use crate::exit::{self, Exit, Failure};
use crate::explain::Sent;
use crate::keys::PrivateKey;
use crate::sign::Headers;
use crate::{render, sign};

/// How long to wait for an answer: past the bot's default handler deadline (10 s).
const TIMEOUT: Duration = Duration::from_secs(30);

/// Signs `body`, posts it to the target and shows the reply.
pub(crate) async fn post(target: &Target, body: Vec<u8>) -> Result<Exit, Failure> {
    let url = checked_url(&target.url)?;
    let headers = match target.dialect {
        Dialect::Contract => sign::headers(&target.signing, &body)?,
        Dialect::Native => native_headers(target, &body)?,
    };
    let client = reqwest::Client::builder()
        // The bot is local or on a private network: never through a proxy from the environment.
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .user_agent(concat!("cliq/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Failure::usage(format!("cannot set up HTTP: {e}")))?;
    let mut request = client
        .post(url.clone())
        .header(CONTENT_TYPE, "application/json")
        .header("x-cliq-signature", &headers.signature);
    if let Some(timestamp) = &headers.timestamp {
        request = request.header("x-cliq-timestamp", timestamp);
    }
    let response = request
        .body(body)
        .send()
        .await
        .map_err(|e| unreachable(&target.url, &e))?;
    let status = response.status();
    let request_id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let reply = response
        .bytes()
        .await
        .map_err(|e| unreachable(&target.url, &e))?;

    let status_line = render::status_line(
        status.as_u16(),
        status.canonical_reason().unwrap_or(""),
        request_id.as_deref(),
    );
    if target.json {
        // Keep stdout to the reply alone, for piping into jq.
        exit::err(&status_line);
        exit::out_bytes(&reply);
    } else {
        let sent = Sent {
            url: &target.url,
            scheme: target.signing.scheme,
            dialect: target.dialect,
        };
        exit::out(&status_line);
        exit::out(&render::reply(status.as_u16(), &reply, sent));
    }
    Ok(if status.is_success() {
        Exit::Success
    } else {
        Exit::Refused
    })
}

/// The native dialect's one header: the body's RSA signature, base64.
fn native_headers(target: &Target, body: &[u8]) -> Result<Headers, Failure> {
    let Some(spec) = &target.private_key else {
        return Err(Failure::usage(
            "--dialect native signs with an RSA private key: pass --private-key FILE or set CLIQ_PRIVATE_KEY (`cliq keygen --out key.pem` makes one)",
        ));
    };
    if target.signing.timestamp.is_some() {
        exit::err("cliq: --timestamp is ignored: native calls carry their time in the body");
    }
    Ok(Headers {
        signature: PrivateKey::load(spec)?.sign(body)?,
        timestamp: None,
    })
}

/// The URL, if it is one `cliq` can post to: absolute and plain `http`.
fn checked_url(text: &str) -> Result<reqwest::Url, Failure> {
    let url = reqwest::Url::parse(text)
        .map_err(|e| Failure::usage(format!("`{text}` is not a URL: {e}")))?;
    match url.scheme() {
        "http" => Ok(url),
        "https" => Err(Failure::usage(format!(
            "`{text}`: cliq speaks plain http only (it carries no TLS); post to the bot's own http address"
        ))),
        other => Err(Failure::usage(format!("`{text}`: `{other}` is not http"))),
    }
}

/// Why nothing usable came back, with the question to ask.
fn unreachable(url: &str, error: &reqwest::Error) -> Failure {
    let cause = root_cause(error);
    if error.is_timeout() {
        return Failure::unreachable(format!(
            "no answer from {url} within {} s: is the bot stuck, or is the URL right?",
            TIMEOUT.as_secs()
        ));
    }
    Failure::unreachable(format!(
        "cannot reach {url}: {cause}; is the bot running at {url}?"
    ))
}

/// The innermost error's message, "connection refused (os error 111)", rather
/// than "error sending request".
fn root_cause(error: &reqwest::Error) -> String {
    let mut source: &dyn std::error::Error = error;
    while let Some(inner) = source.source() {
        source = inner;
    }
    let mut text = source.to_string();
    if let Some(first) = text.get(..1).map(str::to_ascii_lowercase) {
        text.replace_range(..1, &first);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_to_plain_http_only() {
        assert!(checked_url("http://127.0.0.1:3000/cliq").is_ok());
        for (url, expected) in [
            ("https://bot.example.com/cliq", "plain http only"),
            ("ftp://x/", "not http"),
            ("127.0.0.1:3000", "not"),
        ] {
            let error = checked_url(url).map(|_| ()).err().map(|e| e.to_string());
            assert!(
                error.as_deref().is_some_and(|e| e.contains(expected)),
                "{url}: {error:?}"
            );
        }
    }
}
