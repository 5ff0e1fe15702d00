//! The two connection timeouts, on one timer per connection: a request head
//! must arrive whole within the header-read timeout of its first byte (or
//! of the connection's start), and a keep-alive connection with nothing in
//! flight is closed once idle for the idle timeout.
//!
//! The stream fails its reads when a timeout is reached; hyper then closes
//! the connection. Nothing is done per request but reading a clock twice:
//! the timer is not moved when activity changes the deadline, only checked
//! when it fires, at least once per the shorter timeout, and set then to the
//! exact deadline.
//!
//! Two approximations: a response still being written when the connection
//! falls idle may delay the idle close by up to one check; and the bytes of
//! a pipelined head read while an earlier request is in flight are not timed
//! as a head, so such a head that stalls is closed by the idle timeout.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use pin_project_lite::pin_project;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

use crate::dispatch::after;

/// The connection's two timeouts.
#[derive(Clone, Copy, Debug)]
pub(super) struct Timeouts {
    pub(super) header_read: Duration,
    pub(super) idle: Duration,
}

impl Timeouts {
    /// The longest the timer waits between two checks: the shorter timeout,
    /// so that a deadline set meanwhile is never passed unseen.
    fn check_every(self) -> Duration {
        self.header_read.min(self.idle)
    }
}

/// What the service tells the stream: requests in flight, and how many
/// have been answered.
#[derive(Debug, Default)]
pub(super) struct Activity {
    in_flight: AtomicUsize,
    answered: AtomicU64,
}

/// Where the connection stands, as its stream sees it.
#[derive(Clone, Copy, Debug)]
enum Phase {
    /// A request head has been started (or the connection opened) at this
    /// time and not finished.
    Head(Instant),
    /// A request is in flight: no deadline of ours.
    Busy,
    /// Nothing in flight and nothing read since this time.
    Idle(Instant),
}

pin_project! {
    /// A stream that fails its reads once a timeout is reached.
    pub(super) struct IdleStream<T> {
        #[pin]
        inner: T,
        sleep: Pin<Box<Sleep>>,
        timeouts: Timeouts,
        phase: Phase,
        answered: u64,
        // Whether anything was written since the connection last became
        // idle: a response still being written keeps it from being idle.
        written: bool,
        activity: Arc<Activity>,
    }
}

impl<T> IdleStream<T> {
    pub(super) fn new(inner: T, timeouts: Timeouts) -> (Self, Arc<Activity>) {
        let activity = Arc::new(Activity::default());
        let now = Instant::now();
        let stream = Self {
            inner,
            sleep: Box::pin(tokio::time::sleep_until(after(now, timeouts.check_every()))),
            timeouts,
            phase: Phase::Head(now),
            answered: 0,
            written: false,
            activity: Arc::clone(&activity),
        };
        (stream, activity)
    }
}

impl<T: AsyncRead> AsyncRead for IdleStream<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.project();
        let in_flight = this.activity.in_flight.load(Ordering::Acquire) > 0;
        let answered = this.activity.answered.load(Ordering::Acquire);
        if in_flight {
            *this.phase = Phase::Busy;
        } else if answered != *this.answered {
            // A response went out since the last read: idle from now on.
            *this.answered = answered;
            *this.phase = Phase::Idle(Instant::now());
            *this.written = false;
        }
        let before = buf.filled().len();
        if let Poll::Ready(result) = this.inner.poll_read(cx, buf) {
            if buf.filled().len() > before && matches!(this.phase, Phase::Idle(_)) {
                // The first bytes of the next request's head.
                *this.phase = Phase::Head(Instant::now());
            }
            return Poll::Ready(result);
        }
        loop {
            ready!(this.sleep.as_mut().poll(cx));
            let now = Instant::now();
            if matches!(this.phase, Phase::Idle(_)) && std::mem::take(this.written) {
                *this.phase = Phase::Idle(now);
            }
            let next_check = after(now, this.timeouts.check_every());
            let deadline = match *this.phase {
                Phase::Head(since) => after(since, this.timeouts.header_read),
                Phase::Idle(since) => after(since, this.timeouts.idle),
                Phase::Busy => next_check,
            };
            if deadline <= now {
                let what = match this.phase {
                    Phase::Head(_) => "request head not received in time",
                    _ => "idle connection closed",
                };
                return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, what)));
            }
            // Checked again at the deadline, or sooner, so that a phase begun
            // meanwhile is timed from its start.
            this.sleep.as_mut().reset(deadline.min(next_check));
        }
    }
}

impl<T: AsyncWrite> AsyncWrite for IdleStream<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        let written = ready!(this.inner.poll_write(cx, buf));
        *this.written |= matches!(written, Ok(n) if n > 0);
        Poll::Ready(written)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        let written = ready!(this.inner.poll_write_vectored(cx, bufs));
        *this.written |= matches!(written, Ok(n) if n > 0);
        Poll::Ready(written)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().inner.poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().inner.poll_shutdown(cx)
    }
}

/// Counts the requests in flight on one connection.
#[derive(Clone, Debug)]
pub(super) struct TrackActivity<S> {
    inner: S,
    activity: Arc<Activity>,
}

impl<S> TrackActivity<S> {
    pub(super) fn new(inner: S, activity: Arc<Activity>) -> Self {
        Self { inner, activity }
    }
}

/// Counts a request as answered when its response future ends or is
/// dropped.
struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.answered.fetch_add(1, Ordering::AcqRel);
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

pin_project! {
    /// The inner service's response future, counted as in flight until it
    /// ends or is dropped.
    pub(super) struct Tracked<F> {
        #[pin]
        inner: F,
        guard: Option<InFlight>,
    }
}

impl<F: Future> Future for Tracked<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let output = ready!(this.inner.poll(cx));
        this.guard.take();
        Poll::Ready(output)
    }
}

impl<S, R> tower::Service<R> for TrackActivity<S>
where
    S: tower::Service<R>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Tracked<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        self.activity.in_flight.fetch_add(1, Ordering::AcqRel);
        let guard = InFlight(Arc::clone(&self.activity));
        Tracked {
            inner: self.inner.call(request),
            guard: Some(guard),
        }
    }
}
