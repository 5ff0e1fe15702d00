//! Every limit and required field of a native reply is refused with its own
//! error, and the values just inside the limits are accepted.

use cliq_events::native::{
    self, Context, Form, FormInput, FormModification, FormModificationAction, InputType,
    ModificationType, NativeButton, NativeCard, NativeMessage, NativeValidationError, Slide,
    limits,
};

use super::label;

#[test]
fn each_reply_limit_is_refused_with_its_own_error() {
    use NativeValidationError as E;
    let text = |t: String| NativeMessage::builder(t).build().err();
    let buttons = |n: usize| {
        (0..n).fold(NativeMessage::builder("t"), |b, i| {
            b.button(NativeButton::open_url(format!("b{i}"), "https://x.example"))
        })
    };
    let with = |button: NativeButton| NativeMessage::builder("t").button(button).build().err();
    let card = |c: NativeCard| NativeMessage::builder("t").card(c).build().err();
    let poll = |n: usize| card(NativeCard::poll("q", (0..n).map(|i| i.to_string())));
    let at = native::ButtonAt {
        slide: None,
        index: 0,
    };
    let cases: Vec<(Option<E>, Option<E>)> = vec![
        (text(label(10_000)), None),
        (
            text(label(10_001)),
            Some(E::TextTooLong {
                len: 10_001,
                max: 10_000,
            }),
        ),
        (card(NativeCard::new(label(200))), None),
        (
            card(NativeCard::new(label(201))),
            Some(E::CardTitleTooLong { len: 201, max: 200 }),
        ),
        (buttons(5).build().err(), None),
        (
            buttons(6).build().err(),
            Some(E::TooManyButtons {
                count: 6,
                max: 5,
                slide: None,
            }),
        ),
        (
            NativeMessage::builder("t")
                .slide((0..6).fold(Slide::text("s"), |s, i| {
                    s.button(NativeButton::open_url(i.to_string(), "https://x.example"))
                }))
                .build()
                .err(),
            Some(E::TooManyButtons {
                count: 6,
                max: 5,
                slide: Some(0),
            }),
        ),
        (with(NativeButton::invoke_function(label(20), "f")), None),
        (
            with(NativeButton::invoke_function(label(21), "f")),
            Some(E::ButtonLabelTooLong {
                at,
                len: 21,
                max: 20,
            }),
        ),
        (
            with(NativeButton::invoke_function(" ", "f")),
            Some(E::EmptyButtonLabel { at }),
        ),
        (
            with(NativeButton::invoke_function("Go", "")),
            Some(E::InvalidButtonAction { at, field: "name" }),
        ),
        (
            with(NativeButton::open_url("Go", "ftp://x")),
            Some(E::InvalidButtonAction { at, field: "web" }),
        ),
        (
            with(NativeButton::system_api("Go", "")),
            Some(E::InvalidButtonAction { at, field: "api" }),
        ),
        (poll(2), None),
        (poll(10), None),
        (
            poll(1),
            Some(E::PollOptionCount {
                count: 1,
                min: 2,
                max: 10,
            }),
        ),
        (
            poll(11),
            Some(E::PollOptionCount {
                count: 11,
                min: 2,
                max: 10,
            }),
        ),
        (
            card(NativeCard::poll("", ["a", "b"])),
            Some(E::MissingField {
                field: "card.title",
            }),
        ),
        (
            NativeMessage::builder("t")
                .context(Context::new(""))
                .build()
                .err(),
            Some(E::MissingField {
                field: "context.id",
            }),
        ),
    ];
    for (index, (got, expected)) in cases.into_iter().enumerate() {
        assert_eq!(got, expected, "case {index}");
    }
    assert_eq!(
        (
            limits::MAX_BUTTON_LABEL_CHARS,
            limits::ALT_MAX_BUTTON_LABEL_CHARS
        ),
        (20, 30)
    );
}

#[test]
fn forms_and_form_modifications_need_their_required_fields() {
    use NativeValidationError as E;
    let input = || FormInput::text("username", "Name");
    let form = |name: &str, title: &str, function: &str| {
        Form::builder(name, title, function)
            .input(input())
            .build()
            .err()
    };
    let missing_item = |list, field| {
        Some(E::MissingItemField {
            list,
            index: 0,
            field,
        })
    };
    let cases: Vec<(Option<E>, Option<E>)> = vec![
        (form("id", "Asset", "submit_asset"), None),
        (
            form("", "Asset", "f"),
            Some(E::MissingField { field: "form.name" }),
        ),
        (
            form("id", " ", "f"),
            Some(E::MissingField {
                field: "form.title",
            }),
        ),
        (
            form("id", "Asset", ""),
            Some(E::MissingField {
                field: "form.action.name",
            }),
        ),
        (
            Form::builder("id", "t", "f").build().err(),
            Some(E::MissingField {
                field: "form.inputs",
            }),
        ),
        (
            Form::builder("id", "t", "f")
                .input(FormInput::text("", "x"))
                .build()
                .err(),
            missing_item("inputs", "name"),
        ),
        (
            Form::builder("id", "t", "f")
                .input(FormInput::choice(InputType::Select, "os", "OS", []))
                .build()
                .err(),
            missing_item("inputs", "options"),
        ),
        (
            FormModification::new().build().err(),
            Some(E::MissingField {
                field: "form_modification.actions",
            }),
        ),
        (
            FormModification::new()
                .action(FormModificationAction::new(ModificationType::Update, "os"))
                .build()
                .err(),
            missing_item("actions", "input"),
        ),
        (
            FormModification::new()
                .action(FormModificationAction::new(ModificationType::Remove, "os"))
                .build()
                .err(),
            None,
        ),
    ];
    for (index, (got, expected)) in cases.into_iter().enumerate() {
        assert_eq!(got, expected, "case {index}");
    }
}
