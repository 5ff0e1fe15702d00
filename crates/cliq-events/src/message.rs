//! Messages and cards a bot sends: reply bodies and outgoing messages.
//!
//! Build them with [`Message::builder`] and [`Card::builder`]; `build()` checks
//! every limit in [`limits`] and names the one broken. Values read from JSON
//! (a reply under test, a message stored by an emulator) can be checked again
//! with [`Message::validate`].

mod button;
mod validate;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

pub use button::Button;
pub use validate::{ButtonProblem, ValidationError, limits};

use crate::id::FileId;

/// A message: text, an optional card, an optional bot profile and attachments.
///
/// This is the body of a callback reply and of the REST API's send-message
/// requests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    #[serde(default)]
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    card: Option<Card>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bot: Option<BotProfile>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::serde_util::null_as_default"
    )]
    attachments: Vec<Attachment>,
}

impl Message {
    /// Starts a message with its text.
    pub fn builder(text: impl Into<String>) -> MessageBuilder {
        MessageBuilder {
            message: Self {
                text: text.into(),
                card: None,
                bot: None,
                attachments: Vec::new(),
            },
        }
    }

    /// A text-only message.
    ///
    /// # Errors
    /// [`ValidationError::MessageTooLong`] when `text` is over
    /// [`limits::MAX_TEXT_CHARS`] characters.
    pub fn text(text: impl Into<String>) -> Result<Self, ValidationError> {
        Self::builder(text).build()
    }

    /// The message text.
    pub fn body(&self) -> &str {
        &self.text
    }

    /// The card, if any.
    pub fn card(&self) -> Option<&Card> {
        self.card.as_ref()
    }

    /// The bot profile the message is posted as, if any.
    pub fn bot(&self) -> Option<&BotProfile> {
        self.bot.as_ref()
    }

    /// The attached files.
    pub fn attachments(&self) -> &[Attachment] {
        &self.attachments
    }

    /// Checks every limit of [`limits`] again, for a message read from JSON.
    ///
    /// # Errors
    /// The first limit broken, as [`ValidationError`].
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate::message(self)
    }
}

/// Builds a [`Message`]; see [`Message::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct MessageBuilder {
    message: Message,
}

impl MessageBuilder {
    /// Attaches a card.
    pub fn card(mut self, card: impl Into<CardBuilder>) -> Self {
        self.message.card = Some(card.into().card);
        self
    }

    /// Posts the message as this bot profile.
    pub fn bot(mut self, bot: BotProfile) -> Self {
        self.message.bot = Some(bot);
        self
    }

    /// Attaches an uploaded file.
    pub fn attachment(mut self, attachment: Attachment) -> Self {
        self.message.attachments.push(attachment);
        self
    }

    /// Checks the limits and returns the message.
    ///
    /// # Errors
    /// The first limit broken, as [`ValidationError`].
    pub fn build(self) -> Result<Message, ValidationError> {
        self.message.validate()?;
        Ok(self.message)
    }
}

/// A card: a title, a theme, sections of elements and buttons.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Card {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    theme: Option<Theme>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thumbnail: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::serde_util::null_as_default"
    )]
    sections: Vec<Section>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::serde_util::null_as_default"
    )]
    buttons: Vec<Button>,
}

impl Card {
    /// Starts an empty card.
    pub fn builder() -> CardBuilder {
        CardBuilder {
            card: Self::default(),
        }
    }

    /// The title, if any.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The theme, if any.
    pub fn theme(&self) -> Option<&Theme> {
        self.theme.as_ref()
    }

    /// The thumbnail URL, if any.
    pub fn thumbnail(&self) -> Option<&str> {
        self.thumbnail.as_deref()
    }

    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The buttons, in order.
    pub fn buttons(&self) -> &[Button] {
        &self.buttons
    }

    /// Checks the card's limits again, for a card read from JSON.
    ///
    /// # Errors
    /// The first limit broken, as [`ValidationError`].
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate::card(self)
    }
}

/// Builds a [`Card`]; see [`Card::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct CardBuilder {
    card: Card,
}

impl CardBuilder {
    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.card.title = Some(title.into());
        self
    }

    /// Sets the theme.
    pub fn theme(mut self, theme: Theme) -> Self {
        self.card.theme = Some(theme);
        self
    }

    /// Sets the thumbnail URL.
    pub fn thumbnail(mut self, url: impl Into<String>) -> Self {
        self.card.thumbnail = Some(url.into());
        self
    }

    /// Appends a section.
    pub fn section(mut self, section: Section) -> Self {
        self.card.sections.push(section);
        self
    }

    /// Appends a button.
    pub fn button(mut self, button: Button) -> Self {
        self.card.buttons.push(button);
        self
    }

    /// Checks the limits and returns the card.
    ///
    /// # Errors
    /// The first limit broken, as [`ValidationError`].
    pub fn build(self) -> Result<Card, ValidationError> {
        self.card.validate()?;
        Ok(self.card)
    }
}

impl From<Card> for CardBuilder {
    fn from(card: Card) -> Self {
        Self { card }
    }
}

/// A card theme. Themes this version does not know are kept as sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Theme {
    /// `basic`.
    Basic,
    /// `poll`.
    Poll,
    /// `modern-inline`.
    ModernInline,
    /// `prompt`.
    Prompt,
    /// Any other theme name.
    Other(String),
}

impl Theme {
    /// The theme's wire name.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Basic => "basic",
            Self::Poll => "poll",
            Self::ModernInline => "modern-inline",
            Self::Prompt => "prompt",
            Self::Other(name) => name,
        }
    }

    /// Reads a wire name; unknown names become [`Theme::Other`].
    pub fn from_wire(name: &str) -> Self {
        match name {
            "basic" => Self::Basic,
            "poll" => Self::Poll,
            "modern-inline" => Self::ModernInline,
            "prompt" => Self::Prompt,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl Serialize for Theme {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Theme {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::from_wire(&name))
    }
}

/// A card section: an id and its elements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The section's number on the card.
    pub id: u64,
    /// The elements, in order.
    #[serde(default, deserialize_with = "crate::serde_util::null_as_default")]
    pub elements: Vec<Element>,
}

impl Section {
    /// An empty section with this id.
    pub fn new(id: u64) -> Self {
        Self {
            id,
            elements: Vec::new(),
        }
    }

    /// Appends a text element.
    #[must_use]
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.elements.push(Element::Text { text: text.into() });
        self
    }
}

/// An element of a card section.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Element {
    /// `{"type": "text", "text": ...}`.
    Text {
        /// The text, in Cliq's markdown.
        text: String,
    },
    /// An element of another type, kept as sent.
    Other(Map<String, Value>),
}

impl Serialize for Element {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        use serde::ser::SerializeMap;
        match self {
            Self::Text { text } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("type", "text")?;
                map.serialize_entry("text", text)?;
                map.end()
            }
            Self::Other(fields) => fields.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        let fields = Map::<String, Value>::deserialize(deserializer)?;
        if fields.get("type").and_then(Value::as_str) == Some("text")
            && let Some(Value::String(text)) = fields.get("text")
        {
            return Ok(Self::Text { text: text.clone() });
        }
        Ok(Self::Other(fields))
    }
}

/// The bot profile a message is posted as: `{"name", "image"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotProfile {
    /// The name shown.
    pub name: String,
    /// The avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

impl BotProfile {
    /// A profile with a name and no image.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            image: None,
        }
    }

    /// Sets the avatar URL.
    #[must_use]
    pub fn image(mut self, url: impl Into<String>) -> Self {
        self.image = Some(url.into());
        self
    }
}

/// A file attached to a message: `{"file_id", "name"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The uploaded file's id.
    pub file_id: FileId,
    /// The name shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Attachment {
    /// An attachment of an uploaded file.
    pub fn new(file_id: impl Into<FileId>) -> Self {
        Self {
            file_id: file_id.into(),
            name: None,
        }
    }

    /// Sets the name shown.
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}
