//! The HTTP client under a [`Client`](crate::Client): reqwest on rustls
//! with the operating system's roots, HTTP/1.1.

use std::time::Duration;

use crate::error::Error;

/// A reqwest client with this crate's timeout and user agent.
pub(crate) fn http_client(timeout: Duration) -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .timeout(timeout)
        .user_agent(concat!("cliq-client/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::config("http client").with_source(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_an_http_client() {
        let built = http_client(Duration::from_secs(1));
        assert!(built.is_ok(), "{built:?}");
    }
}
