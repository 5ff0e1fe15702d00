//! Native-dialect calls (CLIQ-NATIVE.md), built from the `cliq-events` types
//! as the real platform sends them: `{type, handler, name, timestamp,
//! params{user, chat, arguments, environment, access, …}}`, modelled on
//! Zoho's `command.execution_handler` and `function.button_handler` samples.
//!
//! No `response_url` is sent: `cliq` cannot receive a late reply, so the bot
//! answers in the HTTP response however long its handler takes.

use std::time::{SystemTime, UNIX_EPOCH};

use cliq_events::native::{
    Access, Arguments, Component, Environment, EpochMillis, HandlerType, LooseString,
    MessageObject, MessageParam, NativeCallback, NativeChat, NativeMention, NativeUser,
    Organization, Target,
};
use serde_json::{Map, Value};

use crate::args::{ClickArgs, EventArgs, Who};
use crate::exit::Failure;
use crate::payload;

/// The organization every call comes from.
const ORGANIZATION_ID: &str = "123456456";

/// A native `command` / `execution_handler` call from the line as typed:
/// `name` is the command without its `/`, `params.arguments` the rest.
pub(crate) fn command(line: &str, who: &Who) -> Result<Vec<u8>, Failure> {
    let (command, arguments) = payload::split_command(line)?;
    let name = command.trim_start_matches('/');
    let mut call = call(Component::Command, HandlerType::ExecutionHandler, name, who);
    call.params.arguments = Some(Arguments::Text(arguments.to_owned()));
    call.params.options = Some(Map::new());
    call.params.selections = Some(Vec::new());
    encode(&call)
}

/// A native `function` / `button_handler` click: `params.arguments` is
/// `--data` with the button's `key` (its id) added, `params.target` names
/// the button, `params.message` the message it sits on.
pub(crate) fn click(args: &ClickArgs) -> Result<Vec<u8>, Failure> {
    if args.name.is_empty() {
        return Err(Failure::usage("the function name is empty"));
    }
    let mut arguments = match &args.data {
        Some(json) => payload::object(json, "--data")?,
        None => Map::new(),
    };
    arguments.insert("key".to_owned(), Value::String(args.id.clone()));
    let mut call = call(
        Component::Function,
        HandlerType::ButtonHandler,
        &args.name,
        &args.who,
    );
    call.params.arguments = Some(Arguments::Object(arguments));
    let mut target = Target::default();
    target.key = Some(args.id.clone());
    target.label.clone_from(&args.label);
    call.params.target = Some(target);
    if let Some(id) = &args.message_id {
        let mut message = MessageObject::default();
        message.id = Some(id.clone());
        message.kind = Some("text".to_owned());
        call.params.message = Some(MessageParam::Object(Box::new(message)));
    }
    call.params.event = Some("click".to_owned());
    encode(&call)
}

/// `message.created` and `bot.mention` as the bot's `message_handler` and
/// `mention_handler` calls; other events have no native counterpart.
pub(crate) fn event(args: &EventArgs) -> Result<Vec<u8>, Failure> {
    let name = args.event.trim();
    let handler = match name {
        "message.created" => HandlerType::MessageHandler,
        "bot.mention" => HandlerType::MentionHandler,
        other => {
            return Err(Failure::usage(format!(
                "`{other}` has no native counterpart: --dialect native sends message.created \
                 (the bot's message_handler) and bot.mention (its mention_handler) only; \
                 send other events with --dialect contract"
            )));
        }
    };
    if args.data.is_some() {
        return Err(Failure::usage(
            "--data is for contract events of other names; it has no place in a native call",
        ));
    }
    let mut call = call(Component::Bot, handler.clone(), &args.bot, &args.who);
    let mut mentions: Vec<NativeMention> = args
        .mentions
        .iter()
        .map(|id| NativeMention::new("user", id.as_str()))
        .collect();
    if handler == HandlerType::MentionHandler {
        let mut bot = NativeMention::new("bot", args.bot.as_str());
        bot.name = Some(args.bot.clone());
        mentions.insert(0, bot);
    }
    let mut message = MessageObject::default();
    message.id = Some(args.message_id.clone().unwrap_or_else(payload::fresh_id));
    message.kind = Some("text".to_owned());
    message.text = Some(args.text.clone());
    message.time = Some(EpochMillis::new(now_ms()));
    message.sender = Some(user(&args.who));
    call.params.message = Some(MessageParam::Object(Box::new(message)));
    call.params.mentions = Some(mentions);
    encode(&call)
}

/// A call of `component`'s `handler` named `name`, sent now by `who` in
/// their channel, with the caller's `access` and `environment` (US).
fn call(component: Component, handler: HandlerType, name: &str, who: &Who) -> NativeCallback {
    let mut call = NativeCallback::new(component, handler, name);
    call.timestamp_ms = Some(now_ms());
    let params = &mut call.params;
    params.user = Some(user(who));
    params.chat = Some(chat(who));
    params.access = Some(access(who));
    params.environment = Some(environment());
    params.mentions = Some(Vec::new());
    params.attachments = Some(Vec::new());
    call
}

/// `--user "John Doe"` as first name `John`, last name `Doe`.
fn user(who: &Who) -> NativeUser {
    let name = who.user.trim();
    let (first, last) = name
        .split_once(char::is_whitespace)
        .map_or((name, ""), |(first, last)| (first, last.trim()));
    let mut user = NativeUser::default();
    user.id = Some(who.user_id.clone());
    user.first_name = Some(first.to_owned());
    user.last_name = Some(last.to_owned());
    user.admin = Some(true);
    user.organization_id = Some(LooseString::new(ORGANIZATION_ID));
    user.zoho_user_id = Some(LooseString::new(who.user_id.as_str()));
    user.language = Some("en".to_owned());
    user.country = Some("us".to_owned());
    user
}

fn chat(who: &Who) -> NativeChat {
    let mut chat = NativeChat::default();
    chat.id = Some(who.channel_id.clone());
    chat.kind = Some("channel".to_owned());
    chat.title = Some(who.channel.clone());
    chat.owner = Some(LooseString::new(who.user_id.as_str()));
    chat.channel_unique_name = Some(
        who.channel
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect(),
    );
    chat
}

fn access(who: &Who) -> Access {
    let mut organization = Organization::default();
    organization.kind = Some("company".to_owned());
    organization.id = Some(LooseString::new(ORGANIZATION_ID));
    let mut access = Access::default();
    access.user_id = Some(LooseString::new(who.user_id.as_str()));
    access.zoho_user_id = Some(LooseString::new(who.user_id.as_str()));
    access.organization = Some(organization);
    access.user_agent = Some(concat!("cliq/", env!("CARGO_PKG_VERSION")).to_owned());
    access.chat_id = Some(who.channel_id.clone());
    access
}

fn environment() -> Environment {
    let mut environment = Environment::default();
    environment.data_center = Some("US".to_owned());
    environment.base_url = Some(format!("https://cliq.zoho.com/company/{ORGANIZATION_ID}"));
    environment.tld = Some(".com".to_owned());
    environment
}

/// Now, in epoch milliseconds: the envelope's `timestamp`.
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn encode(call: &NativeCallback) -> Result<Vec<u8>, Failure> {
    serde_json::to_vec(call).map_err(|e| Failure::usage(format!("cannot encode: {e}")))
}

#[cfg(test)]
mod tests;
