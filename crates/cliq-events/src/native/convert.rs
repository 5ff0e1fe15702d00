//! One typed view over both dialects: a native command or button click seen
//! as the PROTOCOL.md callback types, and a PROTOCOL.md message sent as a
//! native one. The mapping is documented in the [`native`](super) module.

use serde_json::Value;

use super::button::NativeButton;
use super::call::NativeCallback;
use super::card::{NativeCard, Slide};
use super::kind::{Component, HandlerType};
use super::outgoing::{NativeMessage, NativeMessageBuilder};
use super::params::{Arguments, MessageParam, Params};
use super::people::{NativeChat, NativeUser};
use super::reply::NativeReply;
use super::validate::NativeValidationError;
use super::wire::millis_to_timestamp;
use crate::callback::{
    ButtonRef, ChannelRef, CommandCallback, FunctionCallback, MessageRef, UserRef,
};
use crate::message::{Button, Card, Element, Message, Section};

impl NativeCallback {
    /// A command's `execution_handler` call as a PROTOCOL.md command; `None`
    /// for any other call, or one without a named command, a user id or a
    /// chat id. See [the mapping](super#both-dialects-one-view).
    pub fn to_command(&self) -> Option<CommandCallback> {
        let is_command = self.component == Component::Command
            && self.handler == HandlerType::ExecutionHandler
            && !self.name.is_empty();
        if !is_command {
            return None;
        }
        Some(CommandCallback {
            command: format!("/{}", self.name),
            arguments: self
                .params
                .arguments
                .as_ref()
                .and_then(Arguments::as_text)
                .map(str::to_owned),
            user: user_ref(self.params.user.as_ref()?)?,
            channel: channel_ref(self.params.chat.as_ref()?)?,
        })
    }

    /// A function's `button_handler` call as a PROTOCOL.md function
    /// callback; `None` for any other call, or one without a function name
    /// or a user id. See [the mapping](super#both-dialects-one-view).
    pub fn to_function(&self) -> Option<FunctionCallback> {
        let is_click = self.component == Component::Function
            && self.handler == HandlerType::ButtonHandler
            && !self.name.is_empty();
        if !is_click {
            return None;
        }
        let params = &self.params;
        let message = params.message.as_ref().and_then(MessageParam::object);
        Some(FunctionCallback {
            name: self.name.clone(),
            button: button_ref(params),
            user: user_ref(params.user.as_ref()?)?,
            channel: params.chat.as_ref().and_then(channel_ref),
            message: message
                .and_then(|m| m.id.clone())
                .map(|id| MessageRef { id: id.into() }),
            timestamp: self.timestamp_ms.and_then(millis_to_timestamp),
            data: params
                .arguments
                .as_ref()
                .and_then(Arguments::as_object)
                .cloned()
                .map(Value::Object),
        })
    }
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

fn user_ref(user: &NativeUser) -> Option<UserRef> {
    let id = non_empty(user.id.as_deref())?;
    Some(UserRef {
        id: id.into(),
        name: user.display_name().unwrap_or_else(|| id.to_owned()),
        email: non_empty(user.email.as_deref()).map(str::to_owned),
    })
}

fn channel_ref(chat: &NativeChat) -> Option<ChannelRef> {
    let id = non_empty(chat.id.as_deref())?;
    let name = non_empty(chat.title.as_deref())
        .or_else(|| non_empty(chat.channel_unique_name.as_deref()))
        .unwrap_or(id);
    Some(ChannelRef::new(id, name))
}

fn button_ref(params: &Params) -> ButtonRef {
    let target = params.target.as_ref();
    let key = params.arguments.as_ref().and_then(Arguments::as_object);
    let candidates = [
        key.and_then(|k| k.get("key")).and_then(Value::as_str),
        target.and_then(|t| t.key.as_deref()),
        target.and_then(|t| t.id.as_deref()),
        target.and_then(|t| t.name.as_deref()),
    ];
    ButtonRef {
        id: candidates
            .into_iter()
            .find_map(non_empty)
            .unwrap_or_default()
            .to_owned(),
        label: target.and_then(|t| t.label.clone()),
    }
}

impl TryFrom<&Message> for NativeMessage {
    type Error = NativeValidationError;

    fn try_from(message: &Message) -> Result<Self, Self::Error> {
        let mut builder = Self::builder(message.body());
        if let Some(bot) = message.bot() {
            builder = builder.bot(bot.clone());
        }
        if let Some(card) = message.card() {
            if let Some(native) = native_card(card) {
                builder = builder.card(native);
            }
            builder = card
                .sections()
                .iter()
                .filter_map(section_slide)
                .fold(builder, NativeMessageBuilder::slide);
            builder = card
                .buttons()
                .iter()
                .filter_map(native_button)
                .fold(builder, NativeMessageBuilder::button);
        }
        builder.build()
    }
}

impl TryFrom<&Message> for NativeReply {
    type Error = NativeValidationError;

    fn try_from(message: &Message) -> Result<Self, Self::Error> {
        NativeMessage::try_from(message).map(Self::Message)
    }
}

fn native_card(card: &Card) -> Option<NativeCard> {
    if card.title().is_none() && card.theme().is_none() && card.thumbnail().is_none() {
        return None;
    }
    Some(NativeCard {
        title: card.title().map(str::to_owned),
        theme: card.theme().cloned(),
        thumbnail: card.thumbnail().map(str::to_owned),
        ..NativeCard::default()
    })
}

fn section_slide(section: &Section) -> Option<Slide> {
    let texts: Vec<&str> = section
        .elements
        .iter()
        .filter_map(|element| match element {
            Element::Text { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    (!texts.is_empty()).then(|| Slide::text(texts.join("\n")))
}

fn native_button(button: &Button) -> Option<NativeButton> {
    match button {
        Button::OpenUrl { label, url } => Some(NativeButton::open_url(label, url)),
        Button::InvokeFunction { label, name, id } => {
            Some(NativeButton::invoke_function(label, name).key(id))
        }
        _ => None,
    }
}
