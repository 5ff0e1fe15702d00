//! Replies travel inside `{"output": ...}` in the shapes Zoho documents, and
//! whatever the message builder accepts parses back equal.

use cliq_events::message::Theme;
use cliq_events::native::{
    Banner, CommandSuggestion, Form, FormInput, FormModification, FormModificationAction,
    FormOption, FormValues, InputType, InstallationResult, ModificationType, NativeButton,
    NativeCard, NativeMessage, NativeMessageBuilder, NativeReply, Output, Slide, WidgetSection,
    WidgetView,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

use super::TestResult;

#[test]
fn every_reply_serialises_inside_output() -> TestResult {
    let form = Form::builder("ID", "Asset", "submit_asset")
        .button_label("Save")
        .input(
            FormInput::choice(
                InputType::Radio,
                "os",
                "OS",
                [FormOption::new("Android", "android")],
            )
            .mandatory(true),
        )
        .build()?;
    let change = FormModification::new()
        .action(FormModificationAction::with_input(
            ModificationType::AddAfter,
            "os",
            FormInput::toggle("beta", "Beta"),
        ))
        .build()?;
    let cases: Vec<(NativeReply, Value)> = vec![
        (
            Banner::failure("No").into(),
            json!({"type": "banner", "status": "failure", "text": "No"}),
        ),
        (
            form.into(),
            json!({"type": "form", "title": "Asset", "name": "ID", "button_label": "Save",
            "inputs": [{"type": "radio", "name": "os", "label": "OS", "mandatory": true,
                "options": [{"label": "Android", "value": "android"}]}],
            "action": {"type": "invoke.function", "name": "submit_asset"}}),
        ),
        (
            change.into(),
            json!({"type": "form_modification", "actions": [{"type": "add_after", "name": "os",
            "input": {"type": "toggle", "name": "beta", "label": "Beta"}}]}),
        ),
        (
            FormValues::new([FormOption::new("Pixel", "pixel")]).into(),
            json!({"options": [{"label": "Pixel", "value": "pixel"}]}),
        ),
        (
            vec![CommandSuggestion::new("Help docs")].into(),
            json!([{"title": "Help docs"}]),
        ),
        (
            InstallationResult::new(200)
                .title("Done")
                .note("one")
                .into(),
            json!({"status": 200, "title": "Done", "note": ["one"]}),
        ),
        (
            WidgetView::new()
                .tab("t1", "Home")
                .section(WidgetSection::new("1").title("Hi"))
                .into(),
            json!({"type": "applet", "tabs": [{"id": "t1", "label": "Home"}], "data_type": "sections",
                "sections": [{"id": "1", "elements": [{"type": "title", "text": "Hi"}]}]}),
        ),
        (NativeReply::Empty, json!("")),
    ];
    for (reply, expected) in cases {
        assert_eq!(reply.to_output_json()?, json!({"output": expected}));
    }
    Ok(())
}

fn button() -> impl Strategy<Value = NativeButton> {
    ("[a-zA-Z][a-zA-Z ]{0,21}", "[a-z_]{0,6}", any::<bool>()).prop_map(|(label, target, url)| {
        if url {
            NativeButton::open_url(label, format!("https://{target}.example"))
        } else {
            NativeButton::invoke_function(label, target.as_str()).key(target)
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn accepted_messages_travel_inside_output_and_parse_back_equal(
        text in ".{0,40}",
        title in proptest::option::of(".{0,8}"),
        poll in proptest::option::of(proptest::collection::vec("[a-z]{1,6}", 0..12)),
        buttons in proptest::collection::vec(button(), 0..6),
        slides in proptest::collection::vec(("[a-z ]{0,12}", proptest::collection::vec(button(), 0..3)), 0..3),
    ) {
        let mut builder = NativeMessage::builder(text);
        match (poll, title) {
            (Some(options), title) => builder = builder.card(NativeCard::poll(format!("q{}", title.unwrap_or_default()), options)),
            (None, Some(title)) => builder = builder.card(NativeCard::new(title).theme(Theme::Basic)),
            (None, None) => {}
        }
        builder = buttons.into_iter().fold(builder, NativeMessageBuilder::button);
        for (text, buttons) in slides {
            builder = builder.slide(buttons.into_iter().fold(Slide::text(text), Slide::button));
        }
        if let Ok(message) = builder.build() {
            let body = serde_json::to_string(&Output::new(&message))?;
            let value: Value = serde_json::from_str(&body)?;
            prop_assert_eq!(value.as_object().map(Map::len), Some(1));
            let back: Output<NativeMessage> = serde_json::from_str(&body)?;
            prop_assert!(back.output.validate().is_ok());
            prop_assert_eq!(back.output, message);
        }
    }
}
