//! CPU time of a process, from `/proc/<pid>/stat` (Linux).

/// Clock ticks per second of `/proc` times (`USER_HZ`, 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

/// User plus system CPU seconds used so far by `pid` (all its threads), or by
/// this process; `None` where `/proc` cannot say.
pub fn cpu_seconds(pid: Option<u32>) -> Option<f64> {
    let path = pid.map_or_else(
        || "/proc/self/stat".to_owned(),
        |pid| format!("/proc/{pid}/stat"),
    );
    let stat = std::fs::read_to_string(path).ok()?;
    // Fields after the command name, which ends at the last `)`: state is
    // field 3, utime 14 and stime 15.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / TICKS_PER_SECOND)
}

/// One CPU's time from `/proc/stat`, in clock ticks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CpuTicks {
    /// Running processes: user, nice and system time. (Interrupt time is
    /// left out: with tick-based accounting it is charged to no process.)
    pub busy: u64,
    /// Taken by the hypervisor while this CPU had work.
    pub steal: u64,
    /// All of it, idle included.
    pub total: u64,
}

/// Every CPU's time so far, in CPU order; empty where `/proc` cannot say.
pub fn cpu_ticks() -> Vec<CpuTicks> {
    let Ok(stat) = std::fs::read_to_string("/proc/stat") else {
        return Vec::new();
    };
    stat.lines()
        .filter(|line| line.starts_with("cpu") && !line.starts_with("cpu "))
        .map(|line| {
            let fields: Vec<u64> = line
                .split_whitespace()
                .skip(1)
                .map(|field| field.parse().unwrap_or(0))
                .collect();
            let at = |i: usize| fields.get(i).copied().unwrap_or(0);
            // user nice system idle iowait irq softirq steal guest guest_nice
            CpuTicks {
                busy: at(0) + at(1) + at(2),
                steal: at(7),
                total: (0..8).map(at).sum(),
            }
        })
        .collect()
}

/// For each CPU, the share of the time between `before` and `after` it was
/// busy, and the share stolen.
pub fn busy_between(before: &[CpuTicks], after: &[CpuTicks]) -> (Vec<f64>, Vec<f64>) {
    before
        .iter()
        .zip(after)
        .map(|(b, a)| {
            let total = a.total.saturating_sub(b.total).max(1) as f64;
            (
                a.busy.saturating_sub(b.busy) as f64 / total,
                a.steal.saturating_sub(b.steal) as f64 / total,
            )
        })
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process() {
        assert!(cpu_seconds(None).is_some_and(|secs| secs >= 0.0));
    }

    #[test]
    fn reads_every_cpu() {
        let ticks = cpu_ticks();
        assert!(!ticks.is_empty());
        let (busy, steal) = busy_between(&ticks, &ticks);
        assert_eq!(busy.len(), ticks.len());
        assert!(busy.iter().chain(&steal).all(|share| *share == 0.0));
    }
}
