//! De-duplication, nesting under a prefix, and graceful shutdown.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use cliq::bot::events::MessageEvent;
use cliq::bot::{Bot, Context, UnknownEvent};
use cliq::events::CommandCallback;

use crate::support::{self, Answer, SECRET, client, post_signed, sign};

type Err = Box<dyn std::error::Error + Send + Sync>;

fn counting_bot(calls: Arc<AtomicUsize>, failures_left: Arc<AtomicUsize>) -> Bot {
    let unknown_calls = Arc::clone(&calls);
    Bot::builder()
        .secret(SECRET)
        .on_message(move |_cx: Context, _m: MessageEvent| {
            let calls = Arc::clone(&calls);
            let failures_left = Arc::clone(&failures_left);
            async move {
                calls.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(50)).await;
                if failures_left
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok()
                {
                    return Err::<(), Err>("transient".into());
                }
                Ok(())
            }
        })
        .on_unknown_event(move |_cx: Context, _e: UnknownEvent| {
            let calls = Arc::clone(&unknown_calls);
            async move {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok::<(), Err>(())
            }
        })
        .command("count", |_cx: Context, _c: CommandCallback| async {
            Ok::<(), Err>(())
        })
        .build()
        .expect("valid bot")
}

#[tokio::test]
async fn handles_each_event_once_even_when_repeats_race() {
    let calls = Arc::new(AtomicUsize::new(0));
    let bot = support::start(counting_bot(
        Arc::clone(&calls),
        Arc::new(AtomicUsize::new(0)),
    ))
    .await;
    let body = support::message_event("message.created", "MSG_race", "hi");
    let url = bot.url("/cliq");
    let repeats: Vec<_> = (0..10)
        .map(|_| {
            let (url, body) = (url.clone(), body.clone());
            tokio::spawn(async move { post_signed(&url, &body).await })
        })
        .collect();
    let mut duplicates = 0;
    for repeat in repeats {
        let answer = repeat.await.expect("join");
        assert_eq!(answer.status, 200);
        if answer.json == serde_json::json!({"received": true, "duplicate": true}) {
            duplicates += 1;
        } else {
            assert_eq!(answer.json, serde_json::json!({"received": true}));
        }
    }
    assert_eq!(duplicates, 9);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    // Another message id, or another event name with the same id, is new.
    post_signed(
        &url,
        &support::message_event("message.created", "MSG_other", "hi"),
    )
    .await;
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let unknown = r#"{"event": "reaction.added", "data": {"message_id": "MSG_race"}}"#;
    assert_eq!(post_signed(&url, unknown).await.json["received"], true);
    assert_eq!(post_signed(&url, unknown).await.json["duplicate"], true);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    bot.stop().await;
}

#[tokio::test]
async fn a_failed_event_is_run_again_on_retry() {
    let calls = Arc::new(AtomicUsize::new(0));
    let bot = support::start(counting_bot(
        Arc::clone(&calls),
        Arc::new(AtomicUsize::new(1)),
    ))
    .await;
    let body = support::message_event("message.created", "MSG_retry", "hi");
    post_signed(&bot.url("/cliq"), &body)
        .await
        .assert_error(500, "HANDLER_ERROR");
    let answer = post_signed(&bot.url("/cliq"), &body).await;
    assert_eq!(answer.json, serde_json::json!({"received": true}));
    let answer = post_signed(&bot.url("/cliq"), &body).await;
    assert_eq!(answer.json["duplicate"], true);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    bot.stop().await;
}

#[tokio::test]
async fn refused_requests_do_not_poison_the_key() {
    let calls = Arc::new(AtomicUsize::new(0));
    let bot = support::start(counting_bot(
        Arc::clone(&calls),
        Arc::new(AtomicUsize::new(0)),
    ))
    .await;
    let body = support::message_event("message.created", "MSG_poison", "hi");
    let forged = Answer::read(
        client()
            .post(bot.url("/cliq"))
            .header("content-type", "application/json")
            .header("x-cliq-signature", "0".repeat(64))
            .body(body.clone())
            .send()
            .await
            .expect("send"),
    )
    .await;
    forged.assert_error(401, "INVALID_SIGNATURE");
    let answer = post_signed(&bot.url("/cliq"), &body).await;
    assert_eq!(answer.json, serde_json::json!({"received": true}));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    bot.stop().await;
}

#[tokio::test]
async fn commands_are_never_deduplicated() {
    let calls = Arc::new(AtomicUsize::new(0));
    let bot = support::start(counting_bot(calls, Arc::new(AtomicUsize::new(0)))).await;
    let body = support::command("/count", "");
    for _ in 0..3 {
        assert_eq!(
            post_signed(&bot.url("/cliq"), &body).await.json,
            serde_json::json!({"received": true})
        );
    }
    bot.stop().await;
}

#[tokio::test]
async fn nests_under_a_prefix_with_extra_layers() {
    use axum::Router;
    use tower::ServiceBuilder;

    let calls = Arc::new(AtomicUsize::new(0));
    let bot = counting_bot(Arc::clone(&calls), Arc::new(AtomicUsize::new(0)));
    let app = Router::new()
        .route("/", axum::routing::get(|| async { "home" }))
        .nest("/bots/deploy", bot.into_router())
        .layer(
            ServiceBuilder::new().map_response(|mut response: axum::response::Response| {
                response
                    .headers_mut()
                    .insert("x-app", http::HeaderValue::from_static("outer"));
                response
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let body = support::message_event("message.created", "MSG_nested", "hi");
    let response = client()
        .post(format!("http://{addr}/bots/deploy/cliq"))
        .header("content-type", "application/json")
        .header("x-cliq-signature", sign(body.as_bytes()))
        .body(body)
        .send()
        .await
        .expect("send");
    assert_eq!(response.headers()["x-app"], "outer");
    let answer = Answer::read(response).await;
    assert_eq!(answer.json, serde_json::json!({"received": true}));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let health = client()
        .get(format!("http://{addr}/bots/deploy/healthz"))
        .send()
        .await
        .expect("send");
    assert_eq!(health.status(), 200);
    let home = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .expect("send");
    assert_eq!(home.text().await.expect("text"), "home");
    server.abort();
}

#[tokio::test]
async fn graceful_shutdown_completes_in_flight_callbacks_and_background_work() {
    let background_done = Arc::new(AtomicBool::new(false));
    let done = Arc::clone(&background_done);
    let bot = Bot::builder()
        .secret(SECRET)
        .command("deploy", move |cx: Context, _c: CommandCallback| {
            let done = Arc::clone(&done);
            async move {
                cx.spawn(async move {
                    tokio::time::sleep(Duration::from_millis(400)).await;
                    done.store(true, Ordering::SeqCst);
                });
                tokio::time::sleep(Duration::from_millis(300)).await;
                Ok::<_, Err>("started")
            }
        })
        .build()
        .expect("valid bot");
    let mut bot = support::start(bot).await;
    let url = bot.url("/cliq");
    let in_flight =
        tokio::spawn(async move { post_signed(&url, &support::command("/deploy", "")).await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    bot.begin_stop();
    let addr = bot.addr;
    let answer = in_flight.await.expect("join");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["text"], "started");
    bot.join().await.expect("serve returned Ok");
    assert!(
        background_done.load(Ordering::SeqCst),
        "serve returned before background work finished"
    );
    // No longer accepting.
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}
