//! Allocations per callback: a counting global allocator around the system
//! one, over signed 300-byte `/deploy` callbacks sent through each router in
//! process (`oneshot`, body read to the end), and over the framework's stages
//! one by one. Requests are built before counting starts; the runtime is
//! current-thread, so every allocation counted is the callback's.
//!
//! Prints one JSON object: per callback, `allocs` (allocations),
//! `reallocs` and `bytes` (bytes allocated).

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the counts and errors are this binary's output"
)]

use std::alloc::System;
use std::process::ExitCode;
use std::sync::Arc;

use axum::Router;
use bytes::Bytes;
use cliq_bench::fixtures::{self, COMMAND_SIZE, Signed, signed_commands};
use cliq_bench::inprocess::send;
use cliq_bot::clock::SystemClock;
use cliq_bot::events::Callback;
use cliq_bot::verify::{HmacMode, HmacScheme, ReplayCache, Scheme};
use http::{HeaderMap, StatusCode};
use serde_json::{Value, json};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Callbacks counted per measurement.
const COUNT: u64 = 10_000;
/// Callbacks sent first, uncounted, to fill lazily built state.
const WARM_UP: u64 = 1_000;

fn main() -> ExitCode {
    match measure() {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("allocs: {error}");
            ExitCode::FAILURE
        }
    }
}

type Error = Box<dyn std::error::Error + Send + Sync>;

fn measure() -> Result<Value, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let framework = cliq_bench::deploy::bot()?.into_router();
    let floor = cliq_bench::floor::router();
    let signed = signed_commands(WARM_UP + COUNT);

    let framework_counts = runtime.block_on(pipeline(&framework, &signed))?;
    let floor_counts = runtime.block_on(pipeline(&floor, &signed))?;

    let scheme = HmacScheme::new(
        vec![fixtures::secret()],
        HmacMode::Body,
        ReplayCache::default(),
        Arc::new(SystemClock),
    );
    let headers: Vec<(HeaderMap, &Bytes)> = signed
        .iter()
        .map(|signed| {
            let mut headers = HeaderMap::new();
            headers.insert("x-cliq-signature", signed.signature.clone());
            (headers, &signed.body)
        })
        .collect();
    let verify = count(|| {
        for (headers, body) in &headers {
            let _ = std::hint::black_box(scheme.verify(headers, body));
        }
    });
    let parse = count(|| {
        for signed in &signed {
            let _ = std::hint::black_box(Callback::from_slice(&signed.body));
        }
    });
    let build = count(|| {
        for seq in 0..WARM_UP + COUNT {
            let message =
                cliq_bench::deploy::requested_message(seq, "production", "v1.2.3", "John Doe");
            let _ = std::hint::black_box(message);
        }
    });
    let message = cliq_bench::deploy::requested_message(1, "production", "v1.2.3", "John Doe")?;
    let serialise = count(|| {
        for _ in 0..WARM_UP + COUNT {
            let _ = std::hint::black_box(serde_json::to_vec(&message));
        }
    });
    let per_stage = |counts: Counts| counts.per(WARM_UP + COUNT);
    Ok(json!({
        "callbacks": COUNT,
        "body_bytes": COMMAND_SIZE,
        "framework": framework_counts.per(COUNT),
        "floor": floor_counts.per(COUNT),
        "stages": {
            "verify": per_stage(verify),
            "parse": per_stage(parse),
            "reply_build": per_stage(build),
            "reply_serialise": per_stage(serialise),
        },
    }))
}

/// Sends the warm-up callbacks uncounted, then counts the rest.
async fn pipeline(router: &Router, signed: &[Signed]) -> Result<Counts, Error> {
    let mut requests: Vec<_> = signed.iter().map(Signed::request).collect();
    let counted = requests.split_off(WARM_UP as usize);
    for request in requests {
        expect_ok(send(router, request).await?)?;
    }
    let region = Region::new(GLOBAL);
    let mut answers = 0u64;
    for request in counted {
        let (status, body) = send(router, request).await?;
        answers += u64::from(status == StatusCode::OK && !body.is_empty());
    }
    let counts = Counts::from(region.change());
    if answers != COUNT {
        return Err(format!("{answers} of {COUNT} callbacks answered 200").into());
    }
    Ok(counts)
}

fn expect_ok((status, _): (StatusCode, Bytes)) -> Result<(), Error> {
    if status == StatusCode::OK {
        Ok(())
    } else {
        Err(format!("a warm-up callback was answered {status}").into())
    }
}

fn count(work: impl FnOnce()) -> Counts {
    let region = Region::new(GLOBAL);
    work();
    Counts::from(region.change())
}

#[derive(Clone, Copy)]
struct Counts {
    allocs: usize,
    reallocs: usize,
    bytes: usize,
}

impl From<stats_alloc::Stats> for Counts {
    fn from(stats: stats_alloc::Stats) -> Self {
        Self {
            allocs: stats.allocations,
            reallocs: stats.reallocations,
            bytes: stats.bytes_allocated,
        }
    }
}

impl Counts {
    fn per(self, n: u64) -> Value {
        let n = n as f64;
        json!({
            "allocs": self.allocs as f64 / n,
            "reallocs": self.reallocs as f64 / n,
            "bytes": (self.bytes as f64 / n).round(),
        })
    }
}
