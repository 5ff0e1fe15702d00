//! Stalled and idle connections are closed.

use std::time::{Duration, Instant};

use cliq::bot::{Bot, BotBuilder, Context};
use cliq::events::CommandCallback;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{self, SECRET, sign};

type Err = Box<dyn std::error::Error + Send + Sync>;

const HEADER_READ: Duration = Duration::from_millis(300);
const IDLE: Duration = Duration::from_millis(1500);

/// A bot answering `/hi` after `delay`, its builder set up by `configure`.
async fn hi_bot(
    delay: Duration,
    configure: impl FnOnce(BotBuilder) -> BotBuilder,
) -> support::Running {
    let builder = Bot::builder().secret(SECRET).command(
        "hi",
        move |_cx: Context, _c: CommandCallback| async move {
            tokio::time::sleep(delay).await;
            Ok::<_, Err>("hi")
        },
    );
    support::start(configure(builder).build().expect("valid bot")).await
}

async fn short_timeouts() -> support::Running {
    hi_bot(Duration::ZERO, |bot| {
        bot.header_read_timeout(HEADER_READ).idle_timeout(IDLE)
    })
    .await
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
    assert!(waited >= HEADER_READ && waited < IDLE, "{waited:?}");
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
    assert!(waited < IDLE, "{waited:?}");
    bot.stop().await;
}

fn signed_request() -> String {
    let body = support::command("/hi", "");
    format!(
        "POST /cliq HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-cliq-signature: {}\r\ncontent-length: {}\r\n\r\n{body}",
        sign(body.as_bytes()),
        body.len()
    )
}

/// Sends a request on `stream` and reads its answer, which must be a 200.
async fn served(stream: &mut TcpStream) {
    stream
        .write_all(signed_request().as_bytes())
        .await
        .expect("write");
    let mut buffer = [0u8; 4096];
    let n = stream.read(&mut buffer).await.expect("read");
    let reply = String::from_utf8_lossy(&buffer[..n]);
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
}

#[tokio::test]
async fn closes_an_idle_keep_alive_connection_after_the_idle_timeout() {
    let bot = short_timeouts().await;
    let mut stream = TcpStream::connect(bot.addr).await.expect("connect");
    // Two requests on one connection: keep-alive works.
    served(&mut stream).await;
    served(&mut stream).await;
    // Idle, it outlives the header-read timeout and closes at the idle one.
    let waited = time_to_close(&mut stream).await;
    assert!(
        waited >= IDLE,
        "closed after {waited:?}, before the idle timeout"
    );
    assert!(waited < IDLE * 2, "{waited:?}");
    bot.stop().await;
}

#[tokio::test]
async fn times_a_head_from_its_first_byte_on_a_kept_alive_connection() {
    let bot = short_timeouts().await;
    let mut stream = TcpStream::connect(bot.addr).await.expect("connect");
    served(&mut stream).await;
    // Idle for longer than the header-read timeout, then a head that stalls.
    tokio::time::sleep(HEADER_READ * 2).await;
    stream
        .write_all(b"POST /cliq HTTP/1.1\r\n")
        .await
        .expect("write");
    let waited = time_to_close(&mut stream).await;
    assert!(waited >= HEADER_READ, "{waited:?}");
    assert!(
        waited < IDLE - HEADER_READ * 2,
        "closed after {waited:?}: timed by the idle timeout, not the head's"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_slow_handler_keeps_its_connection_past_both_timeouts() {
    let bot = hi_bot(Duration::from_millis(1000), |bot| {
        bot.header_read_timeout(HEADER_READ)
            .idle_timeout(HEADER_READ * 2)
    })
    .await;
    let mut stream = TcpStream::connect(bot.addr).await.expect("connect");
    served(&mut stream).await;
    bot.stop().await;
}

#[tokio::test]
async fn closes_an_idle_connection_whose_idle_timeout_is_the_shorter() {
    let bot = hi_bot(Duration::ZERO, |bot| {
        bot.header_read_timeout(Duration::from_secs(10))
            .idle_timeout(HEADER_READ)
    })
    .await;
    let mut stream = TcpStream::connect(bot.addr).await.expect("connect");
    served(&mut stream).await;
    let waited = time_to_close(&mut stream).await;
    assert!(waited >= HEADER_READ, "{waited:?}");
    assert!(waited < HEADER_READ * 4, "closed after {waited:?}");
    bot.stop().await;
}

#[tokio::test]
async fn timeouts_too_long_to_add_to_a_clock_are_served() {
    let bot = hi_bot(Duration::from_millis(10), |bot| {
        bot.header_read_timeout(Duration::MAX)
            .idle_timeout(Duration::MAX)
            .handler_deadline(Duration::MAX)
    })
    .await;
    for _ in 0..2 {
        let mut stream = TcpStream::connect(bot.addr).await.expect("connect");
        served(&mut stream).await;
    }
    bot.stop().await;
}
