//! What a command or function handler answers with.

use cliq_events::message::{Message, MessageBuilder, ValidationError};

/// A handler's answer: a message, or nothing (`{"received": true}`).
///
/// Anything that converts into a `Reply` may be returned from a handler:
/// [`Message`], a [`MessageBuilder`] (built, and checked, by the receiver),
/// `Option<Message>`, `()`, or a `String`/`&str` for a text-only message.
/// A reply that breaks a limit is never sent: the callback is answered 500
/// with that limit's code.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply(Inner);

#[derive(Clone, Debug, PartialEq)]
enum Inner {
    Empty,
    Message(Box<Message>, Checked),
    Invalid(ValidationError),
}

/// Whether a message's builder has just checked it, so that it need not be
/// checked again before it is sent. Not part of a reply's value: replies
/// compare equal either way.
#[derive(Clone, Copy, Debug)]
struct Checked(bool);

impl PartialEq for Checked {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Reply {
    /// No message: answered `{"received": true}`.
    pub fn empty() -> Self {
        Self(Inner::Empty)
    }

    /// The message to send, checked against every limit (unless its
    /// builder has just checked it).
    ///
    /// # Errors
    /// The limit the message breaks.
    pub fn into_message(self) -> Result<Option<Message>, ValidationError> {
        match self.0 {
            Inner::Empty => Ok(None),
            Inner::Message(message, Checked(true)) => Ok(Some(*message)),
            Inner::Message(message, Checked(false)) => message.validate().map(|()| Some(*message)),
            Inner::Invalid(error) => Err(error),
        }
    }
}

impl From<Message> for Reply {
    fn from(message: Message) -> Self {
        Self(Inner::Message(Box::new(message), Checked(false)))
    }
}

impl From<MessageBuilder> for Reply {
    fn from(builder: MessageBuilder) -> Self {
        match builder.build() {
            Ok(message) => Self(Inner::Message(Box::new(message), Checked(true))),
            Err(error) => Self(Inner::Invalid(error)),
        }
    }
}

impl From<Option<Message>> for Reply {
    fn from(message: Option<Message>) -> Self {
        message.map_or_else(Self::empty, Self::from)
    }
}

impl From<()> for Reply {
    fn from((): ()) -> Self {
        Self::empty()
    }
}

impl From<String> for Reply {
    fn from(text: String) -> Self {
        Message::builder(text).into()
    }
}

impl From<&str> for Reply {
    fn from(text: &str) -> Self {
        Message::builder(text).into()
    }
}

#[cfg(test)]
mod tests {
    use cliq_events::message::{Button, Card, Message, ValidationError};

    use super::Reply;

    /// A message its builder checked and the same message given whole are
    /// the same reply, and both are sent only within the limits.
    #[test]
    fn a_checked_message_is_the_same_reply() {
        let builder = || {
            Message::builder("hi")
                .card(Card::builder().button(Button::invoke_function("Approve", "approve", "1")))
        };
        let Ok(message) = builder().build() else {
            panic!("a valid message");
        };
        assert_eq!(Reply::from(builder()), Reply::from(message.clone()));
        assert_eq!(Reply::from(builder()).into_message(), Ok(Some(message)));
        let long = || Message::builder("x".repeat(10_001));
        assert!(matches!(
            Reply::from(long()).into_message(),
            Err(ValidationError::MessageTooLong { .. })
        ));
    }
}
