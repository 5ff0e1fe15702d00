//! A bot message's extras: styles, quick-reply suggestions and a
//! conversation context.

use serde::{Deserialize, Serialize};

use super::validate::{NativeValidationError, required};

/// A message's styles: `{"highlight": true}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Styles {
    /// Whether the message is highlighted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highlight: Option<bool>,
}

/// A quick reply offered under a bot's message: `{text, icon?}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// What the user sends by picking it.
    pub text: String,
    /// An icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
}

impl Suggestion {
    /// A suggestion without an icon.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            icon: None,
        }
    }
}

/// Suggestions as the wire holds them: `{"list": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionList {
    /// The suggestions, in order.
    #[serde(default)]
    pub list: Vec<Suggestion>,
}

/// A conversation context: the bot asks `params` one by one, then Cliq calls
/// its `context_handler` with the answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The context's id, sent back as `params.context_id`.
    pub id: String,
    /// Seconds to wait for the answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// The questions, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<ContextParam>,
}

/// One question of a [`Context`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextParam {
    /// The answer's name in `params.answers`.
    pub name: String,
    /// The question asked.
    pub question: String,
    /// A preset answer: `{"text": ...}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ContextValue>,
    /// Answers offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<SuggestionList>,
}

/// A preset answer: `{"text": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextValue {
    /// The answer.
    pub text: String,
}

impl Context {
    /// A context with an id and no questions yet.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            timeout: None,
            params: Vec::new(),
        }
    }

    /// Sets the timeout in seconds.
    #[must_use]
    pub fn timeout(mut self, seconds: u64) -> Self {
        self.timeout = Some(seconds);
        self
    }

    /// Appends a question whose answer is named `name`.
    #[must_use]
    pub fn question(mut self, name: impl Into<String>, question: impl Into<String>) -> Self {
        self.params.push(ContextParam {
            name: name.into(),
            question: question.into(),
            value: None,
            suggestions: None,
        });
        self
    }

    /// Checks the id and that every question has a name and a text.
    pub(super) fn validate(&self) -> Result<(), NativeValidationError> {
        required(&self.id, "context.id")?;
        for (index, param) in self.params.iter().enumerate() {
            for (field, value) in [("name", &param.name), ("question", &param.question)] {
                if value.trim().is_empty() {
                    let list = "context.params";
                    return Err(NativeValidationError::MissingItemField { list, index, field });
                }
            }
        }
        Ok(())
    }
}
