//! Starting the deploy bot, and running `cliq` against it.

use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;

use cliq::bot::env::EnvConfig;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::example;

pub(crate) const SECRET: &str = "cli-test-secret";
pub(crate) const COMMAND: &str = r#"{"command":"/deploy","arguments":"staging","user":{"id":"1","name":"Dev"},"channel":{"id":"CT_1","name":"dev"}}"#;

/// The deploy bot on 127.0.0.1:0, with the test secret and `scheme`.
pub(crate) struct Bot {
    pub(crate) addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Bot {
    pub(crate) async fn start(scheme: &str) -> Self {
        Self::serve(scheme, None).await
    }

    /// The deploy bot, also serving the native dialect to callers signing
    /// with the private half of `public_key`.
    pub(crate) async fn start_native(public_key: &str) -> Self {
        Self::serve("body", Some(public_key)).await
    }

    async fn serve(scheme: &str, public_key: Option<&str>) -> Self {
        let config = EnvConfig::from_lookup(|name| match name {
            "CLIQ_SIGNING_SECRET" => Some(SECRET.to_owned()),
            "CLIQ_SIGNATURE_SCHEME" => Some(scheme.to_owned()),
            _ => None,
        })
        .expect("configuration");
        let deployments = example::Deployments::new(example::Settings {
            step: Duration::from_millis(10),
            ..example::Settings::default()
        });
        let mut builder = example::builder(&config, deployments);
        if let Some(key) = public_key {
            builder = builder.native_public_key(key);
        }
        let bot = builder.build().expect("bot");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(bot.serve_with_shutdown(listener, async {
            let _ = stopped.await;
        }));
        Self { addr, stop, task }
    }

    pub(crate) fn url(&self) -> String {
        format!("http://{}/cliq", self.addr)
    }

    pub(crate) async fn stop(self) {
        let _ = self.stop.send(());
        let served = tokio::time::timeout(Duration::from_secs(5), self.task).await;
        assert!(
            matches!(served, Ok(Ok(Ok(())))),
            "the bot did not stop cleanly"
        );
    }
}

/// What one run of `cliq` did.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    #[track_caller]
    pub(crate) fn expect(&self, code: i32, words: &[&str]) {
        assert_eq!(self.code, Some(code), "{self:#?}");
        let all = format!("{}{}", self.stdout, self.stderr);
        for word in words {
            assert!(all.contains(word), "expected `{word}` in {self:#?}");
        }
    }
}

/// Runs `cliq args…` with `env` (and no other CLIQ_* variable) and `stdin`.
pub(crate) async fn cliq(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Run {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_cliq"));
    for name in [
        "CLIQ_URL",
        "CLIQ_SIGNING_SECRET",
        "CLIQ_SIGNATURE_SCHEME",
        "CLIQ_EMULATOR_ADDR",
        "CLIQ_PRIVATE_KEY",
    ] {
        command.env_remove(name);
    }
    command
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let mut child = command.spawn().expect("run cliq");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin).await.expect("write stdin");
    }
    let output = tokio::time::timeout(Duration::from_secs(15), child.wait_with_output())
        .await
        .expect("cliq finished in time")
        .expect("cliq output");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `cliq` against `bot` with the test secret.
pub(crate) async fn to(bot: &Bot, args: &[&str]) -> Run {
    let url = bot.url();
    cliq(
        args,
        &[("CLIQ_URL", &url), ("CLIQ_SIGNING_SECRET", SECRET)],
        b"",
    )
    .await
}
