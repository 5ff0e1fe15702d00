//! One API call as data — method, URL, query, body — so it can be built
//! into a request again for every attempt; and the reading of its answer.

use bytes::Bytes;
use cliq_events::envelope::ErrorResponse;
use reqwest::header::{AUTHORIZATION, HeaderValue};
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode, Url};
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, ErrorKind};

/// A request to send, owned and cheap to clone.
#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Body,
    /// Whether to send the access token; webhook URLs carry their own.
    pub(crate) authenticated: bool,
}

#[derive(Clone, Debug)]
pub(crate) enum Body {
    Empty,
    Json(Bytes),
    File { name: String, bytes: Bytes },
}

impl Call {
    pub(crate) fn new(method: Method, url: Url) -> Self {
        Self {
            method,
            url,
            query: Vec::new(),
            body: Body::Empty,
            authenticated: true,
        }
    }

    pub(crate) fn json<T>(mut self, body: &T) -> Result<Self, Error>
    where
        T: Serialize + ?Sized,
    {
        self.body = Body::Json(serde_json::to_vec(body).map_err(Error::decode)?.into());
        Ok(self)
    }

    /// Adds the fields of a query struct, leaving out absent ones.
    pub(crate) fn query<T>(mut self, query: &T) -> Result<Self, Error>
    where
        T: Serialize,
    {
        self.query = query_pairs(query)?;
        Ok(self)
    }

    /// Sets `name` to `value`, replacing an earlier value.
    pub(crate) fn set_query(&mut self, name: &str, value: String) {
        self.query.retain(|(key, _)| key != name);
        self.query.push((name.to_owned(), value));
    }

    pub(crate) fn file(mut self, name: String, bytes: Bytes) -> Self {
        self.body = Body::File { name, bytes };
        self
    }

    pub(crate) fn without_token(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// What to log: the path for API calls, nothing of a webhook URL (it
    /// embeds a credential).
    pub(crate) fn log_target(&self) -> &str {
        if self.authenticated {
            self.url.path()
        } else {
            "<webhook>"
        }
    }

    pub(crate) fn request(
        &self,
        http: &reqwest::Client,
        token: Option<&HeaderValue>,
    ) -> reqwest::RequestBuilder {
        let mut request = http.request(self.method.clone(), self.url.clone());
        if !self.query.is_empty() {
            request = request.query(&self.query);
        }
        if let Some(token) = token {
            request = request.header(AUTHORIZATION, token.clone());
        }
        match &self.body {
            Body::Empty => request,
            Body::Json(bytes) => request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(bytes.clone()),
            Body::File { name, bytes } => {
                let part = Part::stream_with_length(bytes.clone(), bytes.len() as u64)
                    .file_name(name.clone());
                request.multipart(Form::new().part("file", part))
            }
        }
    }
}

/// A query struct as name-value pairs: `null` fields are left out, strings
/// are taken as they are, numbers and booleans as JSON writes them.
pub(crate) fn query_pairs<T>(query: &T) -> Result<Vec<(String, String)>, Error>
where
    T: Serialize,
{
    let Value::Object(fields) = serde_json::to_value(query).map_err(Error::decode)? else {
        return Err(Error::decode("query is not a struct"));
    };
    Ok(fields
        .into_iter()
        .filter_map(|(name, value)| match value {
            Value::Null => None,
            Value::String(text) => Some((name, text)),
            other => Some((name, other.to_string())),
        })
        .collect())
}

/// The error an error status carries: the envelope's code when there is an
/// envelope, the bare status otherwise.
pub(crate) fn error_from(status: StatusCode, body: &[u8]) -> Error {
    match serde_json::from_slice::<ErrorResponse>(body) {
        Ok(envelope) => Error::new(ErrorKind::Api {
            status: status.as_u16(),
            code: envelope.error.code,
            message: envelope.error.message,
        }),
        Err(_) => Error::new(ErrorKind::Http {
            status: status.as_u16(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use cliq_events::ErrorCode;
    use cliq_events::rest::{ChannelTypeFilter, ListChannels, SearchUsers};

    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn queries_become_pairs_without_absent_fields() -> Result<(), Error> {
        let list = ListChannels::new()
            .limit(50)
            .channel_type(ChannelTypeFilter::Public);
        let cases = [
            (query_pairs(&ListChannels::new())?, pairs(&[])),
            (
                query_pairs(&list)?,
                pairs(&[("limit", "50"), ("type", "public")]),
            ),
            (
                query_pairs(&SearchUsers::new("john doe").limit(20))?,
                pairs(&[("query", "john doe"), ("limit", "20")]),
            ),
        ];
        for (mut actual, mut expected) in cases {
            // Pair order is irrelevant on the wire.
            actual.sort();
            expected.sort();
            assert_eq!(actual, expected);
        }
        Ok(())
    }

    #[test]
    fn next_token_replaces_an_earlier_one() -> Result<(), Error> {
        let url = Url::parse("https://cliq.zoho.com/api/v2/channels").map_err(Error::decode)?;
        let mut call = Call::new(Method::GET, url).query(&ListChannels::new().next_token("a"))?;
        call.set_query("next_token", "b".to_owned());
        assert_eq!(call.query, pairs(&[("next_token", "b")]));
        Ok(())
    }

    #[test]
    fn error_statuses_read_the_envelope_when_there_is_one() {
        let envelope = br#"{"error":{"code":"INVALID_CHANNEL","message":"no such channel"},
            "status":{"code":404,"message":"error"}}"#;
        let cases: [(u16, &[u8], Option<ErrorCode>); 3] = [
            (404, envelope, Some(ErrorCode::InvalidChannel)),
            (502, b"<html>bad gateway</html>", None),
            (500, b"", None),
        ];
        for (status, body, code) in cases {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let error = error_from(status, body);
            assert_eq!(error.code(), code.as_ref());
            assert_eq!(error.status(), Some(status.as_u16()));
        }
    }
}
