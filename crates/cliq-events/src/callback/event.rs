//! Outgoing-webhook events: the envelope and the typed `data` of each known event.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::fields::{Fields, Path, nested, opt_nested};
use super::{ChannelRef, ParseError, UserRef, read_array};
use crate::id::{MessageId, UserId};
use crate::rest::Channel;
use crate::timestamp::Timestamp;

/// An event callback: `{"event", "timestamp"?, "data"}`.
#[derive(Clone, Debug, PartialEq)]
pub struct EventCallback {
    /// When the event happened, when sent.
    pub timestamp: Option<Timestamp>,
    /// The event and its typed data.
    pub event: Event,
    /// `data.message_id` when it is a string, whatever the event: the
    /// de-duplication key.
    message_id: Option<MessageId>,
}

impl EventCallback {
    /// An event callback; its de-duplication key is taken from the event.
    pub fn new(event: Event, timestamp: Option<Timestamp>) -> Self {
        let message_id = match &event {
            Event::MessageCreated(m) | Event::Mention(m) | Event::BotMention(m) => {
                Some(m.message_id.clone())
            }
            Event::Unknown { data, .. } => data
                .get("message_id")
                .and_then(Value::as_str)
                .map(MessageId::from),
            _ => None,
        };
        Self {
            timestamp,
            event,
            message_id,
        }
    }

    /// The event name (`message.created`, or an unknown one as sent).
    pub fn name(&self) -> &str {
        self.event.name()
    }

    /// `data.message_id` when it was a string: events are de-duplicated on
    /// `(name, message_id)`.
    pub fn message_id(&self) -> Option<&MessageId> {
        self.message_id.as_ref()
    }
}

/// An event, with the data of the known ones typed.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `message.created`.
    MessageCreated(MessageEvent),
    /// `mention`: a user was mentioned.
    Mention(MessageEvent),
    /// `bot.mention`: the bot was mentioned.
    BotMention(MessageEvent),
    /// `channel.created`.
    ChannelCreated(ChannelCreated),
    /// `channel.member.added`.
    MemberAdded(MemberEvent),
    /// `channel.member.removed`.
    MemberRemoved(MemberEvent),
    /// Any other event, with its name and raw `data`.
    Unknown {
        /// The event name as sent.
        name: String,
        /// The `data` object as sent.
        data: Map<String, Value>,
    },
}

impl Event {
    /// The event's wire name.
    pub fn name(&self) -> &str {
        match self {
            Self::MessageCreated(_) => "message.created",
            Self::Mention(_) => "mention",
            Self::BotMention(_) => "bot.mention",
            Self::ChannelCreated(_) => "channel.created",
            Self::MemberAdded(_) => "channel.member.added",
            Self::MemberRemoved(_) => "channel.member.removed",
            Self::Unknown { name, .. } => name,
        }
    }
}

/// The data of `message.created`, `mention` and `bot.mention`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageEvent {
    /// The message's id.
    pub message_id: MessageId,
    /// The message text.
    pub text: String,
    /// Who sent it.
    pub sender: UserRef,
    /// Where.
    pub channel: ChannelRef,
    /// Who the message mentions, when sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentions: Option<Vec<Mention>>,
}

/// A user or bot a message mentions: `{"id", "name"?}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The id of the user or bot.
    pub id: UserId,
    /// The name, when sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The data of `channel.created`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChannelCreated {
    /// The new channel (the REST API's Channel object).
    pub channel: Channel,
    /// Who created it, when sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserRef>,
}

/// The data of `channel.member.added` and `channel.member.removed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MemberEvent {
    /// The channel.
    pub channel: ChannelRef,
    /// The member added or removed.
    pub member: UserRef,
}

impl Serialize for EventCallback {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("event", self.name())?;
        if let Some(timestamp) = &self.timestamp {
            map.serialize_entry("timestamp", timestamp)?;
        }
        match &self.event {
            Event::MessageCreated(data) | Event::Mention(data) | Event::BotMention(data) => {
                map.serialize_entry("data", data)?;
            }
            // These types have no `message_id` of their own; writing back the one
            // read keeps the de-duplication key across a round trip.
            Event::ChannelCreated(data) => {
                map.serialize_entry("data", &self.with_message_id(data))?;
            }
            Event::MemberAdded(data) | Event::MemberRemoved(data) => {
                map.serialize_entry("data", &self.with_message_id(data))?;
            }
            Event::Unknown { data, .. } => map.serialize_entry("data", data)?,
        }
        map.end()
    }
}

impl EventCallback {
    fn with_message_id<'a, T>(&'a self, data: &'a T) -> WithMessageId<'a, T> {
        WithMessageId {
            data,
            message_id: self.message_id.as_ref(),
        }
    }
}

/// Typed event data with the `message_id` it arrived with, if any.
#[derive(Serialize)]
struct WithMessageId<'a, T> {
    #[serde(flatten)]
    data: &'a T,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<&'a MessageId>,
}

pub(super) fn read(mut fields: Fields<'_>) -> Result<EventCallback, ParseError> {
    let name = fields.str("event")?;
    let timestamp = fields.opt_timestamp("timestamp")?;
    let data = fields.object("data")?;
    let message_id = data
        .get("message_id")
        .and_then(Value::as_str)
        .map(MessageId::from);
    let root = Path::ROOT;
    let path = root.join("data");
    let mut data = Fields::new(data, path);
    let event = match name.as_str() {
        "message.created" => Event::MessageCreated(read_message(&mut data)?),
        "mention" => Event::Mention(read_message(&mut data)?),
        "bot.mention" => Event::BotMention(read_message(&mut data)?),
        "channel.created" => Event::ChannelCreated(read_channel_created(&mut data)?),
        "channel.member.added" => Event::MemberAdded(read_member(&mut data)?),
        "channel.member.removed" => Event::MemberRemoved(read_member(&mut data)?),
        _ => Event::Unknown {
            name,
            data: data.into_rest(),
        },
    };
    Ok(EventCallback {
        timestamp,
        event,
        message_id,
    })
}

fn read_message(data: &mut Fields<'_>) -> Result<MessageEvent, ParseError> {
    let message_id = data.str("message_id")?.into();
    let text = data.str("text")?;
    let sender = nested(data, "sender", UserRef::read)?;
    let channel = nested(data, "channel", ChannelRef::read)?;
    let parent = *data.path();
    let mentions_path = parent.join("mentions");
    let mentions = data
        .opt_array("mentions")?
        .map(|items| {
            read_array(items, mentions_path, |m| {
                Ok(Mention {
                    id: m.str("id")?.into(),
                    name: m.opt_str("name")?,
                })
            })
        })
        .transpose()?;
    Ok(MessageEvent {
        message_id,
        text,
        sender,
        channel,
        mentions,
    })
}

fn read_channel_created(data: &mut Fields<'_>) -> Result<ChannelCreated, ParseError> {
    let parent = *data.path();
    let channel_path = parent.join("channel");
    let channel = data.object("channel")?;
    // The contract requires these two; the rest of the object is the REST
    // Channel's, read by its own rules.
    let check = Fields::new(channel, channel_path);
    check.expect_str("id")?;
    check.expect_str("name")?;
    let channel = serde_json::from_value::<Channel>(Value::Object(check.into_rest()))
        .map_err(|_| ParseError::invalid(channel_path, "a channel object"))?;
    let creator = opt_nested(data, "creator", UserRef::read)?;
    Ok(ChannelCreated { channel, creator })
}

fn read_member(data: &mut Fields<'_>) -> Result<MemberEvent, ParseError> {
    Ok(MemberEvent {
        channel: nested(data, "channel", ChannelRef::read)?,
        member: nested(data, "member", UserRef::read)?,
    })
}
