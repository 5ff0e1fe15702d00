//! Every native reply, and the `{"output": ...}` wrapper it travels in.

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::form::Form;
use super::form_change::{FormModification, FormValues};
use super::outgoing::NativeMessage;
use super::widget::WidgetView;
use super::wire::wire_enum;

/// The body of a native reply: `{"output": <response>}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output<T> {
    /// The response.
    pub output: T,
}

impl<T> Output<T> {
    /// Wraps a response.
    pub fn new(output: T) -> Self {
        Self { output }
    }
}

/// Any native response. Serialises as the response itself; wrap it with
/// [`NativeReply::to_output_json`] or [`Output`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum NativeReply {
    /// A message.
    Message(NativeMessage),
    /// A banner.
    Banner(Banner),
    /// A form.
    Form(Form),
    /// Modifications of the form being edited.
    FormModification(FormModification),
    /// A dynamic select's values.
    FormValues(FormValues),
    /// A widget's view.
    Widget(WidgetView),
    /// A command's suggestions.
    Suggestions(Vec<CommandSuggestion>),
    /// An installation handler's or validator's result.
    Installation(InstallationResult),
    /// Any other JSON, sent as is.
    Raw(Value),
    /// Nothing to show: `{"output": ""}`, as Zoho's SDK answers.
    Empty,
}

impl NativeReply {
    /// The reply body: `{"output": <response>}`.
    ///
    /// # Errors
    /// A serialisation error, which the reply types here never produce.
    pub fn to_output_json(&self) -> Result<Value, serde_json::Error> {
        serde_json::to_value(Output::new(self))
    }
}

impl Serialize for NativeReply {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        match self {
            Self::Message(message) => message.serialize(serializer),
            Self::Banner(banner) => banner.serialize(serializer),
            Self::Form(form) => form.serialize(serializer),
            Self::FormModification(change) => change.serialize(serializer),
            Self::FormValues(values) => values.serialize(serializer),
            Self::Widget(view) => view.serialize(serializer),
            Self::Suggestions(list) => list.serialize(serializer),
            Self::Installation(result) => result.serialize(serializer),
            Self::Raw(value) => value.serialize(serializer),
            Self::Empty => serializer.serialize_str(""),
        }
    }
}

macro_rules! reply_from {
    ($($ty:ty => $variant:ident),*) => {$(
        impl From<$ty> for NativeReply {
            fn from(reply: $ty) -> Self {
                Self::$variant(reply)
            }
        }
    )*};
}

reply_from!(
    NativeMessage => Message,
    Banner => Banner,
    Form => Form,
    FormModification => FormModification,
    FormValues => FormValues,
    WidgetView => Widget,
    Vec<CommandSuggestion> => Suggestions,
    InstallationResult => Installation
);

wire_enum! {
    /// A banner's look.
    BannerStatus {
        /// `success`.
        Success = "success",
        /// `failure`.
        Failure = "failure",
    }
}

/// A banner shown to the user only: `{type: "banner", status, text}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename = "banner")]
pub struct Banner {
    /// Its look.
    pub status: BannerStatus,
    /// The text.
    pub text: String,
}

impl Banner {
    /// A `success` banner.
    pub fn success(text: impl Into<String>) -> Self {
        Self {
            status: BannerStatus::Success,
            text: text.into(),
        }
    }

    /// A `failure` banner.
    pub fn failure(text: impl Into<String>) -> Self {
        Self {
            status: BannerStatus::Failure,
            text: text.into(),
        }
    }
}

/// A command suggestion: `{title, description?, imageurl?}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandSuggestion {
    /// The title.
    pub title: String,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imageurl: Option<String>,
}

impl CommandSuggestion {
    /// A suggestion with a title only.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            description: None,
            imageurl: None,
        }
    }
}

/// An installation handler's or validator's result:
/// `{status, title?, message?, note?, footer?}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallationResult {
    /// An HTTP-like status: 200 lets the installation go on.
    pub status: u16,
    /// The title shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The message shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Notes, one a line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<String>,
    /// A footer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
}

impl InstallationResult {
    /// A result with a status and nothing shown.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            title: None,
            message: None,
            note: Vec::new(),
            footer: None,
        }
    }

    /// Sets the title.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the message.
    #[must_use]
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Appends a note.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note.push(note.into());
        self
    }

    /// Sets the footer.
    #[must_use]
    pub fn footer(mut self, footer: impl Into<String>) -> Self {
        self.footer = Some(footer.into());
        self
    }
}
