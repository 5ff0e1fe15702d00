//! The callback bodies `cliq` sends, built from the `cliq-events` types so
//! that they are exactly what the contract describes.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use cliq_events::rest::Channel;
use cliq_events::{
    ButtonRef, ChannelCreated, ChannelRef, CommandCallback, Event, EventCallback, FunctionCallback,
    MemberEvent, Mention, MessageEvent, MessageRef, Timestamp, UserRef,
};
use serde_json::{Map, Value};

use crate::args::{ClickArgs, EventArgs, Who};
use crate::exit::Failure;

/// A slash command from the line as typed: `/deploy production`.
pub(crate) fn command(line: &str, who: &Who) -> Result<Vec<u8>, Failure> {
    let (command, arguments) = split_command(line)?;
    encode(&CommandCallback {
        command,
        arguments: (!arguments.is_empty()).then(|| arguments.to_owned()),
        user: user(who),
        channel: channel(who),
    })
}

/// A command line split into the command, with its leading `/`, and the
/// trimmed arguments.
pub(crate) fn split_command(line: &str) -> Result<(String, &str), Failure> {
    let line = line.trim();
    let (command, arguments) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    if command.is_empty() || command == "/" {
        return Err(Failure::usage(
            "the command line is empty: try \"/deploy production\"",
        ));
    }
    let command = if command.starts_with('/') {
        command.to_owned()
    } else {
        format!("/{command}")
    };
    Ok((command, arguments.trim()))
}

/// An event by name, with the data the flags describe.
pub(crate) fn event(args: &EventArgs) -> Result<Vec<u8>, Failure> {
    let name = args.event.trim();
    if name.is_empty() {
        return Err(Failure::usage("the event name is empty"));
    }
    if args.data.is_some() && is_known(name) {
        return Err(Failure::usage(format!(
            "--data is for events of other names; to send `{name}` with data of your own, put the whole body in a file"
        )));
    }
    let message = || MessageEvent {
        message_id: args.message_id.clone().unwrap_or_else(fresh_id).into(),
        text: args.text.clone(),
        sender: user(&args.who),
        channel: channel(&args.who),
        mentions: (!args.mentions.is_empty()).then(|| {
            args.mentions
                .iter()
                .map(|id| Mention {
                    id: id.as_str().into(),
                    name: None,
                })
                .collect()
        }),
    };
    let member = || MemberEvent {
        channel: channel(&args.who),
        member: UserRef {
            email: args.member_email.clone(),
            ..UserRef::new(args.member_id.as_str(), args.member.as_str())
        },
    };
    let event = match name {
        "message.created" => Event::MessageCreated(message()),
        "mention" => Event::Mention(message()),
        "bot.mention" => Event::BotMention(message()),
        "channel.created" => Event::ChannelCreated(ChannelCreated {
            channel: new_channel(&args.who)?,
            creator: Some(user(&args.who)),
        }),
        "channel.member.added" => Event::MemberAdded(member()),
        "channel.member.removed" => Event::MemberRemoved(member()),
        other => {
            let mut data = match &args.data {
                Some(json) => object(json, "--data")?,
                None => Map::new(),
            };
            if let Some(id) = &args.message_id {
                data.insert("message_id".to_owned(), Value::String(id.clone()));
            }
            Event::Unknown {
                name: other.to_owned(),
                data,
            }
        }
    };
    encode(&EventCallback::new(event, Some(now())))
}

/// A click on an `invoke.function` button.
pub(crate) fn click(args: &ClickArgs) -> Result<Vec<u8>, Failure> {
    if args.name.is_empty() {
        return Err(Failure::usage("the function name is empty"));
    }
    let data = match &args.data {
        Some(json) => Some(Value::Object(object(json, "--data")?)),
        None => None,
    };
    encode(&FunctionCallback {
        name: args.name.clone(),
        button: ButtonRef {
            id: args.id.clone(),
            label: args.label.clone(),
        },
        user: user(&args.who),
        channel: Some(channel(&args.who)),
        message: args.message_id.as_ref().map(|id| MessageRef {
            id: id.as_str().into(),
        }),
        timestamp: Some(now()),
        data,
    })
}

/// A file's bytes, unchanged, once they are known to be JSON.
pub(crate) fn file(path: &Path) -> Result<Vec<u8>, Failure> {
    let shown = path.display();
    let bytes =
        std::fs::read(path).map_err(|e| Failure::usage(format!("cannot read {shown}: {e}")))?;
    serde_json::from_slice::<Value>(&bytes)
        .map_err(|e| Failure::usage(format!("{shown} is not JSON: {e}")))?;
    Ok(bytes)
}

fn is_known(name: &str) -> bool {
    matches!(
        name,
        "message.created"
            | "mention"
            | "bot.mention"
            | "channel.created"
            | "channel.member.added"
            | "channel.member.removed"
    )
}

fn user(who: &Who) -> UserRef {
    UserRef::new(who.user_id.as_str(), who.user.as_str())
}

fn channel(who: &Who) -> ChannelRef {
    ChannelRef::new(who.channel_id.as_str(), who.channel.as_str())
}

/// The REST Channel object of `channel.created`, with only its required fields.
fn new_channel(who: &Who) -> Result<Channel, Failure> {
    let value = serde_json::json!({"id": who.channel_id, "name": who.channel});
    serde_json::from_value(value).map_err(|e| Failure::usage(format!("bad channel: {e}")))
}

pub(crate) fn object(json: &str, flag: &str) -> Result<Map<String, Value>, Failure> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Failure::usage(format!("{flag} must be a JSON object"))),
        Err(e) => Err(Failure::usage(format!("{flag} is not JSON: {e}"))),
    }
}

/// Now, to the second: what Cliq puts in `timestamp`.
fn now() -> Timestamp {
    let secs = i64::try_from(crate::sign::now()).unwrap_or(0);
    Timestamp::from_unix_seconds(secs).unwrap_or_else(|_| Timestamp::now())
}

/// A message id no earlier run used, so de-duplication lets every send through.
pub(crate) fn fresh_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    format!("MSG_{nanos}")
}

fn encode<T>(callback: &T) -> Result<Vec<u8>, Failure>
where
    T: serde::Serialize,
{
    serde_json::to_vec(callback).map_err(|e| Failure::usage(format!("cannot encode: {e}")))
}

#[cfg(test)]
mod tests;
