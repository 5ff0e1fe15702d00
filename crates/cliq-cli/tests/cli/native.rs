//! `cliq keygen`, and the native dialect against the deploy bot: RSA-signed
//! calls, `{"output": …}` replies drawn, a key the bot does not trust explained.

use std::path::PathBuf;

use crate::support::{Bot, cliq, to};

/// A fresh directory for this test's keys.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cliq-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The `PUBLIC KEY` PEM block in `text`.
fn public_pem(text: &str) -> String {
    let start = text
        .find("-----BEGIN PUBLIC KEY-----")
        .expect("a public key PEM");
    let end =
        text.find("-----END PUBLIC KEY-----").expect("its end") + "-----END PUBLIC KEY-----".len();
    text[start..end].to_owned()
}

#[tokio::test]
async fn native_calls_signed_with_a_generated_key_round_trip() {
    let dir = scratch("native");
    let key = dir.join("key.pem");
    let key = key.to_str().expect("utf-8 path");
    let made = cliq(&["keygen", "--out", key], &[], b"").await;
    made.expect(
        0,
        &[
            "private key written to",
            "CLIQ_NATIVE_PUBLIC_KEY",
            "base64 SPKI:\nMIIBIjAN",
        ],
    );
    let written = std::fs::read_to_string(key).expect("the key file");
    assert!(
        written.starts_with("-----BEGIN PRIVATE KEY-----\n"),
        "{written}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(key)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    cliq(&["keygen", "--out", key], &[], b"")
        .await
        .expect(2, &["exists", "does not overwrite"]);

    let bot = Bot::start_native(&public_pem(&made.stdout)).await;
    let native = ["--dialect", "native", "--private-key", key];
    let send = |args: &'static [&'static str]| {
        let args: Vec<&str> = args.iter().chain(&native).copied().collect();
        let bot = &bot;
        async move { to(bot, &args).await }
    };
    send(&["send", "command", "/deploy production"])
        .await
        .expect(
            0,
            &[
                "HTTP 200 OK · request id ",
                "Deployment #1 to production needs approval",
                "╭─ Deployment requested  (theme: modern-inline)",
                "├─ text slide\n│  **Environment:** production",
                "├─ buttons",
                "│  [Approve] → invoke.function approve_deploy (key 1)",
                "│  [Cancel] → invoke.function cancel_deploy (key 1)",
                "│  [View logs] → open.url https://logs.example.com/deployments/1",
            ],
        );
    let json = send(&["send", "command", "/deploy staging", "--json"]).await;
    json.expect(0, &["HTTP 200 OK"]);
    let reply: serde_json::Value = serde_json::from_str(&json.stdout).expect("raw JSON on stdout");
    assert_eq!(reply["output"]["card"]["title"], "Deployment requested");
    send(&[
        "click",
        "approve_deploy",
        "--id",
        "1",
        "--label",
        "Approve",
        "--user",
        "Ann Lee",
    ])
    .await
    .expect(
        0,
        &[
            "Deployment #1 started",
            "╭─ Deployment started",
            "**Approved by:** Ann Lee",
        ],
    );
    send(&["send", "event", "channel.created"])
        .await
        .expect(2, &["no native counterpart"]);

    // Another key, given inline through CLIQ_PRIVATE_KEY: the bot does not trust it.
    let other = cliq(&["keygen"], &[], b"").await;
    other.expect(0, &["-----BEGIN PRIVATE KEY-----"]);
    let url = bot.url();
    let env = [
        ("CLIQ_URL", url.as_str()),
        ("CLIQ_PRIVATE_KEY", other.stdout.as_str()),
    ];
    cliq(
        &[
            "send",
            "command",
            "/deploy production",
            "--dialect",
            "native",
        ],
        &env,
        b"",
    )
    .await
    .expect(
        1,
        &[
            "refused: INVALID_SIGNATURE",
            "does not trust this RSA key",
            "cliq keygen",
        ],
    );
    cliq(
        &[
            "send",
            "command",
            "/deploy production",
            "--dialect",
            "native",
        ],
        &[("CLIQ_URL", url.as_str())],
        b"",
    )
    .await
    .expect(2, &["--private-key FILE or set CLIQ_PRIVATE_KEY"]);
    bot.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}
