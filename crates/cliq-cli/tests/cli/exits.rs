//! Exit codes, `--help`, and the emulator subcommand.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

use crate::support::{Bot, SECRET, cliq};

#[tokio::test]
async fn failures_exit_with_their_codes() {
    let closed = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/cliq", closed.local_addr().expect("addr"));
    drop(closed);
    let env = [("CLIQ_URL", url.as_str()), ("CLIQ_SIGNING_SECRET", SECRET)];
    cliq(&["send", "command", "/deploy"], &env, b"")
        .await
        .expect(3, &["is the bot running at", &url]);

    let missing = std::env::temp_dir().join("cliq-cli-no-such-file.json");
    let missing = missing.to_str().expect("utf-8 path");
    cliq(&["send", "event", missing], &env, b"")
        .await
        .expect(2, &["cannot read"]);
    let not_json = std::env::temp_dir().join(format!("cliq-cli-{}-bad.json", std::process::id()));
    std::fs::write(&not_json, "{nope").expect("write");
    cliq(
        &["send", "event", not_json.to_str().expect("utf-8")],
        &env,
        b"",
    )
    .await
    .expect(2, &["is not JSON"]);
    let _ = std::fs::remove_file(&not_json);
    cliq(
        &["send", "command", "/deploy"],
        &[
            ("CLIQ_URL", "https://bot.example.com/cliq"),
            ("CLIQ_SIGNING_SECRET", SECRET),
        ],
        b"",
    )
    .await
    .expect(2, &["plain http only"]);
    cliq(&["send", "command"], &env, b"")
        .await
        .expect(2, &["<LINE>"]);

    let bot = Bot::start("body").await;
    let wrong = [
        ("CLIQ_URL", bot.url()),
        ("CLIQ_SIGNING_SECRET", "wrong".to_owned()),
    ];
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    cliq(&["send", "command", "/deploy production"], &wrong, b"")
        .await
        .expect(
            1,
            &[
                "HTTP 401 Unauthorized",
                "refused: INVALID_SIGNATURE",
                "check CLIQ_SIGNING_SECRET matches the bot's and the scheme",
            ],
        );
    bot.stop().await;
}

#[tokio::test]
async fn help_documents_exit_codes_and_plain_http() {
    cliq(&["--help"], &[], b"")
        .await
        .expect(0, &["Exit codes:", "3  the bot is unreachable", "emulator"]);
    cliq(&["send", "command", "--help"], &[], b"").await.expect(
        0,
        &[
            "CLIQ_URL",
            "plain http:// only",
            "CLIQ_SIGNING_SECRET",
            "Exit codes:",
        ],
    );
}

#[tokio::test]
async fn the_emulator_subcommand_serves() {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_cliq"))
        .args(["emulator", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("run cliq emulator");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut seen = String::new();
    let mut buffer = [0u8; 1024];
    while !seen.contains("Press Ctrl-C") {
        let read = tokio::time::timeout(Duration::from_secs(10), stdout.read(&mut buffer)).await;
        let n = read.expect("announced in time").expect("read");
        assert!(n > 0, "exited early: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    let base = seen
        .lines()
        .find_map(|l| l.trim().strip_prefix("base URL:"))
        .map(str::trim)
        .expect("base URL");
    let answer = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client")
        .get(format!("{base}/api/v2/channels"))
        .send()
        .await
        .expect("the emulator answers");
    assert_eq!(answer.status(), 401, "the REST API wants a token");
    let _ = child.kill().await;
}
