//! Error envelopes, handler failures and deadlines, and the messages the
//! kit's assertions fail with.

use std::panic::{AssertUnwindSafe, catch_unwind};

use cliq::bot::{Button, Card};
use cliq_test::{ReplyBody, fixtures, render_card};

use crate::support::{TestResult, kit};

/// What `assertion` panicked with.
fn panic_message(assertion: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(assertion)).expect_err("the assertion fails");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[tokio::test]
async fn refusals_come_in_the_error_envelope() -> TestResult {
    let (kit, _) = kit();
    let cases = [
        (kit.post("{not json").await?, 400, "INVALID_PAYLOAD"),
        (kit.post("{}").await?, 400, "INVALID_PAYLOAD"),
        (
            kit.post(fixtures::REPLY_CARD).await?,
            400,
            "INVALID_PAYLOAD",
        ),
        (
            kit.post("{}").content_type(Some("text/plain")).await?,
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            kit.post("{}").content_type(None).await?,
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (kit.post("{}").path("/elsewhere").await?, 404, "NOT_FOUND"),
        (kit.post("").method("GET").await?, 405, "METHOD_NOT_ALLOWED"),
    ];
    for (reply, status, code) in cases {
        assert_eq!(reply.status(), status, "{reply}");
        let error = reply.expect_error(code);
        assert_eq!(
            (error.status.code, error.status.message.as_str()),
            (status, "error")
        );
        assert!(!error.error.message.is_empty());
    }
    Ok(())
}

#[tokio::test]
async fn the_health_check_needs_no_signature() -> TestResult {
    let (kit, _) = kit();
    let reply = kit
        .post("")
        .method("GET")
        .path("/healthz")
        .unsigned()
        .await?;
    assert_eq!(reply.status(), 200);
    assert_eq!(
        reply.body(),
        &ReplyBody::Other(serde_json::json!({"status": "ok"}))
    );
    Ok(())
}

#[tokio::test]
async fn a_failing_handler_is_a_500_that_reveals_nothing() -> TestResult {
    let (kit, _) = kit();
    let reply = kit.command("/fail").await?;
    let error = reply.expect_error("HANDLER_ERROR");
    assert!(!error.error.message.contains("boom"), "{reply}");
    let reply = kit.command("/buttons").await?;
    assert_eq!(reply.status(), 500);
    reply.expect_error("TOO_MANY_BUTTONS");
    Ok(())
}

/// Tokio's clock is paused: the handler's minute-long sleep and the bot's
/// ten-second deadline pass at once.
#[tokio::test(start_paused = true)]
async fn a_handler_past_its_deadline_is_a_504() -> TestResult {
    let (kit, _) = kit();
    let started = tokio::time::Instant::now();
    let reply = kit.command("/slow").await?;
    reply.expect_error("HANDLER_TIMEOUT");
    assert_eq!(reply.status(), 504);
    assert_eq!(started.elapsed().as_secs(), 10);
    Ok(())
}

#[tokio::test]
async fn an_unexpected_status_shows_the_code_and_message() -> TestResult {
    let (kit, _) = kit();
    let reply = kit.command("/deploy qa").signed_with("wrong").await?;
    let shown = panic_message(|| drop(reply.clone().expect_ok()));
    assert_eq!(
        shown,
        "expected a 2xx reply, got 401 INVALID_SIGNATURE: signature does not verify"
    );
    let shown = panic_message(|| {
        let _ = reply.expect_error("STALE_TIMESTAMP");
    });
    assert_eq!(
        shown,
        "expected error STALE_TIMESTAMP, got 401 INVALID_SIGNATURE: signature does not verify"
    );
    let received = kit.message("hi").await?;
    let shown = panic_message(|| {
        let _ = received.expect_card();
    });
    assert_eq!(shown, "expected a message, got 200 {\"received\": true}");
    Ok(())
}

#[tokio::test]
async fn a_missing_button_lists_the_buttons_there_are() -> TestResult {
    let (kit, _) = kit();
    let reply = kit.command("/deploy qa").await?;
    let shown = panic_message(|| {
        let _ = reply.expect_button("Reject");
    });
    assert_eq!(
        shown,
        "no button \"Reject\" on the card; its buttons:\n\
         button \"Approve\": invoke.function approve id=42\n\
         button \"Logs\": open.url https://logs.example.com/42"
    );
    Ok(())
}

#[tokio::test]
async fn a_card_mismatch_shows_a_line_diff() -> TestResult {
    let (kit, _) = kit();
    let reply = kit.command("/deploy qa").await?;
    let expected = Card::builder()
        .title("Deployment requested")
        .section(cliq::bot::Section::new(1).text("**Environment:** production"))
        .button(Button::invoke_function("Approve", "approve", "42"))
        .build()
        .expect("valid card");
    let shown = panic_message(|| reply.assert_card(&expected));
    assert_eq!(
        shown,
        "the card differs (- expected, + actual):\n  \
         title: Deployment requested\n  \
         section 1\n\
         -   text: **Environment:** production\n\
         +   text: **Environment:** qa\n  \
         button \"Approve\": invoke.function approve id=42\n\
         + button \"Logs\": open.url https://logs.example.com/42\n"
    );
    Ok(())
}

#[test]
fn cards_render_as_text_lines() {
    let reply = fixtures::reply_card();
    let card = reply.card().expect("the fixture has a card");
    assert_eq!(
        render_card(card),
        "title: Deployment Started\n\
         theme: modern-inline\n\
         section 1\n  \
         text: **Environment:** production\n  \
         text: **Initiated by:** John Doe\n\
         button \"Approve\": invoke.function approve_deploy id=1\n\
         button \"View Logs\": open.url https://logs.example.com\n"
    );
    assert_eq!(cliq_test::card_diff(card, card), None);
}
