//! Starting an emulator and calling it with reqwest.

use cliq_emulator::{Emulator, EmulatorConfig};
use reqwest::header::HeaderMap;
use reqwest::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// An emulator and a client holding its access token.
pub(crate) struct Api {
    pub(crate) emu: Emulator,
    pub(crate) http: reqwest::Client,
    pub(crate) token: String,
}

impl Api {
    pub(crate) async fn start() -> Self {
        Self::with(EmulatorConfig::default()).await
    }

    pub(crate) async fn with(config: EmulatorConfig) -> Self {
        let emu = Emulator::start_with(config).await.expect("start emulator");
        let token = emu.access_token();
        Self {
            emu,
            http: reqwest::Client::builder()
                .no_proxy()
                .build()
                .expect("http client"),
            token,
        }
    }

    /// `{base}/api/v2{path}`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}/api/v2{path}", self.emu.base_url())
    }

    /// A request to `path` carrying the token.
    pub(crate) fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, self.url(path))
            .header("authorization", format!("Zoho-oauthtoken {}", self.token))
    }

    pub(crate) async fn get(&self, path: &str) -> Answer {
        Answer::of(self.request(Method::GET, path)).await
    }

    pub(crate) async fn delete(&self, path: &str) -> Answer {
        Answer::of(self.request(Method::DELETE, path)).await
    }

    pub(crate) async fn post(&self, path: &str, body: Value) -> Answer {
        Answer::of(json(self.request(Method::POST, path), &body)).await
    }

    pub(crate) async fn put(&self, path: &str, body: Value) -> Answer {
        Answer::of(json(self.request(Method::PUT, path), &body)).await
    }

    /// Posts `body` to an absolute URL without a token.
    pub(crate) async fn post_anonymous(&self, url: &str, body: Value) -> Answer {
        Answer::of(json(self.http.post(url), &body)).await
    }

    /// Posts a text message to a channel and returns its id.
    pub(crate) async fn say(&self, channel: &str, text: &str) -> String {
        let answer = self
            .post(
                &format!("/channels/{channel}/messages"),
                serde_json::json!({ "text": text }),
            )
            .await;
        assert_eq!(answer.status, 201, "{answer:?}");
        answer.json["data"]["id"]
            .as_str()
            .expect("message id")
            .to_owned()
    }
}

pub(crate) fn json(request: RequestBuilder, body: &Value) -> RequestBuilder {
    request
        .header("content-type", "application/json")
        .body(body.to_string())
}

/// A response read whole.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) json: Value,
}

impl Answer {
    pub(crate) async fn of(request: RequestBuilder) -> Self {
        Self::read(request.send().await.expect("send")).await
    }

    pub(crate) async fn read(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("read body");
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Self {
            status,
            headers,
            json,
        }
    }

    /// The `data` member, typed.
    #[track_caller]
    pub(crate) fn data<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.json["data"].clone())
            .unwrap_or_else(|e| panic!("data of {self:?}: {e}"))
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a success envelope with this status.
    #[track_caller]
    pub(crate) fn assert_success(&self, status: u16) {
        assert_eq!(self.status, status, "{self:?}");
        assert_eq!(self.json["status"]["code"], status, "{self:?}");
        assert_eq!(self.json["status"]["message"], "success", "{self:?}");
    }

    /// Asserts the reference's error envelope with this status and code.
    #[track_caller]
    pub(crate) fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "{self:?}");
        assert_eq!(self.json["error"]["code"], code, "{self:?}");
        assert_eq!(self.json["status"]["code"], status, "{self:?}");
        assert_eq!(self.json["status"]["message"], "error", "{self:?}");
        assert!(
            self.json["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{self:?}"
        );
        assert_eq!(self.header("content-type"), Some("application/json"));
    }
}

/// A `cliq_bot::Bot` serving on a loopback port until dropped.
pub(crate) struct RunningBot {
    pub(crate) url: String,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// Serves `bot` on `127.0.0.1:0`; its callback URL is `http://ADDR/cliq`.
pub(crate) async fn serve_bot<S>(bot: cliq_bot::Bot<S>) -> RunningBot
where
    S: Clone + Send + Sync + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(bot.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    RunningBot {
        url: format!("http://{addr}/cliq"),
        _stop: stop,
    }
}

/// The error type handlers return in tests.
pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Registers `/deploy` (a card with an Approve button, key `42`, as
/// DeployBot; its text made by `text`) and `approve_deploy` (answers what
/// was clicked, and keeps the click in `clicks`).
pub(crate) fn deploy_routes(
    bot: cliq_bot::BotBuilder,
    clicks: std::sync::Arc<std::sync::Mutex<Vec<cliq_events::FunctionCallback>>>,
    text: fn(&cliq_events::CommandCallback) -> String,
) -> cliq_bot::BotBuilder {
    use cliq_bot::{BotProfile, Button, Card, Context, Message};
    use cliq_events::{CommandCallback, FunctionCallback};

    bot.command(
        "deploy",
        move |_cx: Context, command: CommandCallback| async move {
            let card = Card::builder()
                .title("Deployment requested")
                .button(Button::invoke_function("Approve", "approve_deploy", "42"));
            let message = Message::builder(text(&command))
                .card(card)
                .bot(BotProfile::new("DeployBot"));
            Ok::<_, BoxError>(message)
        },
    )
    .function(
        "approve_deploy",
        move |_cx: Context, click: FunctionCallback| {
            let clicks = std::sync::Arc::clone(&clicks);
            async move {
                let text = format!("{} approved by {}", click.button.id, click.user.name);
                clicks.lock().expect("lock").push(click);
                Ok::<_, BoxError>(text)
            }
        },
    )
}
