//! What one callback costs, stage by stage (`cargo bench -p cliq-bench`):
//!
//! - `verify/{body,timestamped}/{300B,64KiB}`: `HmacScheme::verify` over the
//!   headers and raw bytes. Timestamped requests carry distinct timestamps
//!   (signed outside the timed loop) against a replay cache already full, so
//!   no replay short-circuits and each insert evicts, as in steady state.
//! - `parse/{command,event}`: `Callback::from_slice`; `parse/floor_command`
//!   is the floor's serde derive on the same body.
//! - `route/*`: the framework's router without the callback work — the
//!   health check, and a callback refused at its media type (routing, request
//!   ids, in-flight permit).
//! - `reply/*`: building the deploy bot's "Deployment requested" message (with
//!   its checks), and `serde_json::to_vec` of it; the floor's serialisation.
//! - `pipeline/*`: a signed 300 B `/deploy` callback through `into_router()`
//!   with `oneshot`, answer read to the end, on a current-thread runtime;
//!   the floor's router the same way; and an unknown command (verified,
//!   parsed, refused at lookup).

use std::cell::Cell;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use bytes::Bytes;
use cliq_bench::fixtures::{
    COMMAND_SIZE, LARGE_SIZE, Signed, command_body, event_body, secret, signed_commands,
    timestamped_signature,
};
use cliq_bench::inprocess::send;
use cliq_bot::clock::SystemClock;
use cliq_bot::events::Callback;
use cliq_bot::verify::{HmacMode, HmacScheme, ReplayCache, Scheme};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use http::{HeaderMap, HeaderValue, Request, StatusCode, header};

/// Wide enough that every counter value is a timestamp in the window: the
/// tolerance only moves the bound of one comparison, not the work.
const WIDE_TOLERANCE: Duration = Duration::from_secs(1 << 40);
/// Distinct signed requests the pipeline benchmarks cycle through.
const DISTINCT: u64 = 4096;

fn verification(c: &mut Criterion) {
    let mut group = c.benchmark_group("verify");
    let clock = Arc::new(SystemClock);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let next_timestamp = Cell::new(now);
    let timestamped = HmacScheme::new(
        vec![secret()],
        HmacMode::Timestamped {
            tolerance: WIDE_TOLERANCE,
        },
        ReplayCache::default(),
        clock.clone(),
    );
    let stamped = |body: &[u8]| {
        let timestamp = next_timestamp.get().to_string();
        next_timestamp.set(next_timestamp.get() + 1);
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-cliq-signature",
            value(&timestamped_signature(&timestamp, body)),
        );
        headers.insert("x-cliq-timestamp", value(&timestamp));
        headers
    };
    // Fill the replay cache to its capacity, so that every measured insert
    // also evicts: the steady state of a busy receiver.
    let small = command_body(0, COMMAND_SIZE);
    for _ in 0..cliq_bot::verify::DEFAULT_REPLAY_CAPACITY {
        assert!(timestamped.verify(&stamped(&small), &small).is_ok());
    }
    let body_scheme = HmacScheme::new(
        vec![secret()],
        HmacMode::Body,
        ReplayCache::default(),
        clock,
    );
    for (label, size) in [("300B", COMMAND_SIZE), ("64KiB", LARGE_SIZE)] {
        let body = command_body(1, size);
        group.throughput(Throughput::Bytes(size as u64));
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-cliq-signature",
            Signed::new(Bytes::from(body.clone())).signature,
        );
        assert!(body_scheme.verify(&headers, &body).is_ok());
        group.bench_function(BenchmarkId::new("body", label), |b| {
            b.iter(|| body_scheme.verify(black_box(&headers), black_box(&body)));
        });
        group.bench_function(BenchmarkId::new("timestamped", label), |b| {
            b.iter_batched(
                || stamped(&body),
                |headers| {
                    let verified = timestamped.verify(&headers, black_box(&body));
                    assert!(verified.is_ok(), "{verified:?}");
                    verified
                },
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

fn parsing(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    let command = command_body(1, COMMAND_SIZE);
    let event = event_body(1);
    assert!(matches!(
        Callback::from_slice(&command),
        Ok(Callback::Command(_))
    ));
    assert!(matches!(
        Callback::from_slice(&event),
        Ok(Callback::Event(_))
    ));
    group.throughput(Throughput::Bytes(command.len() as u64));
    group.bench_function("command", |b| {
        b.iter(|| Callback::from_slice(black_box(&command)));
    });
    group.bench_function("floor_command", |b| {
        b.iter(|| cliq_bench::floor::parse_command(black_box(&command)));
    });
    group.throughput(Throughput::Bytes(event.len() as u64));
    group.bench_function("event", |b| {
        b.iter(|| Callback::from_slice(black_box(&event)));
    });
    group.finish();
}

fn routing(c: &mut Criterion) {
    let mut group = c.benchmark_group("route");
    let runtime = runtime();
    let router = framework();
    let health = || {
        Request::get(cliq_bot::HEALTH_PATH)
            .body(Body::empty())
            .unwrap_or_default()
    };
    let refused = || {
        let mut request = Request::post(cliq_bench::fixtures::PATH)
            .body(Body::from("{}"))
            .unwrap_or_default();
        request
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        request
    };
    expect(&runtime, &router, health(), StatusCode::OK);
    expect(
        &runtime,
        &router,
        refused(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    );
    group.bench_function("healthz", |b| {
        b.iter_custom(|iters| timed(&runtime, &router, (0..iters).map(|_| health())));
    });
    group.bench_function("callback_refused_415", |b| {
        b.iter_custom(|iters| timed(&runtime, &router, (0..iters).map(|_| refused())));
    });
    group.finish();
}

fn replies(c: &mut Criterion) {
    let mut group = c.benchmark_group("reply");
    let message = cliq_bench::deploy::requested_message(42, "production", "v1.2.3", "John Doe");
    let Ok(message) = message else {
        panic!("the deploy card is valid");
    };
    group.bench_function("build", |b| {
        b.iter(|| {
            cliq_bench::deploy::requested_message(black_box(42), "production", "v1.2.3", "John Doe")
        });
    });
    group.bench_function("serialise", |b| {
        b.iter(|| serde_json::to_vec(black_box(&message)));
    });
    group.bench_function("floor_build_and_serialise", |b| {
        b.iter(|| {
            cliq_bench::floor::requested_bytes(black_box(42), "production", "v1.2.3", "John Doe")
        });
    });
    group.finish();
}

fn pipelines(c: &mut Criterion) {
    let mut group = c.benchmark_group("pipeline");
    let runtime = runtime();
    let signed = signed_commands(DISTINCT);
    let unknown: Vec<Signed> = (0..DISTINCT)
        .map(|seq| {
            let body = command_body(seq, COMMAND_SIZE);
            let body = String::from_utf8_lossy(&body).replace("/deploy", "/nosuch");
            Signed::new(Bytes::from(body))
        })
        .collect();
    let framework = framework();
    let floor = cliq_bench::floor::router();
    for (name, router, requests, status) in [
        ("framework", &framework, &signed, StatusCode::OK),
        ("floor", &floor, &signed, StatusCode::OK),
        (
            "framework_unknown_command",
            &framework,
            &unknown,
            StatusCode::NOT_FOUND,
        ),
    ] {
        expect(&runtime, router, requests[0].request(), status);
        group.throughput(Throughput::Elements(1));
        group.bench_function(name, |b| {
            let mut next = 0usize;
            b.iter_custom(|iters| {
                let batch = (0..iters).map(|_| {
                    next = (next + 1) % requests.len();
                    requests[next].request()
                });
                timed(&runtime, router, batch)
            });
        });
    }
    group.finish();
}

fn runtime() -> tokio::runtime::Runtime {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let Ok(runtime) = runtime else {
        panic!("a current-thread runtime builds");
    };
    runtime
}

fn framework() -> Router {
    let Ok(bot) = cliq_bench::deploy::bot() else {
        panic!("the bot builds");
    };
    bot.into_router()
}

fn value(text: &str) -> HeaderValue {
    let Ok(value) = HeaderValue::from_str(text) else {
        panic!("{text} is a header value");
    };
    value
}

fn expect(
    runtime: &tokio::runtime::Runtime,
    router: &Router,
    request: Request<Body>,
    status: StatusCode,
) {
    let answer = runtime.block_on(send(router, request));
    assert_eq!(answer.ok().map(|(s, _)| s), Some(status));
}

/// Builds the requests first, then times sending them all.
fn timed(
    runtime: &tokio::runtime::Runtime,
    router: &Router,
    requests: impl Iterator<Item = Request<Body>>,
) -> Duration {
    let requests: Vec<_> = requests.collect();
    runtime.block_on(async {
        let started = Instant::now();
        for request in requests {
            let _ = black_box(send(router, request).await);
        }
        started.elapsed()
    })
}

criterion_group! {
    name = stages;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50);
    targets = verification, parsing, routing, replies, pipelines
}
criterion_main!(stages);
