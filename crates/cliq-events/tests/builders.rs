//! Message and card builders through the public API: each limit of PROTOCOL.md §4
//! is refused with its own error, and whatever a builder accepts round-trips.

use cliq_events::ErrorCode;
use cliq_events::message::{
    Attachment, BotProfile, Button, ButtonProblem, Card, CardBuilder, Element, Message,
    MessageBuilder, Section, Theme, ValidationError, limits,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A card holding `buttons`, as a builder.
fn card_with(buttons: impl IntoIterator<Item = Button>) -> CardBuilder {
    buttons
        .into_iter()
        .fold(Card::builder().title("t"), CardBuilder::button)
}

fn url_button(n: usize) -> Button {
    Button::open_url(format!("Open {n}"), format!("https://example.com/{n}"))
}

#[test]
fn limits_are_those_of_the_contract() {
    assert_eq!(limits::MAX_TEXT_CHARS, 10_000);
    assert_eq!(limits::MAX_BUTTONS, 5);
}

#[test]
fn text_of_exactly_the_limit_in_characters_is_accepted() {
    // One to four bytes a character: the limit counts characters, not bytes.
    for unit in ["a", "é", "語", "👍", "ab語👍"] {
        let chars = unit.chars().count();
        let text = unit.repeat(10_000 / chars);
        assert_eq!(text.chars().count(), 10_000);
        let built = Message::builder(text.as_str()).build();
        assert!(
            matches!(&built, Ok(m) if m.body() == text),
            "{unit}: {built:?}"
        );
        assert!(Message::text(text).is_ok(), "{unit}");
    }
}

#[test]
fn text_one_character_over_the_limit_is_refused() {
    for unit in ["a", "é", "👍"] {
        let text = unit.repeat(10_001);
        let expected = ValidationError::MessageTooLong {
            len: 10_001,
            max: 10_000,
        };
        assert_eq!(
            Message::builder(text.as_str()).build(),
            Err(expected.clone()),
            "{unit}"
        );
        assert_eq!(Message::text(text), Err(expected), "{unit}");
    }
    // A combining accent is a character of its own.
    let text = format!("{}e\u{301}", "a".repeat(9_999));
    assert_eq!(
        Message::text(text),
        Err(ValidationError::MessageTooLong {
            len: 10_001,
            max: 10_000
        })
    );
}

#[test]
fn five_buttons_are_accepted_and_six_refused() {
    let five = card_with((0..5).map(url_button));
    assert!(five.clone().build().is_ok());
    assert!(Message::builder("hi").card(five).build().is_ok());

    let expected = ValidationError::TooManyButtons { count: 6, max: 5 };
    let six = card_with((0..6).map(url_button));
    assert_eq!(six.clone().build(), Err(expected.clone()));
    assert_eq!(Message::builder("hi").card(six).build(), Err(expected));
}

#[test]
fn each_broken_button_limit_has_its_own_problem() {
    use ButtonProblem::{EmptyFunctionName, EmptyLabel, InvalidUrl};
    let cases = [
        (Button::open_url("", "https://example.com"), EmptyLabel),
        (Button::invoke_function("", "approve", "1"), EmptyLabel),
        (Button::open_url("Logs", "/logs"), InvalidUrl),
        (Button::open_url("Logs", "logs.example.com/x"), InvalidUrl),
        (Button::open_url("Logs", "//logs.example.com"), InvalidUrl),
        (
            Button::open_url("Logs", "ftp://logs.example.com"),
            InvalidUrl,
        ),
        (
            Button::open_url("Logs", "mailto:ops@example.com"),
            InvalidUrl,
        ),
        (Button::open_url("Logs", "https://"), InvalidUrl),
        (Button::open_url("Logs", "https://exa mple.com"), InvalidUrl),
        (Button::open_url("Logs", ""), InvalidUrl),
        (
            Button::invoke_function("Approve", "", "1"),
            EmptyFunctionName,
        ),
    ];
    for (button, problem) in cases {
        let described = format!("{button:?}");
        // Placed third, so the index reported is that of the broken button.
        let card = card_with([url_button(0), url_button(1), button]);
        let expected = ValidationError::InvalidButton { index: 2, problem };
        assert_eq!(card.clone().build(), Err(expected.clone()), "{described}");
        let message = Message::builder("hi").card(card).build();
        assert_eq!(message, Err(expected), "{described}");
    }
}

#[test]
fn valid_buttons_of_both_kinds_are_accepted() {
    let buttons = [
        Button::open_url("Logs", "https://logs.example.com"),
        Button::open_url("Logs", "http://localhost:8080/x?y=1#z"),
        Button::open_url("Logs", "HTTPS://Example.com"),
        Button::open_url(" ", "https://example.com"),
        Button::invoke_function("Approve", "approve_pr", ""),
    ];
    for button in buttons {
        let described = format!("{button:?}");
        assert!(card_with([button]).build().is_ok(), "{described}");
    }
}

#[test]
fn error_codes_are_those_of_the_contract() {
    let cases = [
        (
            ValidationError::MessageTooLong {
                len: 10_001,
                max: 10_000,
            },
            ErrorCode::MessageTooLong,
            "MESSAGE_TOO_LONG",
        ),
        (
            ValidationError::TooManyButtons { count: 6, max: 5 },
            ErrorCode::TooManyButtons,
            "TOO_MANY_BUTTONS",
        ),
        (
            ValidationError::InvalidButton {
                index: 0,
                problem: ButtonProblem::EmptyLabel,
            },
            ErrorCode::InvalidButton,
            "INVALID_BUTTON",
        ),
    ];
    for (error, code, wire) in cases {
        assert_eq!(error.code(), code);
        assert_eq!(error.code().as_str(), wire);
        let text = error.to_string();
        assert!(text.starts_with(|c: char| c.is_lowercase()), "{text}");
        assert!(!text.ends_with('.'), "{text}");
    }
}

#[test]
fn messages_read_from_json_are_checked_again() -> TestResult {
    let six: Vec<Value> = (0..6)
        .map(|n| json!({"label": "L", "type": "open.url", "url": format!("https://x.example/{n}")}))
        .collect();
    let cases = [
        (
            json!({"text": "a".repeat(10_001)}),
            ValidationError::MessageTooLong {
                len: 10_001,
                max: 10_000,
            },
        ),
        (
            json!({"text": "hi", "card": {"buttons": six}}),
            ValidationError::TooManyButtons { count: 6, max: 5 },
        ),
        (
            json!({"text": "hi", "card": {"buttons": [{"label": "L", "type": "open.url", "url": "ftp://x"}]}}),
            ValidationError::InvalidButton {
                index: 0,
                problem: ButtonProblem::InvalidUrl,
            },
        ),
        (
            json!({"text": "hi", "card": {"buttons": [{"label": "L", "type": "invoke.function", "id": "1"}]}}),
            ValidationError::InvalidButton {
                index: 0,
                problem: ButtonProblem::UnsupportedType,
            },
        ),
        (
            json!({"text": "hi", "card": {"buttons": [{"label": "L", "type": "share"}]}}),
            ValidationError::InvalidButton {
                index: 0,
                problem: ButtonProblem::UnsupportedType,
            },
        ),
    ];
    for (body, expected) in cases {
        let message: Message = serde_json::from_value(body)?;
        assert_eq!(message.validate(), Err(expected));
    }
    Ok(())
}

// ---- property tests ---------------------------------------------------------------

/// An open.url button's URL, from parts whose validity is known.
#[derive(Clone, Debug)]
struct UrlSpec {
    scheme: &'static str,
    separator: &'static str,
    host: &'static str,
    path: &'static str,
}

const VALID_SCHEMES: [&str; 4] = ["http", "https", "HTTP", "hTTps"];
const OTHER_SCHEMES: [&str; 5] = ["ftp", "file", "javascript", "httpx", ""];
const VALID_HOSTS: [&str; 7] = [
    "example.com",
    "logs.example.com",
    "localhost:8080",
    "127.0.0.1",
    "[::1]:443",
    "user@host.example",
    "bücher.example",
];
const INVALID_HOSTS: [&str; 5] = ["", ":80", "exa mple.com", "a\tb", "user@"];
const VALID_PATHS: [&str; 5] = ["", "/", "/path?q=1#frag", "/ü/語", "?x"];
const INVALID_PATHS: [&str; 2] = ["/a b", "/\u{7}"];

impl UrlSpec {
    fn text(&self) -> String {
        format!(
            "{}{}{}{}",
            self.scheme, self.separator, self.host, self.path
        )
    }

    fn is_valid(&self) -> bool {
        VALID_SCHEMES.contains(&self.scheme)
            && self.separator == "://"
            && VALID_HOSTS.contains(&self.host)
            && VALID_PATHS.contains(&self.path)
    }
}

fn url_spec() -> impl Strategy<Value = UrlSpec> {
    let scheme = prop_oneof![
        3 => prop::sample::select(&VALID_SCHEMES[..]),
        1 => prop::sample::select(&OTHER_SCHEMES[..]),
    ];
    let separator = prop_oneof![
        4 => Just("://"),
        1 => prop::sample::select(&[":", ":/", "//", ""][..]),
    ];
    let host = prop_oneof![
        4 => prop::sample::select(&VALID_HOSTS[..]),
        1 => prop::sample::select(&INVALID_HOSTS[..]),
    ];
    let path = prop_oneof![
        4 => prop::sample::select(&VALID_PATHS[..]),
        1 => prop::sample::select(&INVALID_PATHS[..]),
    ];
    (scheme, separator, host, path).prop_map(|(scheme, separator, host, path)| UrlSpec {
        scheme,
        separator,
        host,
        path,
    })
}

#[derive(Clone, Debug)]
enum ButtonSpec {
    OpenUrl {
        label: String,
        url: UrlSpec,
    },
    InvokeFunction {
        label: String,
        name: String,
        id: String,
    },
}

impl ButtonSpec {
    fn button(&self) -> Button {
        match self {
            Self::OpenUrl { label, url } => Button::open_url(label, url.text()),
            Self::InvokeFunction { label, name, id } => Button::invoke_function(label, name, id),
        }
    }

    /// Every limit of §4 this button breaks.
    fn problems(&self) -> Vec<ButtonProblem> {
        let (label, problem) = match self {
            Self::OpenUrl { label, url } => (
                label,
                (!url.is_valid()).then_some(ButtonProblem::InvalidUrl),
            ),
            Self::InvokeFunction { label, name, .. } => (
                label,
                name.is_empty().then_some(ButtonProblem::EmptyFunctionName),
            ),
        };
        label
            .is_empty()
            .then_some(ButtonProblem::EmptyLabel)
            .into_iter()
            .chain(problem)
            .collect()
    }
}

/// Any text, often empty, sometimes with whitespace or controls only.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => prop::sample::select(&[" ", "\t", "\u{a0}"][..]).prop_map(str::to_owned),
        4 => any::<String>(),
    ]
}

fn button_spec() -> impl Strategy<Value = ButtonSpec> {
    prop_oneof![
        (label(), url_spec()).prop_map(|(label, url)| ButtonSpec::OpenUrl { label, url }),
        (label(), label(), any::<String>())
            .prop_map(|(label, name, id)| ButtonSpec::InvokeFunction { label, name, id }),
    ]
}

fn theme() -> impl Strategy<Value = Theme> {
    const NAMES: [&str; 6] = ["basic", "poll", "modern-inline", "prompt", "", "Basic"];
    prop_oneof![
        prop::sample::select(&NAMES[..]).prop_map(str::to_owned),
        "\\PC{0,16}",
    ]
    .prop_map(|name| Theme::from_wire(&name))
}

fn element() -> impl Strategy<Value = Element> {
    let other = (
        prop::sample::select(&["image", "divider", "table", "buttons"][..]),
        any::<String>(),
        any::<i64>(),
    )
        .prop_map(|(kind, text, n)| {
            let mut fields = Map::new();
            fields.insert("type".into(), json!(kind));
            fields.insert("text".into(), json!(text));
            fields.insert("n".into(), json!(n));
            Element::Other(fields)
        });
    prop_oneof![
        3 => any::<String>().prop_map(|text| Element::Text { text }),
        1 => other,
    ]
}

fn section() -> impl Strategy<Value = Section> {
    (any::<u64>(), prop::collection::vec(element(), 0..4)).prop_map(|(id, elements)| {
        let mut section = Section::new(id);
        section.elements = elements;
        section
    })
}

#[derive(Clone, Debug)]
struct CardSpec {
    title: Option<String>,
    theme: Option<Theme>,
    thumbnail: Option<String>,
    sections: Vec<Section>,
    buttons: Vec<ButtonSpec>,
}

impl CardSpec {
    fn builder(&self) -> CardBuilder {
        let mut card = Card::builder();
        if let Some(title) = &self.title {
            card = card.title(title);
        }
        if let Some(theme) = &self.theme {
            card = card.theme(theme.clone());
        }
        if let Some(thumbnail) = &self.thumbnail {
            card = card.thumbnail(thumbnail);
        }
        let card = self
            .sections
            .iter()
            .cloned()
            .fold(card, CardBuilder::section);
        self.buttons
            .iter()
            .map(ButtonSpec::button)
            .fold(card, CardBuilder::button)
    }

    /// Whether the card keeps every limit of §4.
    fn is_valid(&self) -> bool {
        self.buttons.len() <= 5 && self.buttons.iter().all(|b| b.problems().is_empty())
    }
}

fn card_spec() -> impl Strategy<Value = CardSpec> {
    (
        proptest::option::of(any::<String>()),
        proptest::option::of(theme()),
        proptest::option::of("https://[a-z]{1,8}\\.example/[a-z]{0,8}\\.png"),
        prop::collection::vec(section(), 0..3),
        prop::collection::vec(button_spec(), 0..=7),
    )
        .prop_map(|(title, theme, thumbnail, sections, buttons)| CardSpec {
            title,
            theme,
            thumbnail,
            sections,
            buttons,
        })
}

#[derive(Clone, Debug)]
struct MessageSpec {
    text: String,
    card: Option<CardSpec>,
    bot: Option<BotProfile>,
    attachments: Vec<Attachment>,
}

impl MessageSpec {
    fn build(&self) -> Result<Message, ValidationError> {
        let mut message = Message::builder(self.text.as_str());
        if let Some(card) = &self.card {
            message = message.card(card.builder());
        }
        if let Some(bot) = &self.bot {
            message = message.bot(bot.clone());
        }
        self.attachments
            .iter()
            .cloned()
            .fold(message, MessageBuilder::attachment)
            .build()
    }

    fn text_chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Whether the message keeps every limit of §4.
    fn is_valid(&self) -> bool {
        self.text_chars() <= 10_000 && self.card.as_ref().is_none_or(CardSpec::is_valid)
    }

    /// Whether `error` names a limit this message really breaks.
    fn breaks(&self, error: &ValidationError) -> bool {
        let buttons = self.card.as_ref().map_or(&[][..], |c| &c.buttons[..]);
        match *error {
            ValidationError::MessageTooLong { len, max } => {
                max == 10_000 && len == self.text_chars() && len > max
            }
            ValidationError::TooManyButtons { count, max } => {
                max == 5 && count == buttons.len() && count > max
            }
            ValidationError::InvalidButton { index, problem } => buttons
                .get(index)
                .is_some_and(|b| b.problems().contains(&problem)),
            _ => false,
        }
    }
}

/// Short text of any characters, or text of one repeated character near the limit.
fn text() -> impl Strategy<Value = String> {
    let near_limit = (
        9_995_usize..=10_005,
        prop::sample::select(&['a', 'é', '語', '👍', '\u{301}'][..]),
    )
        .prop_map(|(n, c)| std::iter::repeat_n(c, n).collect());
    prop_oneof![
        4 => any::<String>(),
        1 => near_limit,
    ]
}

fn message_spec() -> impl Strategy<Value = MessageSpec> {
    let bot = proptest::option::of(
        (any::<String>(), proptest::option::of(any::<String>())).prop_map(|(name, image)| {
            let bot = BotProfile::new(name);
            match image {
                Some(image) => bot.image(image),
                None => bot,
            }
        }),
    );
    let attachment =
        (any::<String>(), proptest::option::of(any::<String>())).prop_map(|(id, name)| {
            let attachment = Attachment::new(id);
            match name {
                Some(name) => attachment.name(name),
                None => attachment,
            }
        });
    (
        text(),
        proptest::option::of(card_spec()),
        bot,
        prop::collection::vec(attachment, 0..2),
    )
        .prop_map(|(text, card, bot, attachments)| MessageSpec {
            text,
            card,
            bot,
            attachments,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn built_messages_round_trip_and_refusals_name_a_broken_limit(spec in message_spec()) {
        match spec.build() {
            Ok(message) => {
                prop_assert!(spec.is_valid(), "accepted a message breaking a limit");
                prop_assert_eq!(message.body(), spec.text.as_str());
                let json = serde_json::to_string(&message)?;
                let back: Message = serde_json::from_str(&json)?;
                prop_assert_eq!(&back, &message, "{}", json);
                prop_assert_eq!(back.validate(), Ok(()));
            }
            Err(error) => {
                prop_assert!(!spec.is_valid(), "refused a valid message: {}", error);
                prop_assert!(spec.breaks(&error), "{:?} names no broken limit", error);
            }
        }
    }

    #[test]
    fn card_builder_agrees_with_the_message_builder(spec in card_spec()) {
        let card = spec.builder().build();
        let message = Message::builder("").card(spec.builder()).build();
        prop_assert_eq!(card.is_ok(), spec.is_valid());
        prop_assert_eq!(card.as_ref().err(), message.as_ref().err());
        if let Ok(card) = card {
            let back: Card = serde_json::from_value(serde_json::to_value(&card)?)?;
            prop_assert_eq!(back, card);
        }
    }
}
