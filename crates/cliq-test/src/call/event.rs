//! The event builder: every outgoing-webhook event, known or not.

use std::future::IntoFuture;

use cliq_events::callback::{ChannelCreated, Event, EventCallback, MemberEvent, MessageEvent};
use cliq_events::rest::Channel;
use serde_json::{Map, Value};

use super::{ReplyFuture, json};
use crate::error::{KitError, KitErrorKind};
use crate::kit::TestKit;
use crate::people::{Where, Who};
use crate::reply::Reply;
use crate::sign::Signing;

/// An event, from [`TestKit::message`], [`TestKit::event`] and their kin.
#[derive(Debug)]
#[must_use = "a call does nothing until awaited"]
pub struct EventCall<'a, S> {
    kit: &'a TestKit<S>,
    spec: Spec,
    message_id: Option<String>,
    who: Who,
    place: Where,
    signing: Signing,
}

/// What event to make.
#[derive(Debug)]
enum Spec {
    Message {
        name: &'static str,
        text: String,
    },
    Member {
        added: bool,
    },
    ChannelCreated,
    Unknown {
        name: String,
        data: Map<String, Value>,
    },
    Given(Box<Event>),
}

impl<S> TestKit<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn event_call(&self, spec: Spec, who: Who, place: Where) -> EventCall<'_, S> {
        EventCall {
            kit: self,
            spec,
            message_id: None,
            who,
            place,
            signing: Signing::default(),
        }
    }

    /// `message.created` with `text`, from the kit's user in its channel,
    /// with a fresh `message_id` (so never a duplicate unless told).
    pub fn message(&self, text: &str) -> EventCall<'_, S> {
        let spec = Spec::Message {
            name: "message.created",
            text: text.to_owned(),
        };
        self.event_call(spec, Who::Default, Where::Default)
    }

    /// `mention` (a user was mentioned) with `text`.
    pub fn mention(&self, text: &str) -> EventCall<'_, S> {
        let spec = Spec::Message {
            name: "mention",
            text: text.to_owned(),
        };
        self.event_call(spec, Who::Default, Where::Default)
    }

    /// `bot.mention` with `text`.
    pub fn bot_mention(&self, text: &str) -> EventCall<'_, S> {
        let spec = Spec::Message {
            name: "bot.mention",
            text: text.to_owned(),
        };
        self.event_call(spec, Who::Default, Where::Default)
    }

    /// `channel.member.added`: `member` (a display name) joined the kit's
    /// channel.
    pub fn member_added(&self, member: &str) -> EventCall<'_, S> {
        let who = Who::Named(member.to_owned());
        self.event_call(Spec::Member { added: true }, who, Where::Default)
    }

    /// `channel.member.removed`: `member` left the kit's channel.
    pub fn member_removed(&self, member: &str) -> EventCall<'_, S> {
        let who = Who::Named(member.to_owned());
        self.event_call(Spec::Member { added: false }, who, Where::Default)
    }

    /// `channel.created`: the kit's user created the channel `name` (with
    /// an emulator, created there too).
    pub fn channel_created(&self, name: &str) -> EventCall<'_, S> {
        let place = Where::Named(name.to_owned());
        self.event_call(Spec::ChannelCreated, Who::Default, place)
    }

    /// An event this framework does not know, with its `data` object
    /// (anything else is sent as `{}`).
    pub fn unknown_event(&self, name: &str, data: Value) -> EventCall<'_, S> {
        let data = match data {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let spec = Spec::Unknown {
            name: name.to_owned(),
            data,
        };
        self.event_call(spec, Who::Default, Where::Default)
    }

    /// `event` exactly as given (user and channel setters do not apply),
    /// stamped with the kit's clock. Sending the same message event twice
    /// inside the window gives a duplicate.
    pub fn event(&self, event: Event) -> EventCall<'_, S> {
        self.event_call(Spec::Given(Box::new(event)), Who::Default, Where::Default)
    }
}

impl<S> EventCall<'_, S> {
    people_setters!();
    signing_setters!();

    /// The `message_id`: the de-duplication key of message events (and of
    /// unknown events, in their `data`). Default: a fresh one.
    pub fn message_id(mut self, id: impl Into<String>) -> Self {
        self.message_id = Some(id.into());
        self
    }
}

impl<S> EventCall<'_, S>
where
    S: Clone + Send + Sync + 'static,
{
    async fn build(self) -> Result<(EventCallback, Signing), KitError> {
        let kit = self.kit;
        let user = kit.who(&self.who);
        let channel = kit.place(&self.place).await?;
        let need_channel = || KitError::new(KitErrorKind::Request, "this event needs a channel");
        let event = match self.spec {
            Spec::Given(event) => *event,
            Spec::Message { name, text } => {
                let data = MessageEvent {
                    message_id: self
                        .message_id
                        .unwrap_or_else(|| kit.fresh_id("MSG"))
                        .into(),
                    text,
                    sender: user,
                    channel: channel.ok_or_else(need_channel)?,
                    mentions: None,
                };
                match name {
                    "mention" => Event::Mention(data),
                    "bot.mention" => Event::BotMention(data),
                    _ => Event::MessageCreated(data),
                }
            }
            Spec::Member { added } => {
                let data = MemberEvent {
                    channel: channel.ok_or_else(need_channel)?,
                    member: user,
                };
                if added {
                    Event::MemberAdded(data)
                } else {
                    Event::MemberRemoved(data)
                }
            }
            Spec::ChannelCreated => {
                let channel = channel.ok_or_else(need_channel)?;
                let channel: Channel = serde_json::from_value(serde_json::json!({
                    "id": channel.id, "name": channel.name, "type": "channel",
                    "creator_id": user.id, "creator_name": user.name,
                }))
                .map_err(|error| KitError::new(KitErrorKind::Request, error))?;
                Event::ChannelCreated(ChannelCreated {
                    channel,
                    creator: Some(user),
                })
            }
            Spec::Unknown { name, mut data } => {
                if let Some(id) = self.message_id {
                    data.insert("message_id".to_owned(), Value::String(id));
                }
                Event::Unknown { name, data }
            }
        };
        Ok((EventCallback::new(event, kit.timestamp()), self.signing))
    }
}

impl<'a, S> IntoFuture for EventCall<'a, S>
where
    S: Clone + Send + Sync + 'static,
{
    type Output = Result<Reply, KitError>;
    type IntoFuture = ReplyFuture<'a>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let kit = self.kit;
            let (event, signing) = self.build().await?;
            kit.deliver(json(&event, signing)?).await
        })
    }
}
