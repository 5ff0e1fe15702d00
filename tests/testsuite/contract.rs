//! Every row of the error table, and the shapes of success replies.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use cliq::bot::{Bot, Button, Card, Context, Message, Section};
use cliq::events::{CommandCallback, FunctionCallback};

use crate::support::{self, Answer, SECRET, client, post_signed, sign};

type Err = Box<dyn std::error::Error + Send + Sync>;

fn contract_bot(calls: Arc<AtomicUsize>) -> Bot {
    Bot::builder()
        .secret(SECRET)
        .handler_deadline(Duration::from_millis(300))
        .command("deploy", move |_cx: Context, cmd: CommandCallback| {
            let calls = Arc::clone(&calls);
            async move {
                calls.fetch_add(1, Ordering::SeqCst);
                let card = Card::builder()
                    .title("Deployment requested")
                    .section(Section::new(1).text(format!("**Environment:** {}", cmd.arguments())))
                    .button(Button::invoke_function("Approve", "approve_deploy", "42"));
                Ok::<_, Err>(Message::builder("Deploying").card(card))
            }
        })
        .command("fail", |_cx: Context, _cmd: CommandCallback| async {
            Err::<(), Err>("database password is hunter2".into())
        })
        .command("panic", |_cx: Context, _cmd: CommandCallback| async {
            if true {
                panic!("handler exploded");
            }
            Ok::<(), Err>(())
        })
        .command("slow", |_cx: Context, _cmd: CommandCallback| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok::<(), Err>(())
        })
        .command("blocking", |_cx: Context, _cmd: CommandCallback| async {
            // Time spent before the first wait counts towards the deadline.
            std::thread::sleep(Duration::from_millis(200));
            tokio::time::sleep(Duration::from_millis(200)).await;
            Ok::<(), Err>(())
        })
        .command("busy", |_cx: Context, _cmd: CommandCallback| async {
            // Waits that are always ready at once spend the task's
            // co-operative budget on every poll.
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            loop {
                if tx.send(()).is_err() || rx.recv().await.is_none() {
                    return Ok::<(), Err>(());
                }
            }
        })
        .command("long", |_cx: Context, _cmd: CommandCallback| async {
            Ok::<_, Err>("x".repeat(10_001))
        })
        .command("buttons", |_cx: Context, _cmd: CommandCallback| async {
            let mut card = Card::builder();
            for i in 0..6 {
                card = card.button(Button::invoke_function("B", "f", i.to_string()));
            }
            Ok::<_, Err>(Message::builder("six").card(card))
        })
        .command("badbutton", |_cx: Context, _cmd: CommandCallback| async {
            let card = Card::builder().button(Button::open_url("Logs", "/relative"));
            Ok::<_, Err>(Message::builder("bad").card(card))
        })
        .command("early", |_cx: Context, _cmd: CommandCallback| async {
            // A limit broken inside the handler and propagated with `?`.
            let message = Message::text("y".repeat(10_001))?;
            Ok::<_, Err>(message)
        })
        .command("quiet", |_cx: Context, _cmd: CommandCallback| async {
            Ok::<(), Err>(())
        })
        .function(
            "approve_deploy",
            |_cx: Context, f: FunctionCallback| async move {
                Ok::<_, Err>(format!("approved {}", f.button.id))
            },
        )
        .build()
        .expect("valid bot")
}

async fn running() -> (support::Running, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    (
        support::start(contract_bot(Arc::clone(&calls))).await,
        calls,
    )
}

#[tokio::test]
async fn serves_health_without_a_signature() {
    let (bot, _) = running().await;
    let answer = Answer::read(
        client()
            .get(bot.url("/healthz"))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json, serde_json::json!({"status": "ok"}));
    assert!(answer.headers.contains_key("x-request-id"));
    let head = client()
        .head(bot.url("/healthz"))
        .send()
        .await
        .expect("send");
    assert_eq!(head.status(), 200);
    let post = Answer::read(
        client()
            .post(bot.url("/healthz"))
            .send()
            .await
            .expect("send"),
    )
    .await;
    post.assert_error(405, "METHOD_NOT_ALLOWED");
    assert_eq!(post.headers["allow"], "GET, HEAD");
    bot.stop().await;
}

#[tokio::test]
async fn refuses_unknown_paths_and_methods() {
    let (bot, _) = running().await;
    for path in ["/", "/nope", "/cliq/", "/CLIQ", "/healthz/"] {
        let answer = Answer::read(client().post(bot.url(path)).send().await.expect("send")).await;
        answer.assert_error(404, "NOT_FOUND");
    }
    for method in [
        reqwest::Method::GET,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
    ] {
        let answer = Answer::read(
            client()
                .request(method, bot.url("/cliq"))
                .send()
                .await
                .expect("send"),
        )
        .await;
        answer.assert_error(405, "METHOD_NOT_ALLOWED");
        assert_eq!(answer.headers["allow"], "POST");
    }
    bot.stop().await;
}

#[tokio::test]
async fn ignores_the_query_string() {
    let (bot, calls) = running().await;
    let answer = post_signed(
        &bot.url("/cliq?from=proxy&x=1"),
        &support::command("/deploy", "staging"),
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    bot.stop().await;
}

#[tokio::test]
async fn refuses_media_types_other_than_json() {
    let (bot, calls) = running().await;
    let body = support::command("/deploy", "staging");
    let cases: [(Option<&str>, u16); 8] = [
        (None, 415),
        (Some("text/json"), 415),
        (Some("application/vnd.api+json"), 415),
        (Some("text/plain"), 415),
        (Some("application/x-www-form-urlencoded"), 415),
        (Some("application/json"), 200),
        (Some("Application/JSON; charset=UTF-8"), 200),
        (Some("application/json;charset=utf-8"), 200),
    ];
    for (content_type, status) in cases {
        let mut request = client()
            .post(bot.url("/cliq"))
            .header("x-cliq-signature", sign(body.as_bytes()))
            .body(body.clone());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let answer = Answer::read(request.send().await.expect("send")).await;
        if status == 415 {
            answer.assert_error(415, "UNSUPPORTED_MEDIA_TYPE");
        } else {
            assert_eq!(answer.status, 200, "{content_type:?} {answer:?}");
        }
    }
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    bot.stop().await;
}

#[tokio::test]
async fn enforces_the_body_limit_inclusively() {
    let (bot, calls) = running().await;
    let base = support::command("/deploy", "staging");
    let limit = 1024 * 1024;
    // Pad with trailing spaces: still one JSON object.
    let exact = format!("{base}{}", " ".repeat(limit - base.len()));
    assert_eq!(exact.len(), limit);
    let answer = post_signed(&bot.url("/cliq"), &exact).await;
    assert_eq!(answer.status, 200, "{:?}", answer.json);
    let over = format!("{exact} ");
    let answer = post_signed(&bot.url("/cliq"), &over).await;
    answer.assert_error(413, "PAYLOAD_TOO_LARGE");
    // Chunked, with no Content-Length: refused while reading.
    let half = " ".repeat(limit / 2);
    let head = format!(
        "POST /cliq HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-cliq-signature: {}\r\ntransfer-encoding: chunked\r\n\r\n",
        sign(b"x")
    );
    let chunk = format!("{:x}\r\n{half}\r\n", half.len());
    let request = format!("{head}{chunk}{chunk}10\r\n{}\r\n0\r\n\r\n", " ".repeat(16));
    let reply = support::raw_exchange(bot.addr, request.as_bytes()).await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert!(reply.contains("PAYLOAD_TOO_LARGE"), "{reply}");
    // A huge declared length is refused before any body byte is sent.
    let request = format!(
        "POST /cliq HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-cliq-signature: {}\r\ncontent-length: 99999999999\r\n\r\n",
        sign(b"x")
    );
    let reply = support::raw_exchange(bot.addr, request.as_bytes()).await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    bot.stop().await;
}

#[tokio::test]
async fn refuses_missing_and_invalid_signatures_before_parsing() {
    let (bot, calls) = running().await;
    let body = support::command("/deploy", "staging");
    let good = sign(body.as_bytes());
    let cases: Vec<(Vec<&str>, &str, u16, &str)> = vec![
        (vec![], &body, 401, "MISSING_SIGNATURE"),
        (vec![""], &body, 401, "MISSING_SIGNATURE"),
        (vec!["zz"], &body, 401, "INVALID_SIGNATURE"),
        (vec![&good[..63]], &body, 401, "INVALID_SIGNATURE"),
        (
            vec!["sha256=0000000000000000000000000000000000000000000000000000000000000000"],
            &body,
            401,
            "INVALID_SIGNATURE",
        ),
        // Unsigned garbage is refused on its signature, not its JSON.
        (vec![], "not json", 401, "MISSING_SIGNATURE"),
        (vec![&good], "not json", 401, "INVALID_SIGNATURE"),
    ];
    for (signatures, payload, status, code) in cases {
        let mut request = client()
            .post(bot.url("/cliq"))
            .header("content-type", "application/json")
            .body(payload.to_owned());
        for signature in signatures {
            request = request.header("x-cliq-signature", signature);
        }
        Answer::read(request.send().await.expect("send"))
            .await
            .assert_error(status, code);
    }
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    bot.stop().await;
}

#[tokio::test]
async fn accepts_every_signature_spelling_the_contract_allows() {
    let (bot, calls) = running().await;
    let body = support::command("/deploy", "staging");
    let good = sign(body.as_bytes());
    let wrong = "f".repeat(64);
    let spellings = [
        vec![good.clone()],
        vec![format!("sha256={good}")],
        vec![good.to_uppercase()],
        vec![format!("{wrong}, sha256={good}")],
        vec![format!("{wrong} {good}")],
        vec![wrong.clone(), good.clone()],
    ];
    for lines in &spellings {
        let mut request = client()
            .post(bot.url("/cliq"))
            .header("content-type", "application/json")
            .body(body.clone());
        for line in lines {
            request = request.header("x-cliq-signature", line);
        }
        let answer = Answer::read(request.send().await.expect("send")).await;
        assert_eq!(answer.status, 200, "{lines:?} {answer:?}");
    }
    assert_eq!(calls.load(Ordering::SeqCst), spellings.len());
    bot.stop().await;
}

#[tokio::test]
async fn refuses_invalid_payloads() {
    let (bot, _) = running().await;
    let cases = [
        "not json".to_owned(),
        "[1,2]".to_owned(),
        "\"text\"".to_owned(),
        "{}".to_owned(),
        support::fixture("reply-card.json"),
        r#"{"command": "/deploy", "user": {"id": "1"}, "channel": {"id": "C", "name": "c"}}"#
            .to_owned(),
        r#"{"command": "", "user": {"id": "1", "name": "n"}, "channel": {"id": "C", "name": "c"}}"#
            .to_owned(),
        r#"{"event": "message.created", "data": []}"#.to_owned(),
        format!("{}{}", "[".repeat(200), "]".repeat(200)),
        "{\"command\": \"/deploy\" \u{0}".to_owned(),
    ];
    for body in cases {
        let answer = post_signed(&bot.url("/cliq"), &body).await;
        answer.assert_error(400, "INVALID_PAYLOAD");
    }
    bot.stop().await;
}

#[tokio::test]
async fn routes_commands_ignoring_slash_and_case() {
    let (bot, calls) = running().await;
    for name in ["/deploy", "deploy", "/DEPLOY", "/Deploy"] {
        let answer = post_signed(&bot.url("/cliq"), &support::command(name, "production")).await;
        assert_eq!(answer.status, 200, "{name}");
        assert_eq!(answer.json["card"]["title"], "Deployment requested");
        assert_eq!(answer.json["card"]["buttons"][0]["name"], "approve_deploy");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 4);
    let answer = post_signed(&bot.url("/cliq"), &support::command("/unknown", "")).await;
    answer.assert_error(404, "UNKNOWN_COMMAND");
    let answer = post_signed(&bot.url("/cliq"), &support::fixture("command-deploy.json")).await;
    assert_eq!(answer.status, 200);
    bot.stop().await;
}

#[tokio::test]
async fn routes_functions_by_exact_name() {
    let (bot, _) = running().await;
    let answer = post_signed(&bot.url("/cliq"), &support::click("approve_deploy", "42")).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["text"], "approved 42");
    let answer = post_signed(&bot.url("/cliq"), &support::click("Approve_Deploy", "42")).await;
    answer.assert_error(404, "UNKNOWN_FUNCTION");
    let answer = post_signed(
        &bot.url("/cliq"),
        &support::fixture("function-approve.json"),
    )
    .await;
    answer.assert_error(404, "UNKNOWN_FUNCTION");
    bot.stop().await;
}

#[tokio::test]
async fn answers_received_when_a_handler_has_no_message() {
    let (bot, _) = running().await;
    let answer = post_signed(&bot.url("/cliq"), &support::command("/quiet", "")).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json, serde_json::json!({"received": true}));
    bot.stop().await;
}

#[tokio::test]
async fn maps_handler_failures_and_keeps_serving() {
    let (bot, _) = running().await;
    let cases = [
        ("/fail", 500, "HANDLER_ERROR"),
        ("/panic", 500, "INTERNAL_ERROR"),
        ("/slow", 504, "HANDLER_TIMEOUT"),
        ("/blocking", 504, "HANDLER_TIMEOUT"),
        ("/busy", 504, "HANDLER_TIMEOUT"),
        ("/long", 500, "MESSAGE_TOO_LONG"),
        ("/early", 500, "MESSAGE_TOO_LONG"),
        ("/buttons", 500, "TOO_MANY_BUTTONS"),
        ("/badbutton", 500, "INVALID_BUTTON"),
    ];
    for (name, status, code) in cases {
        let answer = post_signed(&bot.url("/cliq"), &support::command(name, "")).await;
        answer.assert_error(status, code);
        // Nothing internal leaks into the message.
        let message = answer.json["error"]["message"].as_str().unwrap_or("");
        assert!(
            !message.contains("hunter2") && !message.contains("exploded"),
            "{message}"
        );
    }
    let answer = post_signed(&bot.url("/cliq"), &support::command("/deploy", "staging")).await;
    assert_eq!(answer.status, 200);
    bot.stop().await;
}

#[tokio::test]
async fn answers_overloaded_past_the_in_flight_limit() {
    let bot = Bot::builder()
        .secret(SECRET)
        .max_in_flight(1)
        .command("slow", |_cx: Context, _cmd: CommandCallback| async {
            tokio::time::sleep(Duration::from_millis(500)).await;
            Ok::<_, Err>("done")
        })
        .build()
        .expect("valid bot");
    let bot = support::start(bot).await;
    let url = bot.url("/cliq");
    let first = tokio::spawn({
        let url = url.clone();
        async move { post_signed(&url, &support::command("/slow", "")).await }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let second = post_signed(&url, &support::command("/slow", "")).await;
    second.assert_error(503, "OVERLOADED");
    assert!(second.headers.contains_key("retry-after"));
    let first = first.await.expect("first");
    assert_eq!(first.status, 200);
    let third = post_signed(&url, &support::command("/slow", "")).await;
    assert_eq!(third.status, 200);
    bot.stop().await;
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let (bot, _) = running().await;
    let response = client()
        .post(bot.url("/cliq"))
        .header("x-request-id", "from-the-proxy-1")
        .send()
        .await
        .expect("send");
    assert_eq!(response.headers()["x-request-id"], "from-the-proxy-1");
    let a = post_signed(&bot.url("/cliq"), &support::command("/deploy", "")).await;
    let b = post_signed(&bot.url("/cliq"), &support::command("/deploy", "")).await;
    assert_ne!(a.headers["x-request-id"], b.headers["x-request-id"]);
    bot.stop().await;
}
