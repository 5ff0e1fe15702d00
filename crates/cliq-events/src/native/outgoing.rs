//! A native message reply: text, card, slides, buttons and a bot's extras.

use serde::{Deserialize, Serialize};

use super::button::NativeButton;
use super::card::{NativeCard, Slide};
use super::context::{Context, Styles, Suggestion, SuggestionList};
use super::people::NativeMention;
use super::validate::{self, NativeValidationError, limits};
use crate::message::BotProfile;

/// A message in the native dialect. Build one with [`NativeMessage::builder`];
/// one read from JSON can be checked with [`NativeMessage::validate`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NativeMessage {
    #[serde(default)]
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    card: Option<NativeCard>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    slides: Vec<Slide>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    buttons: Vec<NativeButton>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bot: Option<BotProfile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    styles: Option<Styles>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<NativeMention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    suggestions: Option<SuggestionList>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    context: Option<Context>,
}

impl NativeMessage {
    /// Starts a message with its text.
    pub fn builder(text: impl Into<String>) -> NativeMessageBuilder {
        NativeMessageBuilder {
            message: Self {
                text: text.into(),
                card: None,
                slides: Vec::new(),
                buttons: Vec::new(),
                bot: None,
                styles: None,
                mentions: Vec::new(),
                suggestions: None,
                context: None,
            },
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The card, if any.
    pub fn card(&self) -> Option<&NativeCard> {
        self.card.as_ref()
    }

    /// The slides, in order.
    pub fn slides(&self) -> &[Slide] {
        &self.slides
    }

    /// The message's own buttons, in order.
    pub fn buttons(&self) -> &[NativeButton] {
        &self.buttons
    }

    /// The bot profile it is posted as, if any.
    pub fn bot(&self) -> Option<&BotProfile> {
        self.bot.as_ref()
    }

    /// The styles, if any.
    pub fn styles(&self) -> Option<&Styles> {
        self.styles.as_ref()
    }

    /// Who it mentions.
    pub fn mentions(&self) -> &[NativeMention] {
        &self.mentions
    }

    /// The quick replies offered, in order.
    pub fn suggestions(&self) -> &[Suggestion] {
        self.suggestions.as_ref().map_or(&[], |s| &s.list)
    }

    /// The conversation context, if any.
    pub fn context(&self) -> Option<&Context> {
        self.context.as_ref()
    }

    /// Checks every limit of [`limits`] and the required fields again.
    ///
    /// # Errors
    /// The first limit broken, as [`NativeValidationError`].
    pub fn validate(&self) -> Result<(), NativeValidationError> {
        if let Some(len) = validate::over(&self.text, limits::MAX_TEXT_CHARS) {
            let max = limits::MAX_TEXT_CHARS;
            return Err(NativeValidationError::TextTooLong { len, max });
        }
        self.card.as_ref().map_or(Ok(()), NativeCard::validate)?;
        validate::buttons(&self.buttons, None)?;
        for (index, slide) in self.slides.iter().enumerate() {
            validate::buttons(&slide.buttons, Some(index))?;
        }
        self.context.as_ref().map_or(Ok(()), Context::validate)
    }
}

/// Builds a [`NativeMessage`]; see [`NativeMessage::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct NativeMessageBuilder {
    message: NativeMessage,
}

impl NativeMessageBuilder {
    /// Sets the card.
    pub fn card(mut self, card: NativeCard) -> Self {
        self.message.card = Some(card);
        self
    }

    /// Appends a slide.
    pub fn slide(mut self, slide: Slide) -> Self {
        self.message.slides.push(slide);
        self
    }

    /// Appends a button to the message.
    pub fn button(mut self, button: NativeButton) -> Self {
        self.message.buttons.push(button);
        self
    }

    /// Posts the message as this bot profile.
    pub fn bot(mut self, bot: BotProfile) -> Self {
        self.message.bot = Some(bot);
        self
    }

    /// Sets the styles.
    pub fn styles(mut self, styles: Styles) -> Self {
        self.message.styles = Some(styles);
        self
    }

    /// Appends a mention.
    pub fn mention(mut self, mention: NativeMention) -> Self {
        self.message.mentions.push(mention);
        self
    }

    /// Appends a quick reply.
    pub fn suggestion(mut self, suggestion: Suggestion) -> Self {
        let list = self
            .message
            .suggestions
            .get_or_insert_with(SuggestionList::default);
        list.list.push(suggestion);
        self
    }

    /// Starts a conversation context.
    pub fn context(mut self, context: Context) -> Self {
        self.message.context = Some(context);
        self
    }

    /// Checks the limits and returns the message.
    ///
    /// # Errors
    /// The first limit broken, as [`NativeValidationError`]: text over
    /// [`limits::MAX_TEXT_CHARS`], a card title over
    /// [`limits::MAX_CARD_TITLE_CHARS`], a poll without a title or with
    /// fewer than [`limits::MIN_POLL_OPTIONS`] or more than
    /// [`limits::MAX_POLL_OPTIONS`] options, more than [`limits::MAX_BUTTONS`]
    /// buttons on the message or a slide, a button label empty or over
    /// [`limits::MAX_BUTTON_LABEL_CHARS`], a button action without the data
    /// its type needs, a context without an id.
    pub fn build(self) -> Result<NativeMessage, NativeValidationError> {
        self.message.validate()?;
        Ok(self.message)
    }
}
