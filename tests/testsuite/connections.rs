//! Stalled and idle connections are closed.

use std::time::{Duration, Instant};

use cliq::bot::{Bot, Context};
use cliq::events::CommandCallback;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{self, SECRET, sign};

type Err = Box<dyn std::error::Error + Send + Sync>;

async fn short_timeouts() -> support::Running {
    let bot = Bot::builder()
        .secret(SECRET)
        .header_read_timeout(Duration::from_millis(300))
        .idle_timeout(Duration::from_millis(600))
        .command("hi", |_cx: Context, _c: CommandCallback| async {
            Ok::<_, Err>("hi")
        })
        .build()
        .expect("valid bot");
    support::start(bot).await
}

/// Reads until the peer closes; returns how long that took.
async fn time_to_close(stream: &mut TcpStream) -> Duration {
    let started = Instant::now();
    let mut buffer = [0u8; 1024];
    loop {
        match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {}
            Err(_) => panic!("connection still open after 5 s"),
        }
    }
}

#[tokio::test]
async fn closes_a_connection_that_sends_nothing() {
    let bot = short_timeouts().await;
    let mut stream = TcpStream::connect(bot.addr).await.expect("connect");
    let waited = time_to_close(&mut stream).await;
    assert!(waited < Duration::from_secs(2), "{waited:?}");
    bot.stop().await;
}

#[tokio::test]
async fn closes_a_connection_whose_headers_stall() {
    let bot = short_timeouts().await;
    let mut stream = TcpStream::connect(bot.addr).await.expect("connect");
    stream
        .write_all(b"POST /cliq HTTP/1.1\r\nhost: x\r\n")
        .await
        .expect("write");
    let waited = time_to_close(&mut stream).await;
    assert!(waited < Duration::from_secs(2), "{waited:?}");
    bot.stop().await;
}

#[tokio::test]
async fn closes_an_idle_keep_alive_connection_after_serving_it() {
    let bot = short_timeouts().await;
    let body = support::command("/hi", "");
    let request = format!(
        "POST /cliq HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-cliq-signature: {}\r\ncontent-length: {}\r\n\r\n{body}",
        sign(body.as_bytes()),
        body.len()
    );
    let mut stream = TcpStream::connect(bot.addr).await.expect("connect");
    // Two requests on one connection: keep-alive works.
    for _ in 0..2 {
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut buffer = [0u8; 4096];
        let n = stream.read(&mut buffer).await.expect("read");
        let reply = String::from_utf8_lossy(&buffer[..n]);
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    }
    let waited = time_to_close(&mut stream).await;
    assert!(waited < Duration::from_secs(3), "{waited:?}");
    bot.stop().await;
}
