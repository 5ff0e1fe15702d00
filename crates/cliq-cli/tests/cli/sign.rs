//! `cliq sign` against the bot, and `cliq verify` naming each cause.

use cliq::bot::verify::SigningSecret;

use crate::support::{Bot, COMMAND, SECRET, cliq};

/// Parses `Name: value` lines.
fn headers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| line.split_once(": "))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

#[tokio::test]
async fn sign_prints_headers_the_bot_accepts() {
    for scheme in ["body", "timestamped"] {
        let bot = Bot::start(scheme).await;
        let env = [
            ("CLIQ_SIGNING_SECRET", SECRET),
            ("CLIQ_SIGNATURE_SCHEME", scheme),
        ];
        let signed = cliq(&["sign"], &env, COMMAND.as_bytes()).await;
        signed.expect(0, &["X-Cliq-Signature: sha256="]);
        let headers = headers(&signed.stdout);
        assert_eq!(
            headers.len(),
            if scheme == "body" { 1 } else { 2 },
            "{signed:?}"
        );
        let mut request = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("client")
            .post(bot.url())
            .header("content-type", "application/json")
            .body(COMMAND);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let response = request.send().await.expect("post");
        assert_eq!(response.status(), 200, "{scheme}");
        bot.stop().await;
    }
}

#[tokio::test]
async fn verify_pinpoints_why_a_signature_fails() {
    let secret = SigningSecret::new(SECRET);
    let value: serde_json::Value = serde_json::from_str(COMMAND).expect("json");
    let pretty = serde_json::to_string_pretty(&value).expect("pretty");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let (recent, old) = ((now - 10).to_string(), (now - 1000).to_string());
    let body_sig = format!("sha256={}", secret.sign(&[COMMAND.as_bytes()]));
    let pretty_sig = format!("sha256={}", secret.sign(&[pretty.as_bytes()]));
    let recent_sig = secret.sign(&[recent.as_bytes(), b".", COMMAND.as_bytes()]);
    let old_sig = secret.sign(&[old.as_bytes(), b".", COMMAND.as_bytes()]);
    let other_sig = SigningSecret::new("not-the-secret").sign(&[COMMAND.as_bytes()]);
    // (args, scheme, exit code, words)
    let cases: [(Vec<&str>, &str, i32, &[&str]); 7] = [
        (
            vec!["--signature", &body_sig],
            "body",
            0,
            &["signature holds: body scheme"],
        ),
        (
            vec!["--signature", &pretty_sig],
            "body",
            4,
            &["re-encoded pretty-printed", "re-serialised the JSON"],
        ),
        (
            vec!["--signature", &other_sig],
            "body",
            4,
            &["wrong secret or body changed"],
        ),
        (
            vec!["--signature", &recent_sig],
            "body",
            4,
            &["scheme mismatch", "timestamped scheme", &recent],
        ),
        (
            vec!["--signature", &body_sig, "--timestamp", &recent],
            "timestamped",
            4,
            &["scheme mismatch", "body alone"],
        ),
        (
            vec!["--signature", &old_sig, "--timestamp", &old],
            "timestamped",
            4,
            &[
                "STALE_TIMESTAMP",
                "clock skew",
                "s in the past, over the 300 s tolerance",
            ],
        ),
        (
            vec!["--signature", "sha256=abc"],
            "body",
            4,
            &["malformed signature", "64 hex digits"],
        ),
    ];
    for (args, scheme, code, words) in cases {
        let args: Vec<&str> = ["verify"].into_iter().chain(args).collect();
        let env = [
            ("CLIQ_SIGNING_SECRET", SECRET),
            ("CLIQ_SIGNATURE_SCHEME", scheme),
        ];
        cliq(&args, &env, COMMAND.as_bytes())
            .await
            .expect(code, words);
    }
}
