//! The load generator: pre-signed, distinct `/deploy` callbacks replayed over
//! keep-alive HTTP/1.1 connections to a server on loopback.
//!
//! - **Closed loop** (no `--rate`): each connection sends its next request as
//!   soon as the previous answer is read; the report's rate is the server's
//!   throughput at that concurrency.
//! - **Fixed rate** (`--rate R`): request `i` is due at `start + i / R`; a free
//!   connection takes the next due request, waits for its time (sleeping, then
//!   spinning for the last 4 ms, so that pacing is microsecond-accurate rather
//!   than the timer wheel's millisecond) and sends it. Latency is measured
//!   from the *intended* send time, so a stalled server is charged for the
//!   requests that queued behind the stall (no coordinated omission).
//!
//! One current-thread runtime, one task per connection, a minimal HTTP/1.1
//! writer and reader over `TcpStream` (whole request in one write; the head is
//! scanned for the status and `content-length` only). Every loop is bounded by
//! the run's end time and `max_requests`, every exchange by a timeout.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::fixtures::{command_body, raw_request};
use crate::procstat;

/// How long one exchange may take before it counts as an error.
pub const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(5);
/// Pacing sleeps until this close to a request's due time, then spins: more
/// than the timer's granularity (1 ms) and a late wake-up from it.
const SPIN: Duration = Duration::from_millis(4);
/// The largest latency recorded, in nanoseconds (a minute).
const MAX_NANOS: u64 = 60_000_000_000;

/// What to send, where, for how long.
#[derive(Clone, Debug, clap::Args)]
pub struct LoadArgs {
    /// The server, on loopback.
    #[arg(long)]
    pub addr: SocketAddr,
    /// Keep-alive connections.
    #[arg(long, default_value_t = 16)]
    pub connections: usize,
    /// Requests per second (fixed rate, open loop); closed loop when absent.
    #[arg(long)]
    pub rate: Option<f64>,
    /// Seconds of warm-up, not measured.
    #[arg(long, default_value_t = 1.0)]
    pub warmup: f64,
    /// Seconds measured.
    #[arg(long, default_value_t = 8.0)]
    pub secs: f64,
    /// Distinct signed requests, sent in turn.
    #[arg(long, default_value_t = 65_536)]
    pub distinct: u64,
    /// The most requests sent in the whole run.
    #[arg(long, default_value_t = 20_000_000)]
    pub max_requests: u64,
    /// Body size of each command callback, in bytes.
    #[arg(long, default_value_t = crate::fixtures::COMMAND_SIZE)]
    pub body_size: usize,
    /// The server's process id, to report the CPU it used while measured.
    #[arg(long)]
    pub server_pid: Option<u32>,
}

/// What a run measured. Latencies are in microseconds.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    /// `closed` or `rate`.
    pub mode: String,
    /// The requested rate, for a fixed-rate run.
    pub target_rate: Option<f64>,
    /// Connections used.
    pub connections: usize,
    /// Seconds measured.
    pub secs: f64,
    /// Successful (2xx) answers measured.
    pub ok: u64,
    /// Errors measured: non-2xx answers, I/O errors, timeouts, failed connects.
    pub errors: u64,
    /// Successful answers per second.
    pub rps: f64,
    /// Median latency.
    pub p50_us: f64,
    /// 90th percentile latency.
    pub p90_us: f64,
    /// 99th percentile latency.
    pub p99_us: f64,
    /// 99.9th percentile latency.
    pub p999_us: f64,
    /// Largest latency.
    pub max_us: f64,
    /// Mean latency.
    pub mean_us: f64,
    /// CPU the load generator used while measured, in cores.
    pub client_cpu: Option<f64>,
    /// CPU the server used while measured, in cores.
    pub server_cpu: Option<f64>,
    /// Each CPU's share spent running processes while measured (this run's
    /// and any other's; interrupt time left out).
    #[serde(default)]
    pub cpu_busy: Vec<f64>,
    /// Each CPU's share stolen by the hypervisor while measured.
    #[serde(default)]
    pub cpu_steal: Vec<f64>,
}

/// Shared by the connection tasks.
struct Plan {
    addr: SocketAddr,
    requests: Vec<Vec<u8>>,
    next_request: AtomicU64,
    /// Fixed rate: the next due slot.
    next_slot: AtomicU64,
    /// Closed loop: requests sent so far.
    sent: AtomicU64,
    interval: Option<Duration>,
    start: Instant,
    measure_from: Instant,
    end: Instant,
    max_requests: u64,
}

/// What one connection saw while measured.
struct Tally {
    latencies: Histogram<u64>,
    errors: u64,
}

impl Tally {
    fn new() -> io::Result<Self> {
        Ok(Self {
            latencies: Histogram::new_with_bounds(1, MAX_NANOS, 3).map_err(io::Error::other)?,
            errors: 0,
        })
    }
}

/// Runs the load described by `args` on a current-thread runtime.
///
/// # Errors
/// A non-loopback address, a runtime that cannot be built, or no
/// connection at all.
pub fn run(args: &LoadArgs) -> io::Result<Report> {
    if !args.addr.ip().is_loopback() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the load generator only targets loopback addresses",
        ));
    }
    // Connections waiting for their due time spin by yielding: the I/O
    // driver is checked after every task poll, so that an answer is read as
    // soon as it arrives rather than after a round of spinners.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .event_interval(1)
        .build()?;
    runtime.block_on(drive(args))
}

async fn drive(args: &LoadArgs) -> io::Result<Report> {
    let host = args.addr.to_string();
    let requests = (0..args.distinct.max(1))
        .map(|seq| raw_request(&host, &command_body(seq, args.body_size)))
        .collect();
    let mut streams = Vec::with_capacity(args.connections);
    for _ in 0..args.connections.max(1) {
        streams.push(connect(args.addr).await?);
    }
    let start = Instant::now();
    let measure_from = start + Duration::from_secs_f64(args.warmup.max(0.0));
    let end = measure_from + Duration::from_secs_f64(args.secs.max(0.001));
    let interval = args
        .rate
        .filter(|rate| *rate > 0.0)
        .map(|rate| Duration::from_secs_f64(1.0 / rate));
    let plan = Arc::new(Plan {
        addr: args.addr,
        requests,
        next_request: AtomicU64::new(0),
        next_slot: AtomicU64::new(0),
        sent: AtomicU64::new(0),
        interval,
        start,
        measure_from,
        end,
        max_requests: args.max_requests,
    });
    let cpu = tokio::spawn(cpu_at(measure_from, args.server_pid));
    let tasks: Vec<_> = streams
        .into_iter()
        .map(|stream| {
            let plan = Arc::clone(&plan);
            tokio::spawn(async move { connection(&plan, Some(stream)).await })
        })
        .collect();
    let mut total = Tally::new()?;
    for task in tasks {
        let tally = task.await.map_err(io::Error::other)??;
        total.errors += tally.errors;
        total
            .latencies
            .add(&tally.latencies)
            .map_err(io::Error::other)?;
    }
    // A run cut short by `max_requests` is measured until its last answer.
    let finished = Instant::now().min(end);
    let secs = finished
        .saturating_duration_since(measure_from)
        .as_secs_f64()
        .max(1e-6);
    let mark = if cpu.is_finished() {
        cpu.await.map_err(io::Error::other)?
    } else {
        cpu.abort();
        CpuMark {
            client: None,
            server: None,
            cpus: Vec::new(),
        }
    };
    let client_cpu = cores_since(mark.client, None, secs);
    let server_cpu = args
        .server_pid
        .and_then(|pid| cores_since(mark.server, Some(pid), secs));
    let (cpu_busy, cpu_steal) = procstat::busy_between(&mark.cpus, &procstat::cpu_ticks());
    let h = &total.latencies;
    let us = |nanos: u64| nanos as f64 / 1_000.0;
    Ok(Report {
        mode: if interval.is_some() { "rate" } else { "closed" }.to_owned(),
        target_rate: args.rate,
        connections: args.connections,
        secs,
        ok: h.len(),
        errors: total.errors,
        rps: h.len() as f64 / secs,
        p50_us: us(h.value_at_quantile(0.50)),
        p90_us: us(h.value_at_quantile(0.90)),
        p99_us: us(h.value_at_quantile(0.99)),
        p999_us: us(h.value_at_quantile(0.999)),
        max_us: us(h.max()),
        mean_us: h.mean() / 1_000.0,
        client_cpu,
        server_cpu,
        cpu_busy,
        cpu_steal,
    })
}

/// What the CPUs had done by `from`: this process's and `server`'s CPU
/// seconds, and every CPU's ticks.
struct CpuMark {
    client: Option<f64>,
    server: Option<f64>,
    cpus: Vec<procstat::CpuTicks>,
}

async fn cpu_at(from: Instant, server: Option<u32>) -> CpuMark {
    tokio::time::sleep_until(from).await;
    CpuMark {
        client: procstat::cpu_seconds(None),
        server: server.and_then(|pid| procstat::cpu_seconds(Some(pid))),
        cpus: procstat::cpu_ticks(),
    }
}

/// CPU used since `before` over `secs`, in cores.
fn cores_since(before: Option<f64>, pid: Option<u32>, secs: f64) -> Option<f64> {
    let after = procstat::cpu_seconds(pid)?;
    Some((after - before?) / secs)
}

async fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// One connection's loop: take a request (due now, or at its slot), send
/// it, read the answer, record.
async fn connection(plan: &Plan, mut stream: Option<TcpStream>) -> io::Result<Tally> {
    let mut tally = Tally::new()?;
    let mut buffer = Vec::with_capacity(16 * 1024);
    while let Some(due) = next_due(plan).await {
        let measured = due >= plan.measure_from;
        let index = plan.next_request.fetch_add(1, Ordering::Relaxed) % plan.requests.len() as u64;
        let request = &plan.requests[index as usize];
        let conn = match stream.as_mut() {
            Some(conn) => conn,
            None => match connect(plan.addr).await {
                Ok(conn) => stream.insert(conn),
                Err(_) => {
                    tally.errors += u64::from(measured);
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let answer =
            tokio::time::timeout(EXCHANGE_TIMEOUT, exchange(conn, request, &mut buffer)).await;
        let done = Instant::now();
        match answer {
            Ok(Ok(status)) if (200..300).contains(&status) => {
                if measured {
                    let nanos = (done - due).as_nanos();
                    tally
                        .latencies
                        .saturating_record(u64::try_from(nanos).unwrap_or(MAX_NANOS));
                }
            }
            Ok(Ok(_)) => tally.errors += u64::from(measured),
            Ok(Err(_)) | Err(_) => {
                tally.errors += u64::from(measured);
                stream = None;
            }
        }
    }
    Ok(tally)
}

/// When the next request is due, or `None` once the run is over. Fixed rate:
/// waits for the due time.
async fn next_due(plan: &Plan) -> Option<Instant> {
    match plan.interval {
        None => {
            let now = Instant::now();
            let sent = plan.sent.fetch_add(1, Ordering::Relaxed);
            (now < plan.end && sent < plan.max_requests).then_some(now)
        }
        Some(interval) => {
            let slot = plan.next_slot.fetch_add(1, Ordering::Relaxed);
            let due = plan.start + interval.mul_f64(slot as f64);
            if due >= plan.end || slot >= plan.max_requests {
                return None;
            }
            pace(due).await;
            Some(due)
        }
    }
}

/// Waits until `due`: sleeps while it is far, then yields in a loop.
async fn pace(due: Instant) {
    loop {
        let now = Instant::now();
        if now >= due {
            return;
        }
        let wait = due - now;
        if wait > SPIN {
            tokio::time::sleep(wait - SPIN).await;
        } else {
            tokio::task::yield_now().await;
        }
    }
}

/// Writes one request and reads one answer; returns its status.
async fn exchange(stream: &mut TcpStream, request: &[u8], buffer: &mut Vec<u8>) -> io::Result<u16> {
    stream.write_all(request).await?;
    buffer.clear();
    let mut head: Option<(u16, usize, usize)> = None;
    loop {
        if buffer.capacity() - buffer.len() < 4096 {
            buffer.reserve(16 * 1024);
        }
        if stream.read_buf(buffer).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if head.is_none() {
            head = parse_head(buffer)?;
        }
        if let Some((status, head_len, body_len)) = head
            && buffer.len() >= head_len + body_len
        {
            return Ok(status);
        }
    }
}

/// The status, the head's length and the body's length, once the whole head
/// is in `buffer`.
fn parse_head(buffer: &[u8]) -> io::Result<Option<(u16, usize, usize)>> {
    let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = &buffer[..end];
    let invalid = || io::Error::new(io::ErrorKind::InvalidData, "malformed response head");
    let status = head
        .get(9..12)
        .and_then(|digits| std::str::from_utf8(digits).ok())
        .and_then(|digits| digits.parse().ok())
        .ok_or_else(invalid)?;
    let length = head
        .split(|b| *b == b'\n')
        .find_map(|line| {
            let (name, value) = line.split_at(line.iter().position(|b| *b == b':')?);
            name.eq_ignore_ascii_case(b"content-length").then(|| {
                std::str::from_utf8(&value[1..])
                    .ok()
                    .and_then(|text| text.trim().parse().ok())
            })?
        })
        .ok_or_else(invalid)?;
    Ok(Some((status, end + 4, length)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_and_lengths_from_a_head() {
        type Head = Option<(u16, usize, usize)>;
        let cases: [(&[u8], Head); 3] = [
            (
                b"HTTP/1.1 200 OK\r\ncontent-length: 12\r\n\r\n{}",
                Some((200, 39, 12)),
            ),
            (
                b"HTTP/1.1 401 Unauthorized\r\nContent-Length:3\r\n\r\n",
                Some((401, 47, 3)),
            ),
            (b"HTTP/1.1 200 OK\r\ncontent-len", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_head(input).ok().flatten(), expected, "{input:?}");
        }
    }

    #[test]
    fn refuses_a_head_without_length() {
        assert!(parse_head(b"HTTP/1.1 200 OK\r\nx: y\r\n\r\n").is_err());
    }
}
