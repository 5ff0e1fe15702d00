//! The limits of a native reply, and the checks behind every `build()`.

use std::fmt;

use super::button::{ActionType, NativeButton};
use crate::error_code::ErrorCode;

/// The documented limits of a native reply (CLIQ-NATIVE.md, "Reply").
pub mod limits {
    /// The most characters (Unicode scalar values) in a message's `text`.
    pub const MAX_TEXT_CHARS: usize = 10_000;
    /// The most buttons on a message, and on each of its slides.
    pub const MAX_BUTTONS: usize = 5;
    /// The most characters in a button's label, as enforced.
    pub const MAX_BUTTON_LABEL_CHARS: usize = 20;
    /// The label limit some of Zoho's schemas give instead; not enforced: the
    /// stricter [`MAX_BUTTON_LABEL_CHARS`] holds everywhere.
    pub const ALT_MAX_BUTTON_LABEL_CHARS: usize = 30;
    /// The most characters in a card's title.
    pub const MAX_CARD_TITLE_CHARS: usize = 200;
    /// The fewest options a poll card may have.
    pub const MIN_POLL_OPTIONS: usize = 2;
    /// The most options a poll card may have.
    pub const MAX_POLL_OPTIONS: usize = 10;
    /// How long after a call's `timestamp` Zoho's SDK still answers in the
    /// HTTP response; past it a reply goes to `response_url`.
    pub const REPLY_DEADLINE_MS: u64 = 15_000;
}

/// Where a button sits: on the message itself or on one of its slides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ButtonAt {
    /// The slide's position, from 0; `None` for the message's own buttons.
    pub slide: Option<usize>,
    /// The button's position, from 0.
    pub index: usize,
}

impl fmt::Display for ButtonAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.slide {
            Some(slide) => write!(f, "button {} of slide {slide}", self.index),
            None => write!(f, "button {}", self.index),
        }
    }
}

/// A limit or required field a native reply breaks.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NativeValidationError {
    /// `text` is longer than [`limits::MAX_TEXT_CHARS`].
    #[error("message text is {len} characters, over the limit of {max}")]
    TextTooLong {
        /// The text's length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The card's title is longer than [`limits::MAX_CARD_TITLE_CHARS`].
    #[error("card title is {len} characters, over the limit of {max}")]
    CardTitleTooLong {
        /// The title's length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// More than [`limits::MAX_BUTTONS`] buttons on the message or a slide.
    #[error("{count} buttons, over the limit of {max}")]
    TooManyButtons {
        /// How many buttons.
        count: usize,
        /// The limit.
        max: usize,
        /// The slide holding them; `None` for the message's own buttons.
        slide: Option<usize>,
    },
    /// A button's label is empty.
    #[error("{at} has an empty label")]
    EmptyButtonLabel {
        /// Which button.
        at: ButtonAt,
    },
    /// A button's label is longer than [`limits::MAX_BUTTON_LABEL_CHARS`].
    #[error("{at} has a label of {len} characters, over the limit of {max}")]
    ButtonLabelTooLong {
        /// Which button.
        at: ButtonAt,
        /// The label's length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A button's action lacks the data its type needs: `name` for
    /// `invoke.function`, an absolute `http(s)` `web` for `open.url` and
    /// `preview.url`, `api` for `system.api`.
    #[error("{at} needs a valid `action.data.{field}`")]
    InvalidButtonAction {
        /// Which button.
        at: ButtonAt,
        /// The field of `action.data` missing or invalid.
        field: &'static str,
    },
    /// A poll card whose option count is outside
    /// [`limits::MIN_POLL_OPTIONS`]..=[`limits::MAX_POLL_OPTIONS`].
    #[error("poll has {count} options, outside {min} to {max}")]
    PollOptionCount {
        /// How many options.
        count: usize,
        /// The fewest allowed.
        min: usize,
        /// The most allowed.
        max: usize,
    },
    /// A required field is missing or empty.
    #[error("required field `{field}` is missing or empty")]
    MissingField {
        /// The field's path, such as `form.action.name`.
        field: &'static str,
    },
    /// An item of a list lacks a required field, such as a form input's `name`.
    #[error("{list}[{index}] needs a non-empty `{field}`")]
    MissingItemField {
        /// The list, such as `inputs`.
        list: &'static str,
        /// The item's position, from 0.
        index: usize,
        /// The field.
        field: &'static str,
    },
}

impl NativeValidationError {
    /// The callback contract's error code, for the limits it shares with
    /// PROTOCOL.md §4; `None` for those only the native dialect has.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::TextTooLong { .. } => Some(ErrorCode::MessageTooLong),
            Self::TooManyButtons { .. } => Some(ErrorCode::TooManyButtons),
            Self::EmptyButtonLabel { .. }
            | Self::ButtonLabelTooLong { .. }
            | Self::InvalidButtonAction { .. } => Some(ErrorCode::InvalidButton),
            _ => None,
        }
    }
}

/// Characters in `text`, counting at most one past `max`, so that a huge
/// text costs no more than a legal one; `Some(len)` when over `max`.
pub(super) fn over(text: &str, max: usize) -> Option<usize> {
    (text.chars().take(max + 1).count() > max).then(|| text.chars().count())
}

/// `Err` when `value` is empty.
pub(super) fn required(value: &str, field: &'static str) -> Result<(), NativeValidationError> {
    if value.trim().is_empty() {
        return Err(NativeValidationError::MissingField { field });
    }
    Ok(())
}

/// Checks a list of buttons: their count and each one.
pub(super) fn buttons(
    buttons: &[NativeButton],
    slide: Option<usize>,
) -> Result<(), NativeValidationError> {
    if buttons.len() > limits::MAX_BUTTONS {
        return Err(NativeValidationError::TooManyButtons {
            count: buttons.len(),
            max: limits::MAX_BUTTONS,
            slide,
        });
    }
    for (index, button) in buttons.iter().enumerate() {
        check_button(button, ButtonAt { slide, index })?;
    }
    Ok(())
}

fn check_button(button: &NativeButton, at: ButtonAt) -> Result<(), NativeValidationError> {
    if button.label.trim().is_empty() {
        return Err(NativeValidationError::EmptyButtonLabel { at });
    }
    if let Some(len) = over(&button.label, limits::MAX_BUTTON_LABEL_CHARS) {
        let max = limits::MAX_BUTTON_LABEL_CHARS;
        return Err(NativeValidationError::ButtonLabelTooLong { at, len, max });
    }
    let data = &button.action.data;
    let filled = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.trim().is_empty());
    let problem = match button.action.kind {
        ActionType::InvokeFunction => (!filled(&data.name)).then_some("name"),
        ActionType::OpenUrl | ActionType::PreviewUrl => {
            (!data.web.as_deref().is_some_and(is_http_url)).then_some("web")
        }
        ActionType::SystemApi => (!filled(&data.api)).then_some("api"),
        _ => None,
    };
    problem.map_or(Ok(()), |field| {
        Err(NativeValidationError::InvalidButtonAction { at, field })
    })
}

/// `http://` or `https://` (scheme in any case), then a host, and no
/// whitespace or control characters.
fn is_http_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && !host.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}
