//! Benchmarks of the cliq receiver: what one callback costs, stage by stage
//! and end to end, against a floor that does the least the same work needs.
//!
//! - `benches/stages.rs` (criterion): verification, parsing, routing, reply
//!   serialisation and the whole pipeline in process.
//! - `floor` and `framework` binaries: the two servers, served the same way
//!   ([`serve`]).
//! - `load` binary: the load generator ([`load`]), closed loop for throughput,
//!   fixed rate for latency.
//! - `allocs` binary: allocations per callback, with a counting global
//!   allocator.
//! - `compare` binary (run by `bench/compare.sh`): all of the above side by
//!   side, pinned to cores, as one table.
//!
//! See `BENCHMARKS.md` at the repository root for the figures.

pub mod deploy;
pub mod fixtures;
pub mod floor;
pub mod inprocess;
pub mod load;
pub mod procstat;
pub mod serve;

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use http::StatusCode;

    use crate::fixtures::{COMMAND_SIZE, command_body, signed_request};
    use crate::inprocess::send;

    /// Both endpoints answer the same callback with the same bytes, so the
    /// load test compares like with like.
    #[tokio::test]
    async fn floor_and_framework_answer_the_same_card() {
        let framework = crate::deploy::bot().map(cliq_bot::Bot::into_router);
        let Ok(framework) = framework else {
            panic!("the bot builds");
        };
        let floor = crate::floor::router();
        for seq in [0, 1, 99] {
            let body = Bytes::from(command_body(seq, COMMAND_SIZE));
            let ours = send(&framework, signed_request(body.clone())).await.ok();
            let theirs = send(&floor, signed_request(body)).await.ok();
            assert_eq!(ours, theirs);
            assert_eq!(ours.map(|(status, _)| status), Some(StatusCode::OK));
        }
    }

    #[tokio::test]
    async fn both_refuse_a_wrong_signature() {
        let Ok(framework) = crate::deploy::bot().map(cliq_bot::Bot::into_router) else {
            panic!("the bot builds");
        };
        let floor = crate::floor::router();
        for router in [&framework, &floor] {
            let mut request = signed_request(Bytes::from(command_body(1, COMMAND_SIZE)));
            request.headers_mut().insert(
                "x-cliq-signature",
                http::HeaderValue::from_static(
                    "sha256=0000000000000000000000000000000000000000000000000000000000000000",
                ),
            );
            let status = send(router, request).await.ok().map(|(status, _)| status);
            assert_eq!(status, Some(StatusCode::UNAUTHORIZED));
        }
    }
}
