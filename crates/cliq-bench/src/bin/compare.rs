//! Framework against floor, side by side, in one run: both servers pinned to
//! one core, the load generator to another; closed-loop throughput runs, then
//! fixed-rate latency runs at a fraction of the slower one's throughput, then
//! allocations per callback; one table.
//!
//! Runs come in rounds: each round measures both servers back to back (the
//! order alternating), so that the two see the same machine, and the
//! framework/floor ratio is taken per round, then its median over rounds.
//! Throughput is also measured in paired rounds, both servers loaded at the
//! same time on their shared core: the scheduler gives each half of it, so
//! the ratio of their throughputs is the ratio of their costs per callback,
//! and a disturbance of the machine falls on both alike. A
//! run during which another process took more than a little of either core
//! is measured again (at most `--retries` times in all).
//!
//! Run it through `bench/compare.sh`, which builds the release binaries this
//! one starts (`floor`, `framework`, `load`, `allocs`, found beside it).

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the table and progress are this binary's output"
)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;
use cliq_bench::load::Report;
use cliq_bench::serve::{Endpoint, Flavor};
use serde_json::Value;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Another process may take this share of the server's core before a run
/// counts as disturbed.
const FOREIGN_SERVER_CORE: f64 = 0.03;
/// The same for the load generator's core.
const FOREIGN_LOAD_CORE: f64 = 0.10;

#[derive(Parser)]
struct Cli {
    /// Throughput rounds (each measures both servers).
    #[arg(long, default_value_t = 8)]
    rounds: usize,
    /// Seconds measured in each closed-loop (throughput) run.
    #[arg(long, default_value_t = 3.0)]
    secs: f64,
    /// Paired throughput rounds: both servers loaded at once, sharing their
    /// core.
    #[arg(long, default_value_t = 8)]
    paired_rounds: usize,
    /// Latency rounds (each measures both servers).
    #[arg(long, default_value_t = 10)]
    latency_rounds: usize,
    /// Seconds measured in each fixed-rate (latency) run.
    #[arg(long, default_value_t = 3.0)]
    latency_secs: f64,
    /// Seconds of warm-up before each run.
    #[arg(long, default_value_t = 0.5)]
    warmup: f64,
    /// Keep-alive connections of the load generator.
    #[arg(long, default_value_t = 16)]
    connections: usize,
    /// The fixed rate, as a fraction of the slower server's median
    /// closed-loop throughput (so that both sustain it). Answering requests
    /// one at a time costs more than in a closed loop's batches: at 0.5 the
    /// servers are near 80 % of their core, where p99 measures the
    /// machine's stalls more than the servers.
    #[arg(long, default_value_t = 0.3)]
    rate_fraction: f64,
    /// The fixed rate in requests per second (overrides `--rate-fraction`).
    #[arg(long)]
    rate: Option<f64>,
    /// The CPU the servers are pinned to (`taskset -c`).
    #[arg(long, default_value_t = 0)]
    server_cpu: usize,
    /// The CPU the load generator is pinned to (`taskset -c`).
    #[arg(long, default_value_t = 1)]
    load_cpu: usize,
    /// Run without `taskset`.
    #[arg(long)]
    no_pin: bool,
    /// Disturbed runs measured again, at most, in all.
    #[arg(long, default_value_t = 6)]
    retries: usize,
    /// The servers' runtime flavour.
    #[arg(long, value_enum, default_value = "multi-thread")]
    flavor: Flavor,
    /// The servers' worker threads.
    #[arg(long, default_value_t = 1)]
    workers: usize,
    /// Wait up to this many seconds for the machine to be quiet first.
    #[arg(long, default_value_t = 300)]
    wait_quiet: u64,
    /// Quiet: a 1-minute load average below this.
    #[arg(long, default_value_t = 0.5)]
    quiet_load: f64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match compare(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("compare: {error}");
            ExitCode::FAILURE
        }
    }
}

/// A server started for the comparison, killed when dropped.
struct Server {
    endpoint: Endpoint,
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Both servers' runs, round by round: `[floor, framework]`.
type Rounds = Vec<[Report; 2]>;

/// What the comparison runs with.
struct Bench<'a> {
    cli: &'a Cli,
    dir: PathBuf,
    servers: [Server; 2],
    retries_left: usize,
    disturbed: usize,
}

fn compare(cli: &Cli) -> Result<(), Error> {
    let dir = binaries()?;
    let load_before = wait_quiet(cli.wait_quiet, cli.quiet_load);
    let started = Instant::now();
    let servers = [
        start(cli, &dir, Endpoint::Floor)?,
        start(cli, &dir, Endpoint::Framework)?,
    ];
    let mut bench = Bench {
        cli,
        dir: dir.clone(),
        servers,
        retries_left: cli.retries,
        disturbed: 0,
    };
    for index in 0..2 {
        let check = bench.load(index, None, 0.2, 0.3)?;
        if check.ok == 0 || check.errors > 0 {
            return Err(format!(
                "{} failed its check run: {} ok, {} errors",
                bench.servers[index].endpoint.as_str(),
                check.ok,
                check.errors
            )
            .into());
        }
    }
    let throughput = bench.rounds("throughput", cli.rounds, None, cli.secs)?;
    let paired = bench.paired_rounds(cli.paired_rounds, cli.secs)?;
    // A rate both sustain: a fraction of the slower one's throughput.
    let slower = median(
        throughput
            .iter()
            .map(|[floor, framework]| floor.rps.min(framework.rps)),
    );
    let rate = cli.rate.unwrap_or(slower * cli.rate_fraction).round();
    let latency = bench.rounds("latency", cli.latency_rounds, Some(rate), cli.latency_secs)?;
    let disturbed = bench.disturbed;
    drop(bench);
    let allocs = allocations(&dir)?;
    let load_after = load_average();

    println!();
    println!(
        "machine: {} CPUs ({}), kernel {}; load average (1 min) {} before, {} after; \
         {disturbed} disturbed runs measured again; {:.0} s",
        std::thread::available_parallelism().map_or(0, usize::from),
        cpu_model(),
        std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .unwrap_or_default()
            .trim(),
        load_before.map_or_else(|| "?".to_owned(), |l| format!("{l:.2}")),
        load_after.map_or_else(|| "?".to_owned(), |l| format!("{l:.2}")),
        started.elapsed().as_secs_f64()
    );
    let pin = |cpu: usize| {
        if cli.no_pin {
            "none".to_owned()
        } else {
            cpu.to_string()
        }
    };
    println!(
        "servers: {:?} runtime, {} worker(s), pinned to CPU {}; load generator pinned to CPU {}; \
         {} connections; signed 300 B /deploy callbacks, all distinct",
        cli.flavor,
        cli.workers,
        pin(cli.server_cpu),
        pin(cli.load_cpu),
        cli.connections
    );
    println!();
    table(cli, &throughput, &paired, &latency, rate, &allocs);
    Ok(())
}

impl Bench<'_> {
    /// `count` rounds of both servers, the order alternating.
    fn rounds(
        &mut self,
        what: &str,
        count: usize,
        rate: Option<f64>,
        secs: f64,
    ) -> Result<Rounds, Error> {
        let mut rounds = Vec::with_capacity(count);
        for round in 0..count.max(1) {
            let first = round % 2;
            let a = self.run(what, first, rate, secs)?;
            let b = self.run(what, 1 - first, rate, secs)?;
            rounds.push(if first == 0 { [a, b] } else { [b, a] });
        }
        Ok(rounds)
    }

    /// One measured run, again while another process disturbed it and
    /// retries are left.
    fn run(
        &mut self,
        what: &str,
        index: usize,
        rate: Option<f64>,
        secs: f64,
    ) -> Result<Report, Error> {
        loop {
            let report = self.load(index, rate, self.cli.warmup, secs)?;
            let foreign = self.foreign(&[&report]);
            let disturbed = foreign.is_some();
            progress(what, &self.servers[index], &report, foreign);
            if !disturbed || self.retries_left == 0 {
                return Ok(report);
            }
            self.retries_left -= 1;
            self.disturbed += 1;
        }
    }

    /// Which core another process took a share of during the run (these
    /// reports', made at once), if any.
    fn foreign(&self, reports: &[&Report]) -> Option<String> {
        if self.cli.no_pin {
            return None;
        }
        let first = reports.first()?;
        let busy = |cpu: usize| first.cpu_busy.get(cpu).copied();
        let mut server = busy(self.cli.server_cpu)?;
        let mut load = busy(self.cli.load_cpu)?;
        for report in reports {
            server -= report.server_cpu?;
            load -= report.client_cpu?;
        }
        let steal: f64 = first.cpu_steal.iter().sum();
        (server > FOREIGN_SERVER_CORE || load > FOREIGN_LOAD_CORE || steal > 0.01).then(|| {
            format!("others took {server:.2} of the server's core, {load:.2} of the load's, {steal:.2} stolen")
        })
    }

    /// `count` paired rounds: in each, both servers under closed-loop load
    /// at once, so that they share their core (and whatever else the
    /// machine does meanwhile) for the same seconds.
    fn paired_rounds(&mut self, count: usize, secs: f64) -> Result<Rounds, Error> {
        let mut rounds = Vec::with_capacity(count);
        for _ in 0..count {
            loop {
                let children = [0, 1].map(|index| {
                    self.load_command(index, None, self.cli.warmup, secs)
                        .stdin(Stdio::null())
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                });
                let [floor, framework] = children;
                let floor = self.report(0, &floor?.wait_with_output()?)?;
                let framework = self.report(1, &framework?.wait_with_output()?)?;
                let foreign = self.foreign(&[&floor, &framework]);
                let disturbed = foreign.is_some();
                progress("paired", &self.servers[0], &floor, foreign.clone());
                progress("paired", &self.servers[1], &framework, foreign);
                if !disturbed || self.retries_left == 0 {
                    rounds.push([floor, framework]);
                    break;
                }
                self.retries_left -= 1;
                self.disturbed += 1;
            }
        }
        Ok(rounds)
    }

    fn load(
        &self,
        index: usize,
        rate: Option<f64>,
        warmup: f64,
        secs: f64,
    ) -> Result<Report, Error> {
        let output = self
            .load_command(index, rate, warmup, secs)
            .stdin(Stdio::null())
            .output()?;
        self.report(index, &output)
    }

    /// The load generator's report, or why it failed.
    fn report(&self, index: usize, output: &std::process::Output) -> Result<Report, Error> {
        if !output.status.success() {
            return Err(format!(
                "load against {} failed: {}",
                self.servers[index].endpoint.as_str(),
                String::from_utf8_lossy(&output.stderr).trim()
            )
            .into());
        }
        Ok(serde_json::from_slice(&output.stdout)?)
    }

    /// The load generator's command line against server `index`.
    fn load_command(&self, index: usize, rate: Option<f64>, warmup: f64, secs: f64) -> Command {
        let server = &self.servers[index];
        let mut command = pinned(self.cli, self.cli.load_cpu, &self.dir.join("load"));
        command
            .args(["--addr", &server.addr])
            .arg("--connections")
            .arg(self.cli.connections.to_string())
            .arg("--warmup")
            .arg(warmup.to_string())
            .arg("--secs")
            .arg(secs.to_string())
            .arg("--server-pid")
            .arg(server.child.id().to_string());
        if let Some(rate) = rate {
            command.arg("--rate").arg(rate.to_string());
        }
        command
    }
}

/// The directory holding this binary and its siblings.
fn dir_of_binaries() -> Result<PathBuf, Error> {
    let exe = std::env::current_exe()?;
    Ok(exe
        .parent()
        .ok_or("no directory for this binary")?
        .to_owned())
}

/// [`dir_of_binaries`], once every sibling is there.
fn binaries() -> Result<PathBuf, Error> {
    let dir = dir_of_binaries()?;
    for name in ["floor", "framework", "load", "allocs"] {
        if !dir.join(name).is_file() {
            return Err(format!(
                "{} is missing: build with `cargo build --release -p cliq-bench --bins` \
                 (bench/compare.sh does)",
                dir.join(name).display()
            )
            .into());
        }
    }
    Ok(dir)
}

fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}

/// Polls the load average until it is below `quiet` or `max_secs` pass;
/// returns the last reading.
fn wait_quiet(max_secs: u64, quiet: f64) -> Option<f64> {
    let deadline = Instant::now() + Duration::from_secs(max_secs);
    loop {
        let load = load_average();
        if load.is_none_or(|load| load < quiet) || Instant::now() >= deadline {
            if load.is_some_and(|load| load >= quiet) {
                eprintln!("load average still {load:?} after {max_secs} s: measuring anyway");
            }
            return load;
        }
        eprintln!("load average {load:?}: waiting for it to drop below {quiet}");
        std::thread::sleep(Duration::from_secs(10));
    }
}

/// `taskset -c <cpu> <program>`, or the program alone with `--no-pin`.
fn pinned(cli: &Cli, cpu: usize, program: &Path) -> Command {
    if cli.no_pin {
        Command::new(program)
    } else {
        let mut command = Command::new("taskset");
        command.arg("-c").arg(cpu.to_string()).arg(program);
        command
    }
}

fn start(cli: &Cli, dir: &Path, endpoint: Endpoint) -> Result<Server, Error> {
    let flavor = match cli.flavor {
        Flavor::MultiThread => "multi-thread",
        Flavor::CurrentThread => "current-thread",
    };
    let mut child = pinned(cli, cli.server_cpu, &dir.join(endpoint.as_str()))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--flavor",
            flavor,
            "--max-secs",
            "900",
        ])
        .arg("--workers")
        .arg(cli.workers.to_string())
        .stdout(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()?;
    let mut line = String::new();
    if let Some(stdout) = child.stdout.take() {
        BufReader::new(stdout).read_line(&mut line)?;
    }
    let addr = line.trim().to_owned();
    let server = Server {
        endpoint,
        child,
        addr,
    };
    if server.addr.is_empty() {
        return Err(format!("{} did not report its address", endpoint.as_str()).into());
    }
    Ok(server)
}

fn allocations(dir: &Path) -> Result<Value, Error> {
    let output = Command::new(dir.join("allocs"))
        .stdin(Stdio::null())
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "allocs failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )
        .into());
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

fn progress(what: &str, server: &Server, report: &Report, foreign: Option<String>) {
    eprintln!(
        "{what:>10} {:>9}: {:>7.0} req/s, p50 {:>6.1} us, p99 {:>7.1} us, p99.9 {:>7.1} us, \
         {} errors, server CPU {}, load CPU {}{}",
        server.endpoint.as_str(),
        report.rps,
        report.p50_us,
        report.p99_us,
        report.p999_us,
        report.errors,
        cores(report.server_cpu),
        cores(report.client_cpu),
        foreign.map_or_else(String::new, |why| format!(" — disturbed: {why}")),
    );
}

fn cores(cpu: Option<f64>) -> String {
    cpu.map_or_else(|| "?".to_owned(), |cpu| format!("{cpu:.2}"))
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.filter(|v| v.is_finite()).collect();
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if !n.is_multiple_of(2) => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// A row: the medians over rounds of `metric` for each server, and the
/// median (with its range) of the per-round framework/floor ratios.
fn row(label: &str, rounds: &Rounds, metric: fn(&Report) -> f64, decimals: usize) -> f64 {
    let floor = median(rounds.iter().map(|[floor, _]| metric(floor)));
    let framework = median(rounds.iter().map(|[_, framework]| metric(framework)));
    let ratios: Vec<f64> = rounds
        .iter()
        .map(|[floor, framework]| metric(framework) / metric(floor))
        .filter(|ratio| ratio.is_finite())
        .collect();
    let ratio = median(ratios.iter().copied());
    let low = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let high = ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = if ratios.len() > 1 {
        format!(" ({low:.2}–{high:.2})")
    } else {
        String::new()
    };
    println!(
        "| {label} | {} | {} | {} |",
        group(floor, decimals),
        group(framework, decimals),
        if ratio.is_finite() {
            format!("{ratio:.2}{range}")
        } else {
            "–".to_owned()
        }
    );
    ratio
}

fn table(
    cli: &Cli,
    throughput: &Rounds,
    paired: &Rounds,
    latency: &Rounds,
    rate: f64,
    allocs: &Value,
) {
    println!(
        "| metric (median over rounds) | floor | framework | framework / floor, per round: median (range) |"
    );
    println!("|---|---:|---:|---:|");
    let throughput_ratio = throughput_rows(
        &format!(
            "throughput, closed loop, {} connections (req/s; {} rounds)",
            cli.connections,
            throughput.len()
        ),
        "",
        throughput,
    );
    row(
        "load generator CPU during throughput runs (cores)",
        throughput,
        |r| r.client_cpu.unwrap_or(f64::NAN),
        2,
    );
    let paired_ratio = throughput_rows(
        &format!(
            "throughput, both at once sharing one core, closed loop, {} connections each (req/s; {} rounds)",
            cli.connections,
            paired.len()
        ),
        ", both at once",
        paired,
    );
    let at = format!("at {} req/s", group(rate, 0));
    row(
        &format!("achieved rate {at} fixed rate ({} rounds)", latency.len()),
        latency,
        |r| r.rps,
        0,
    );
    let mut p99_ratio = f64::NAN;
    for (label, metric) in [
        ("p50", (|r: &Report| r.p50_us) as fn(&Report) -> f64),
        ("p90", |r: &Report| r.p90_us),
        ("p99", |r: &Report| r.p99_us),
        ("p99.9", |r: &Report| r.p999_us),
        ("max", |r: &Report| r.max_us),
    ] {
        let ratio = row(
            &format!("latency {label} {at} (µs, from intended send time)"),
            latency,
            metric,
            1,
        );
        if label == "p99" {
            p99_ratio = ratio;
        }
    }
    row(
        &format!("server CPU {at} (cores)"),
        latency,
        |r| r.server_cpu.unwrap_or(f64::NAN),
        2,
    );
    let errors = |index: usize| {
        throughput
            .iter()
            .chain(paired)
            .chain(latency)
            .map(|pair| pair[index].errors)
            .sum::<u64>()
    };
    println!("| errors, all runs | {} | {} | |", errors(0), errors(1));
    let alloc = |side: &str, key: &str| allocs[side][key].as_f64().unwrap_or(f64::NAN);
    for (label, key, decimals) in [
        ("allocations per callback (in process)", "allocs", 1),
        ("bytes allocated per callback (in process)", "bytes", 0),
    ] {
        let (floor, framework) = (alloc("floor", key), alloc("framework", key));
        println!(
            "| {label} | {} | {} | {:.2} |",
            group(floor, decimals),
            group(framework, decimals),
            framework / floor
        );
    }
    println!();
    let stages = &allocs["stages"];
    println!(
        "framework allocations by stage, per callback: verify {}, parse {}, reply build {}, \
         reply serialise {}",
        stages["verify"]["allocs"],
        stages["parse"]["allocs"],
        stages["reply_build"]["allocs"],
        stages["reply_serialise"]["allocs"]
    );
    println!(
        "acceptance: throughput both at once {paired_ratio:.2}× the floor's (needs ≥ 0.90): {}; \
         p99 {p99_ratio:.2}× the floor's (needs ≤ 1.20): {} \
         (throughput one after the other: {throughput_ratio:.2}×)",
        verdict(paired_ratio >= 0.9),
        verdict(p99_ratio <= 1.2)
    );
}

/// Throughput, throughput per server CPU-second and server CPU; returns the
/// throughput ratio.
fn throughput_rows(label: &str, suffix: &str, rounds: &Rounds) -> f64 {
    let ratio = row(label, rounds, |r| r.rps, 0);
    row(
        &format!("throughput per server CPU-second{suffix} (req/s/core)"),
        rounds,
        |r| r.rps / r.server_cpu.unwrap_or(f64::NAN),
        0,
    );
    row(
        &format!("server CPU{suffix} (cores)"),
        rounds,
        |r| r.server_cpu.unwrap_or(f64::NAN),
        2,
    );
    ratio
}

fn verdict(pass: bool) -> &'static str {
    if pass { "PASS" } else { "FAIL" }
}

/// `12345.6` as `12,346` (or with `decimals` places).
fn group(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "?".to_owned();
    }
    let text = format!("{value:.decimals$}");
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let digits = int.trim_start_matches('-');
    let mut grouped = String::from(&int[..int.len() - digits.len()]);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    }
}
