//! The native dialect: RSA-signed calls of every kind, shared command and
//! function handlers, native replies.

use cliq::bot::events::native::{Banner, NativeCallback};
use cliq::bot::{Bot, Context};
use cliq_test::{ReplyBody, TestKit, fixtures};

use crate::support::{Error, TestResult, kit};

#[tokio::test]
async fn a_native_command_reaches_the_command_handler() -> TestResult {
    let (kit, log) = kit();
    let reply = kit.native_command("/deploy production").await?.expect_ok();
    let message = reply.native_message().expect("a native message");
    assert_eq!(message.text(), "Deploy production?");
    assert_eq!(message.buttons().len(), 2);
    assert!(reply.message().is_none(), "{reply}");
    assert_eq!(
        log.lines(),
        [r#"command /deploy "production" Scott Fisher Sample CD_1256246524399772951_1741337"#]
    );
    Ok(())
}

#[tokio::test]
async fn a_native_click_reaches_the_function_handler() -> TestResult {
    let (kit, log) = kit();
    let reply = kit.native_click("approve", "42").await?;
    let output = reply.native_output().expect("native output");
    assert_eq!(output["text"], "Approved #42 by Scott Fisher");
    assert_eq!(log.lines(), ["click 42  CD_1256246524399772951_1741337"]);
    Ok(())
}

#[tokio::test]
async fn other_native_kinds_reach_their_handlers() -> TestResult {
    let (kit, log) = kit();
    let welcome = fixtures::native("bot.welcome_handler").expect("sample");
    let reply = kit.native(welcome).await?;
    assert_eq!(
        reply.body(),
        &ReplyBody::Native(
            serde_json::json!({"type": "banner", "status": "success", "text": "Welcome!"})
        )
    );
    let unserved = fixtures::native("widget.view_handler").expect("sample");
    kit.native(unserved).await?.expect_error("UNKNOWN_HANDLER");
    assert_eq!(log.lines(), ["native welcome Sample"]);
    Ok(())
}

#[tokio::test]
async fn every_native_sample_verifies_and_routes() -> TestResult {
    let kit = TestKit::new(|setup| {
        setup
            .apply(Bot::builder())
            .native_fallback(|_cx: Context, call: NativeCallback| async move {
                Ok::<_, Error>(Banner::success(format!(
                    "{}.{}",
                    call.component.as_str(),
                    call.handler.as_str()
                )))
            })
            .build()
    })?;
    assert_eq!(fixtures::NATIVE.len(), 25);
    for (kind, _) in fixtures::NATIVE {
        let call = fixtures::native(kind).expect("sample");
        let reply = kit.native(call).await?.expect_ok();
        let text = reply.native_output().map(|o| o["text"].clone());
        assert!(text.is_some_and(|t| t.is_string()), "{kind}: {reply}");
    }
    Ok(())
}

#[tokio::test]
async fn a_native_call_must_be_signed_by_the_extension_key() -> TestResult {
    let (kit, log) = kit();
    kit.native_command("/deploy qa")
        .unsigned()
        .await?
        .expect_error("MISSING_SIGNATURE");
    let welcome = fixtures::native("bot.welcome_handler").expect("sample");
    kit.native(welcome)
        .signed_with("some hmac secret")
        .await?
        .expect_error("INVALID_SIGNATURE");
    assert!(log.lines().is_empty());
    Ok(())
}

#[tokio::test]
async fn the_call_is_stamped_by_the_kit_unless_told() -> TestResult {
    let (kit, _) = kit();
    // Long past its reply budget, with no response_url: answered in the
    // response all the same.
    let reply = kit.native_command("/deploy qa").timestamp_ms(1).await?;
    assert_eq!(
        reply
            .native_message()
            .map(|m| m.text().to_owned())
            .as_deref(),
        Some("Deploy qa?")
    );
    Ok(())
}
