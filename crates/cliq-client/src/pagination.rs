//! Lists as streams: page after page, following `list_info.next_token`
//! until the server says there is no more.

use std::collections::VecDeque;

use cliq_events::envelope::ListResponse;
use futures_core::Stream;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::call::Call;
use crate::client::Client;
use crate::error::Error;

/// Where a paginated listing stands between two items.
struct Pages<T> {
    client: Client,
    call: Call,
    buffered: VecDeque<T>,
    /// `None` once the last page is read or an error was yielded.
    next: Option<Next>,
}

enum Next {
    First,
    Token(String),
}

/// Every item of the listing `call` starts, fetched one page at a time as
/// the stream is polled. The stream ends after the first error; a call that
/// could not be made (its query did not encode) is that error.
pub(crate) fn items<T>(
    client: &Client,
    call: Result<Call, Error>,
) -> impl Stream<Item = Result<T, Error>> + Send + 'static
where
    T: DeserializeOwned + Send + 'static,
{
    match call {
        Ok(call) => pages(client.clone(), call).left_stream(),
        Err(error) => futures_util::stream::once(async { Err(error) }).right_stream(),
    }
}

fn pages<T>(client: Client, call: Call) -> impl Stream<Item = Result<T, Error>> + Send + 'static
where
    T: DeserializeOwned + Send + 'static,
{
    let pages = Pages {
        client,
        call,
        buffered: VecDeque::new(),
        next: Some(Next::First),
    };
    futures_util::stream::unfold(pages, |mut pages| async move {
        loop {
            if let Some(item) = pages.buffered.pop_front() {
                return Some((Ok(item), pages));
            }
            let next = pages.next.take()?;
            match pages.fetch(next).await {
                Ok(()) => {}
                Err(error) => return Some((Err(error), pages)),
            }
        }
    })
}

impl<T> Pages<T>
where
    T: DeserializeOwned,
{
    async fn fetch(&mut self, next: Next) -> Result<(), Error> {
        let previous = match next {
            Next::First => None,
            Next::Token(token) => {
                self.call.set_query("next_token", token.clone());
                Some(token)
            }
        };
        let page: ListResponse<T> = self.client.list(&self.call).await?;
        let following = page.next_token().map(str::to_owned);
        if following.is_some() && following == previous {
            // A server repeating its token would make this loop forever.
            return Err(Error::decode("list repeated its next_token"));
        }
        self.next = following.map(Next::Token);
        self.buffered.extend(page.data);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use reqwest::{Method, Url};

    use super::*;

    /// A client whose every call fails to connect, and once.
    fn unreachable() -> Result<(Client, Call), Error> {
        let client = Client::builder()
            .access_token("t")
            .base_url("http://127.0.0.1:1")
            .max_attempts(1)
            .build()?;
        let url = Url::parse("http://127.0.0.1:1/api/v2/channels").map_err(Error::decode)?;
        Ok((client, Call::new(Method::GET, url)))
    }

    #[tokio::test]
    async fn the_stream_ends_after_its_first_error() -> Result<(), Error> {
        let (client, call) = unreachable()?;
        let results: Vec<Result<serde_json::Value, Error>> =
            items(&client, Ok(call)).collect().await;
        assert_eq!(results.len(), 1);
        assert!(results.iter().all(Result::is_err));
        Ok(())
    }
}
