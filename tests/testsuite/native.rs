//! The native dialect on the same bot: RSA signatures, routing of every
//! handler kind, shared command and function handlers, the reply budget and
//! late replies to `response_url`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{RSA_PKCS1_SHA256, RsaKeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use cliq::bot::{Bot, BotBuilder, Context};
use cliq::events::native::{Banner, HandlerType, NativeCallback};
use cliq::events::{CommandCallback, FunctionCallback};

use crate::support::{self, Answer, client};

type Err = Box<dyn std::error::Error + Send + Sync>;

/// An RSA key pair made with openssl for this test run: (PKCS#8 DER, public PEM).
struct Keys {
    pair: RsaKeyPair,
    public_pem: String,
}

fn generate() -> Keys {
    let dir = std::env::temp_dir().join(format!("cliq-rsa-{}-{}", std::process::id(), nanos()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let private = dir.join("key.pem");
    let run = |args: &[&str]| {
        let status = std::process::Command::new("openssl")
            .args(args)
            .status()
            .expect("run openssl");
        assert!(status.success(), "openssl {args:?}");
    };
    let private_path = private.to_str().expect("utf-8 path");
    run(&[
        "genpkey",
        "-quiet",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        private_path,
    ]);
    let public = dir.join("pub.pem");
    run(&[
        "pkey",
        "-in",
        private_path,
        "-pubout",
        "-out",
        public.to_str().expect("utf-8 path"),
    ]);
    let pem = std::fs::read_to_string(&private).expect("read key");
    let public_pem = std::fs::read_to_string(&public).expect("read public key");
    let _ = std::fs::remove_dir_all(&dir);
    let der = STANDARD.decode(pem_body(&pem)).expect("base64 key");
    Keys {
        pair: RsaKeyPair::from_pkcs8(&der).expect("pkcs8 key"),
        public_pem,
    }
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(generate)
}

fn other_keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(generate)
}

fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

fn nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn now_ms() -> u64 {
    u64::try_from(nanos() / 1_000_000).unwrap_or(u64::MAX)
}

fn rsa_sign(keys: &Keys, message: &[u8]) -> String {
    let mut signature = vec![0; keys.pair.public_modulus_len()];
    keys.pair
        .sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            message,
            &mut signature,
        )
        .expect("sign");
    STANDARD.encode(signature)
}

/// A native sample with its timestamp set to now (and `response_url` to `url`).
fn sample(name: &str, response_url: Option<&str>) -> String {
    let (_, text) = cliq_test::fixtures::NATIVE
        .iter()
        .find(|(kind, _)| *kind == name)
        .unwrap_or_else(|| panic!("no native sample {name}"));
    let mut value: serde_json::Value = serde_json::from_str(text).expect("sample json");
    value["timestamp"] = now_ms().into();
    if let Some(url) = response_url {
        value["response_url"] = url.into();
    }
    serde_json::to_string_pretty(&value).expect("json")
}

async fn post_native(url: &str, body: &str, signature: &str) -> Answer {
    let response = client()
        .post(url)
        .header("content-type", "application/json")
        .header("x-cliq-signature", signature)
        .body(body.to_owned())
        .send()
        .await
        .expect("send");
    Answer::read(response).await
}

fn native_bot() -> BotBuilder {
    Bot::builder()
        .secret(support::SECRET)
        .native_public_key(&pem_body(&other_keys().public_pem))
        .native_public_key(&keys().public_pem)
}

#[tokio::test]
async fn verifies_rsa_signatures_over_raw_and_reserialised_bodies() {
    let bot = native_bot()
        .native_fallback(|_cx: Context, _call: NativeCallback| async {
            Ok::<_, Err>(Banner::success("ok"))
        })
        .build()
        .expect("valid bot");
    let bot = support::start(bot).await;
    let url = bot.url("/cliq");
    let body = sample("bot.welcome_handler", None);

    // Raw bytes, with the second configured key.
    let answer = post_native(&url, &body, &rsa_sign(keys(), body.as_bytes())).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json["output"]["type"], "banner");
    // The first key too.
    let answer = post_native(&url, &body, &rsa_sign(other_keys(), body.as_bytes())).await;
    assert_eq!(answer.status, 200);
    // Signed over JSON.stringify(JSON.parse(body)), sent pretty-printed.
    let value: serde_json::Value = serde_json::from_str(&body).expect("json");
    let compact = serde_json::to_string(&value).expect("json");
    let answer = post_native(&url, &body, &rsa_sign(keys(), compact.as_bytes())).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    // Refusals keep the contract's codes.
    let tampered = body.replace("Scott", "Mallory");
    post_native(&url, &tampered, &rsa_sign(keys(), body.as_bytes()))
        .await
        .assert_error(401, "INVALID_SIGNATURE");
    post_native(&url, &body, "not base64 !!")
        .await
        .assert_error(401, "INVALID_SIGNATURE");
    let stranger = generate();
    post_native(&url, &body, &rsa_sign(&stranger, body.as_bytes()))
        .await
        .assert_error(401, "INVALID_SIGNATURE");
    let unsigned = client()
        .post(&url)
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await
        .expect("send");
    Answer::read(unsigned)
        .await
        .assert_error(401, "MISSING_SIGNATURE");
    // The contract's HMAC still works beside it.
    let answer = support::post_signed(&url, &support::command("/nothing", "")).await;
    answer.assert_error(404, "UNKNOWN_COMMAND");
    bot.stop().await;
}

#[tokio::test]
async fn every_sample_reaches_its_handler() {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let record = |seen: &Arc<Mutex<Vec<String>>>| {
        let seen = Arc::clone(seen);
        move |cx: Context, call: NativeCallback| {
            let seen = Arc::clone(&seen);
            async move {
                assert!(cx.native().is_some());
                let key = format!("{}.{}", call.component.as_str(), call.handler.as_str());
                seen.lock().expect("lock").push(key);
                Ok::<_, Err>(Banner::success("handled"))
            }
        }
    };
    let shared_calls = Arc::new(AtomicUsize::new(0));
    let (command_calls, function_calls) = (Arc::clone(&shared_calls), Arc::clone(&shared_calls));
    let bot = native_bot()
        .command("catalystquote", move |cx: Context, cmd: CommandCallback| {
            let calls = Arc::clone(&command_calls);
            async move {
                calls.fetch_add(1, Ordering::SeqCst);
                assert_eq!(cmd.user.id, "123456");
                assert_eq!(cx.native().map(|n| n.name.as_str()), Some("catalystquote"));
                Ok::<_, Err>(format!("quote for {}", cmd.user.name))
            }
        })
        .function("Sample", move |_cx: Context, f: FunctionCallback| {
            let calls = Arc::clone(&function_calls);
            async move {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok::<_, Err>(format!("clicked {}", f.button.id))
            }
        })
        .bot_handler("Sample", HandlerType::MessageHandler, record(&seen))
        .command_suggestions("catalystresource", record(&seen))
        .form("Sample", record(&seen))
        .widget("Sample", record(&seen))
        .message_action("Sample", record(&seen))
        .link_preview(HandlerType::UnfurlHandler, record(&seen))
        .extension(HandlerType::InstallationHandler, record(&seen))
        .native_fallback(record(&seen))
        .build()
        .expect("valid bot");
    let bot = support::start(bot).await;
    let url = bot.url("/cliq");
    // Every sample but the command and the button, which come last.
    let samples: Vec<&str> = cliq_test::fixtures::NATIVE
        .iter()
        .map(|(kind, _)| *kind)
        .filter(|kind| {
            !matches!(
                *kind,
                "command.execution_handler" | "function.button_handler"
            )
        })
        .collect();
    for &name in &samples {
        let body = sample(name, None);
        let answer = post_native(&url, &body, &rsa_sign(keys(), body.as_bytes())).await;
        assert_eq!(answer.status, 200, "{name}: {answer:?}");
        assert_eq!(answer.json["output"]["text"], "handled", "{name}");
    }
    let seen = seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), samples.len());
    for (name, got) in samples.iter().zip(&seen) {
        let component = name.split('.').next().unwrap_or("");
        assert!(got.starts_with(component), "{name} reached {got}");
    }
    // The command and the button reach the contract's handlers, replies as native messages.
    let body = sample("command.execution_handler", None);
    let answer = post_native(&url, &body, &rsa_sign(keys(), body.as_bytes())).await;
    assert_eq!(
        answer.json,
        serde_json::json!({"output": {"text": "quote for Scott Fisher"}})
    );
    let body = sample("function.button_handler", None);
    let answer = post_native(&url, &body, &rsa_sign(keys(), body.as_bytes())).await;
    assert_eq!(answer.json["output"]["text"], "clicked button_name");
    assert_eq!(shared_calls.load(Ordering::SeqCst), 2);
    bot.stop().await;
}

#[tokio::test]
async fn a_slow_handler_gets_a_placeholder_then_one_late_reply() {
    // A local stand-in for Cliq's response_url.
    let received: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let sink = Arc::clone(&received);
    let app = axum::Router::new().route(
        "/responses/1",
        axum::routing::post(move |body: axum::Json<serde_json::Value>| {
            let sink = Arc::clone(&sink);
            async move {
                sink.lock().expect("lock").push(body.0);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let response_url = format!(
        "http://{}/responses/1",
        listener.local_addr().expect("addr")
    );
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let bot = native_bot()
        .native_budget(Duration::from_millis(300))
        .command(
            "catalystquote",
            |_cx: Context, _cmd: CommandCallback| async {
                tokio::time::sleep(Duration::from_millis(800)).await;
                Ok::<_, Err>("the real answer")
            },
        )
        .build()
        .expect("valid bot");
    let mut bot = support::start(bot).await;
    let body = sample("command.execution_handler", Some(&response_url));
    let started = std::time::Instant::now();
    let answer = post_native(&bot.url("/cliq"), &body, &rsa_sign(keys(), body.as_bytes())).await;
    assert!(
        started.elapsed() < Duration::from_millis(700),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["output"]["text"], "Working on it…");
    // Shutdown waits for the late reply.
    bot.begin_stop();
    bot.join().await.expect("serve");
    let received = received.lock().expect("lock").clone();
    assert_eq!(
        received,
        vec![serde_json::json!({"output": {"text": "the real answer"}})]
    );
    server.abort();
}

#[tokio::test]
async fn the_outbound_client_follows_the_callers_data_centre() {
    let client = cliq::client::Client::builder()
        .access_token("token")
        .build()
        .expect("client");
    let bot = native_bot()
        .client(client)
        .native_fallback(|cx: Context, _call: NativeCallback| async move {
            let url = cx
                .client()
                .map(|c| c.api_url().to_owned())
                .unwrap_or_default();
            Ok::<_, Err>(Banner::success(url))
        })
        .build()
        .expect("valid bot");
    let bot = support::start(bot).await;
    for (code, expected) in [
        ("EU", "https://cliq.zoho.eu/api/v2"),
        ("IN", "https://cliq.zoho.in/api/v2"),
        ("US", "https://cliq.zoho.com/api/v2"),
    ] {
        let mut value: serde_json::Value =
            serde_json::from_str(&sample("bot.welcome_handler", None)).expect("json");
        value["params"]["environment"]["data_center"] = code.into();
        let body = value.to_string();
        let answer =
            post_native(&bot.url("/cliq"), &body, &rsa_sign(keys(), body.as_bytes())).await;
        assert_eq!(answer.json["output"]["text"], expected, "{code}");
    }
    bot.stop().await;
}
