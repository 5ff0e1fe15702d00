//! Closing idle keep-alive connections: a stream that fails its reads once
//! nothing was read or written for the idle timeout while no request is in
//! flight on it.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use pin_project_lite::pin_project;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// What a connection is doing, shared by its stream and its service.
#[derive(Debug)]
pub(super) struct Activity {
    in_flight: AtomicUsize,
    last: Mutex<Instant>,
}

impl Activity {
    fn touch(&self) {
        if let Ok(mut last) = self.last.lock() {
            *last = Instant::now();
        }
    }

    fn last(&self) -> Instant {
        self.last
            .lock()
            .map_or_else(|_| Instant::now(), |last| *last)
    }
}

pin_project! {
    /// A stream that times out when idle.
    pub(super) struct IdleStream<T> {
        #[pin]
        inner: T,
        sleep: Pin<Box<Sleep>>,
        timeout: Duration,
        activity: Arc<Activity>,
    }
}

impl<T> IdleStream<T> {
    pub(super) fn new(inner: T, timeout: Duration) -> (Self, Arc<Activity>) {
        let activity = Arc::new(Activity {
            in_flight: AtomicUsize::new(0),
            last: Mutex::new(Instant::now()),
        });
        let stream = Self {
            inner,
            sleep: Box::pin(tokio::time::sleep(timeout)),
            timeout,
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
        let before = buf.filled().len();
        if let Poll::Ready(result) = this.inner.poll_read(cx, buf) {
            if buf.filled().len() > before {
                this.activity.touch();
            }
            return Poll::Ready(result);
        }
        // Pending: the sleep only ends the connection if it is really idle;
        // otherwise it is moved to the end of the new idle period.
        loop {
            ready!(this.sleep.as_mut().poll(cx));
            let busy = this.activity.in_flight.load(Ordering::Acquire) > 0;
            let idle_until = if busy {
                Instant::now() + *this.timeout
            } else {
                this.activity.last() + *this.timeout
            };
            if idle_until <= Instant::now() {
                return Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "idle connection closed",
                )));
            }
            this.sleep.as_mut().reset(idle_until);
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
        if matches!(written, Ok(n) if n > 0) {
            this.activity.touch();
        }
        Poll::Ready(written)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        let written = ready!(this.inner.poll_write_vectored(cx, bufs));
        if matches!(written, Ok(n) if n > 0) {
            this.activity.touch();
        }
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

/// Decrements the in-flight count when the response future ends or is dropped.
struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
        self.0.touch();
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
