//! A native message's card and slides.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::button::NativeButton;
use super::validate::{self, NativeValidationError, limits};
use super::wire::wire_enum;
use crate::message::Theme;

/// A card: `{title, theme, thumbnail, icon}`, and a poll's `options`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NativeCard {
    /// The title, at most [`limits::MAX_CARD_TITLE_CHARS`] characters;
    /// required on a poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The theme: `basic`, `poll`, `modern-inline`, `prompt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
    /// A thumbnail URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
    /// An icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// A poll's options: [`limits::MIN_POLL_OPTIONS`] to
    /// [`limits::MAX_POLL_OPTIONS`] of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<PollOption>,
}

/// A poll's option: `{"text"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollOption {
    /// The option's text.
    pub text: String,
}

impl NativeCard {
    /// A card with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: Some(title.into()),
            ..Self::default()
        }
    }

    /// A poll card asking `title`, with its options.
    pub fn poll<I>(title: impl Into<String>, options: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let options = options
            .into_iter()
            .map(|text| PollOption { text: text.into() })
            .collect();
        Self {
            theme: Some(Theme::Poll),
            options,
            ..Self::new(title)
        }
    }

    /// Sets the theme.
    #[must_use]
    pub fn theme(mut self, theme: Theme) -> Self {
        self.theme = Some(theme);
        self
    }

    /// Sets the thumbnail URL.
    #[must_use]
    pub fn thumbnail(mut self, url: impl Into<String>) -> Self {
        self.thumbnail = Some(url.into());
        self
    }

    /// Sets the icon URL.
    #[must_use]
    pub fn icon(mut self, url: impl Into<String>) -> Self {
        self.icon = Some(url.into());
        self
    }

    pub(super) fn validate(&self) -> Result<(), NativeValidationError> {
        let title = self.title.as_deref().unwrap_or_default();
        if let Some(len) = validate::over(title, limits::MAX_CARD_TITLE_CHARS) {
            let max = limits::MAX_CARD_TITLE_CHARS;
            return Err(NativeValidationError::CardTitleTooLong { len, max });
        }
        if self.theme != Some(Theme::Poll) {
            return Ok(());
        }
        validate::required(title, "card.title")?;
        let count = self.options.len();
        if !(limits::MIN_POLL_OPTIONS..=limits::MAX_POLL_OPTIONS).contains(&count) {
            let (min, max) = (limits::MIN_POLL_OPTIONS, limits::MAX_POLL_OPTIONS);
            return Err(NativeValidationError::PollOptionCount { count, min, max });
        }
        Ok(())
    }
}

wire_enum! {
    /// How a slide shows its `data`.
    SlideType {
        /// `table`: `{"headers": [...], "rows": [{header: cell}]}`.
        Table = "table",
        /// `list`: an array of strings.
        List = "list",
        /// `images`: an array of image URLs.
        Images = "images",
        /// `text`: a string.
        Text = "text",
        /// `label`: an array of `{label: value}` objects.
        Label = "label",
    }
}

/// A slide: `{type, title?, data, buttons?}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slide {
    /// How `data` is shown.
    #[serde(rename = "type")]
    pub kind: SlideType,
    /// A title above it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The content, shaped as [`SlideType`] says.
    pub data: Value,
    /// Buttons under it, at most [`limits::MAX_BUTTONS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<NativeButton>,
}

impl Slide {
    /// A slide of a type with its data.
    pub fn new(kind: SlideType, data: impl Into<Value>) -> Self {
        Self {
            kind,
            title: None,
            data: data.into(),
            buttons: Vec::new(),
        }
    }

    /// A `text` slide.
    pub fn text(text: impl Into<String>) -> Self {
        Self::new(SlideType::Text, text.into())
    }

    /// A `list` slide of items.
    pub fn list<I>(items: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Self::new(SlideType::List, strings(items))
    }

    /// An `images` slide of image URLs.
    pub fn images<I>(urls: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Self::new(SlideType::Images, strings(urls))
    }

    /// A `label` slide of `(label, value)` pairs.
    pub fn label<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let items = pairs
            .into_iter()
            .map(|(k, v)| Value::Object(Map::from_iter([(k.into(), Value::String(v.into()))])));
        Self::new(SlideType::Label, Value::Array(items.collect()))
    }

    /// A `table` slide: headers, and rows of cells in header order.
    pub fn table<H, R>(headers: H, rows: R) -> Self
    where
        H: IntoIterator,
        H::Item: Into<String>,
        R: IntoIterator<Item = Vec<String>>,
    {
        let headers: Vec<String> = headers.into_iter().map(Into::into).collect();
        let rows = rows.into_iter().map(|cells| {
            let row = headers
                .iter()
                .cloned()
                .zip(cells.into_iter().map(Value::String));
            Value::Object(row.collect())
        });
        let mut data = Map::new();
        data.insert("headers".to_owned(), strings(headers.iter().cloned()));
        data.insert("rows".to_owned(), Value::Array(rows.collect()));
        Self::new(SlideType::Table, data)
    }

    /// Sets the title.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Appends a button.
    #[must_use]
    pub fn button(mut self, button: NativeButton) -> Self {
        self.buttons.push(button);
        self
    }
}

fn strings<I>(items: I) -> Value
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    Value::Array(items.into_iter().map(|s| Value::String(s.into())).collect())
}
