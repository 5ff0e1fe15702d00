//! The deploy-bot example over HTTP: the whole flow, double clicks, and the
//! flow through a real nginx in front of it.

use std::time::Duration;

use cliq::bot::env::EnvConfig;

use crate::support::{self, Answer, SECRET, post_signed};

#[allow(
    dead_code,
    unreachable_pub,
    reason = "an example, included for its `build`"
)]
#[path = "../../examples/deploy_bot.rs"]
mod example;

fn config() -> EnvConfig {
    EnvConfig::from_lookup(|name| (name == "CLIQ_SIGNING_SECRET").then(|| SECRET.to_owned()))
        .expect("valid configuration")
}

async fn start() -> (support::Running, example::Deployments) {
    let deployments = example::Deployments::new(example::Settings {
        step: Duration::from_millis(20),
        ..example::Settings::default()
    });
    let bot = example::build(&config(), deployments.clone()).expect("valid bot");
    (support::start(bot).await, deployments)
}

fn button<'a>(answer: &'a Answer, label: &str) -> &'a serde_json::Value {
    answer.json["card"]["buttons"]
        .as_array()
        .and_then(|buttons| buttons.iter().find(|b| b["label"] == label))
        .unwrap_or_else(|| panic!("no {label} button in {:?}", answer.json))
}

#[tokio::test]
async fn deploy_approve_and_finish() {
    let (bot, deployments) = start().await;
    let url = bot.url("/cliq");
    let requested = post_signed(&url, &support::command("/deploy", "production 2.5.0")).await;
    assert_eq!(requested.status, 200);
    assert_eq!(requested.json["card"]["title"], "Deployment requested");
    let elements = requested.json["card"]["sections"][0]["elements"].to_string();
    for expected in ["production", "2.5.0", "John Doe"] {
        assert!(elements.contains(expected), "{elements}");
    }
    let approve = button(&requested, "Approve");
    assert_eq!(approve["type"], "invoke.function");
    assert_eq!(approve["name"], "approve_deploy");
    assert_eq!(button(&requested, "Cancel")["name"], "cancel_deploy");
    assert_eq!(button(&requested, "View logs")["type"], "open.url");
    let id = approve["id"].as_str().expect("button id").to_owned();

    let started = post_signed(&url, &support::click("approve_deploy", &id)).await;
    assert_eq!(started.status, 200);
    assert_eq!(started.json["card"]["title"], "Deployment started");
    let again = post_signed(&url, &support::click("approve_deploy", &id)).await;
    assert_eq!(again.status, 200);
    assert!(
        again.json["text"]
            .as_str()
            .is_some_and(|t| t.contains("already")),
        "{:?}",
        again.json
    );
    let cancel = post_signed(&url, &support::click("cancel_deploy", &id)).await;
    assert!(
        cancel.json["text"]
            .as_str()
            .is_some_and(|t| t.contains("already"))
    );
    // Graceful shutdown waits for the background deployment.
    bot.stop().await;
    assert_eq!(deployments.finished(), 1);
}

#[tokio::test]
async fn cancel_then_approve_never_deploys() {
    let (bot, deployments) = start().await;
    let url = bot.url("/cliq");
    let requested = post_signed(&url, &support::command("/deploy", "staging")).await;
    let id = button(&requested, "Approve")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let cancelled = post_signed(&url, &support::click("cancel_deploy", &id)).await;
    assert!(
        cancelled.json["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Deployment cancelled"))
    );
    let approve = post_signed(&url, &support::click("approve_deploy", &id)).await;
    assert!(
        approve.json["text"]
            .as_str()
            .is_some_and(|t| t.contains("already cancelled"))
    );
    let unknown = post_signed(&url, &support::click("approve_deploy", "999")).await;
    assert_eq!(unknown.json["text"], "There is no deployment #999.");
    bot.stop().await;
    assert_eq!(deployments.finished(), 0);
}

#[tokio::test]
async fn racing_approvals_deploy_once() {
    let (bot, deployments) = start().await;
    let url = bot.url("/cliq");
    let requested = post_signed(&url, &support::command("/deploy", "production")).await;
    let id = button(&requested, "Approve")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let clicks: Vec<_> = (0..8)
        .map(|_| {
            let (url, body) = (url.clone(), support::click("approve_deploy", &id));
            tokio::spawn(async move { post_signed(&url, &body).await })
        })
        .collect();
    let mut started = 0;
    for click in clicks {
        let answer = click.await.expect("join");
        assert_eq!(answer.status, 200);
        if answer.json["card"]["title"] == "Deployment started" {
            started += 1;
        }
    }
    assert_eq!(started, 1);
    bot.stop().await;
    assert_eq!(deployments.finished(), 1);
}

#[tokio::test]
async fn anything_else_gets_a_usage_hint() {
    let (bot, _) = start().await;
    for arguments in ["", "qa", "production 1.0 extra"] {
        let answer = post_signed(&bot.url("/cliq"), &support::command("/deploy", arguments)).await;
        assert_eq!(answer.status, 200);
        let text = answer.json["text"].as_str().unwrap_or("");
        assert!(
            text.contains("staging") && text.contains("production"),
            "{text}"
        );
    }
    bot.stop().await;
}

/// nginx in front of the deploy bot, as `deploy/nginx.conf` sets it up (without TLS).
#[tokio::test]
async fn deploys_through_nginx() {
    let Some(nginx) = which("nginx") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have nginx (.ci/run installs it)"
        );
        #[allow(clippy::print_stderr, reason = "say why the test did nothing")]
        {
            eprintln!("skipping: nginx is not installed");
        }
        return;
    };
    let (bot, _) = start().await;
    let port = free_port();
    let dir = std::env::temp_dir().join(format!("cliq-nginx-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let conf = format!(
        r#"
master_process off;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream cliq_bot {{ server {upstream}; keepalive 4; }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 2m;
        location / {{
            proxy_pass http://cliq_bot;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Request-Id $request_id;
        }}
    }}
}}
"#,
        dir = dir.display(),
        upstream = bot.addr,
    );
    std::fs::write(dir.join("nginx.conf"), conf).expect("write conf");
    let mut child = tokio::process::Command::new(nginx)
        .arg("-p")
        .arg(&dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .kill_on_drop(true)
        .spawn()
        .expect("start nginx");
    let front = format!("http://127.0.0.1:{port}");
    wait_for(&format!("{front}/healthz")).await;

    let requested = post_signed(
        &format!("{front}/cliq"),
        &support::command("/deploy", "production"),
    )
    .await;
    assert_eq!(requested.status, 200, "{requested:?}");
    assert_eq!(requested.json["card"]["title"], "Deployment requested");
    assert_eq!(
        requested.headers["x-request-id"].len(),
        32,
        "nginx's $request_id passed through"
    );
    let id = button(&requested, "Approve")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let started = post_signed(
        &format!("{front}/cliq"),
        &support::click("approve_deploy", &id),
    )
    .await;
    assert_eq!(started.json["card"]["title"], "Deployment started");
    let forged = support::client()
        .post(format!("{front}/cliq"))
        .header("content-type", "application/json")
        .header("x-cliq-signature", "0".repeat(64))
        .body(support::command("/deploy", "production"))
        .send()
        .await
        .expect("send");
    Answer::read(forged)
        .await
        .assert_error(401, "INVALID_SIGNATURE");

    let _ = child.kill().await;
    let _ = std::fs::remove_dir_all(&dir);
    bot.stop().await;
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("free port")
}

async fn wait_for(url: &str) {
    for _ in 0..100 {
        if support::client()
            .get(url)
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{url} never answered");
}

/// The whole flow with the local Cliq: the emulator delivers `/deploy
/// production` and the click on Approve; the follow-up lands in its channel.
#[tokio::test]
async fn the_follow_up_lands_in_the_emulated_channel() {
    use cliq_emulator::{Emulator, EmulatorConfig, SignatureKind};

    let emulator = Emulator::start().await.expect("emulator");
    let client = cliq_test::emulator_client(&emulator).expect("client");
    let config = EnvConfig::from_lookup(|name| {
        (name == "CLIQ_SIGNING_SECRET").then(|| EmulatorConfig::DEFAULT_SIGNING_SECRET.to_owned())
    })
    .expect("config");
    let deployments = example::Deployments::new(example::Settings {
        step: Duration::from_millis(20),
        follow_up: example::FollowUp::Channel,
        ..example::Settings::default()
    });
    let bot = example::builder(&config, deployments.clone())
        .client(client)
        .build()
        .expect("valid bot");
    let bot = support::start(bot).await;
    let url = bot.url("/cliq");

    let requested = emulator
        .deliver_command(&url, "/deploy production", SignatureKind::Body)
        .await
        .expect("deliver command");
    assert_eq!(requested.status, 200);
    assert_eq!(requested.body["card"]["title"], "Deployment requested");
    let id = requested.body["card"]["buttons"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for _ in 0..2 {
        let click = emulator
            .deliver_click(&url, "approve_deploy", &id, SignatureKind::Body)
            .await
            .expect("deliver click");
        assert_eq!(click.status, 200);
    }
    bot.stop().await;
    assert_eq!(deployments.finished(), 1);
    let channel = emulator.default_channel().id;
    let texts: Vec<String> = emulator
        .channel_messages(&channel)
        .into_iter()
        .map(|m| m.text)
        .collect();
    let finished = texts
        .iter()
        .filter(|t| t.starts_with("Deployment finished"))
        .count();
    assert_eq!(finished, 1, "{texts:#?}");
    assert!(
        texts.iter().any(|t| t.contains("already running")),
        "{texts:#?}"
    );
    emulator.shutdown().await;
}
