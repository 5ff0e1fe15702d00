//! Native calls as the emulator makes them, modelled on Zoho's samples: the
//! current user, the default channel, the caller's access and environment.

use cliq_events::native::{
    Access, Arguments, Component, Environment, HandlerType, LooseString, MessageObject,
    MessageParam, NativeCallback, NativeChat, NativeUser, Organization, Target,
};
use cliq_events::rest::User;
use cliq_events::{ChannelId, MessageId};
use serde_json::Map;

use crate::deliver::{DeliverError, Delivery};
use crate::emulator::Emulator;
use crate::seed::{DEFAULT_CHANNEL_ID, ORGANIZATION_ID};

/// The user agent native calls say the caller uses.
const USER_AGENT: &str = "cliq-emulator";

impl Emulator {
    /// A native call of `component`'s `handler` named `name`, from the current
    /// user in the default channel: `params` holds `user`, `chat` (the
    /// channel's id, `title` and unique name), `access` and `environment`
    /// (`US`, its `base_url` the emulator's). `timestamp` and `response_url`
    /// are left for [`deliver_native`](Self::deliver_native) to fill in.
    pub fn native_call(
        &self,
        component: Component,
        handler: HandlerType,
        name: &str,
    ) -> NativeCallback {
        let channel = self.default_channel();
        let me = self.me();
        let mut call = NativeCallback::new(component, handler, name);
        let params = &mut call.params;
        params.user = Some(native_user(&me));
        params.chat = Some(chat(&channel.id, &channel.name, &me));
        params.access = Some(access(&me, &channel.id));
        params.environment = Some(environment(&self.base_url()));
        params.mentions = Some(Vec::new());
        params.attachments = Some(Vec::new());
        call
    }

    /// Runs `command_line` (such as `"/deploy production"`) as a native
    /// `command` / `execution_handler` call in the default channel:
    /// `params.arguments` is the text after the command, `params.options` and
    /// `params.selections` are empty.
    ///
    /// # Errors
    /// As [`deliver_native`](Self::deliver_native).
    pub async fn deliver_native_command(
        &self,
        bot_url: &str,
        command_line: &str,
    ) -> Result<Delivery, DeliverError> {
        let line = command_line.trim();
        let (command, arguments) = line
            .split_once(char::is_whitespace)
            .map_or((line, ""), |(c, a)| (c, a.trim()));
        let name = command.trim_start_matches('/');
        let mut call = self.native_call(Component::Command, HandlerType::ExecutionHandler, name);
        call.params.arguments = Some(Arguments::Text(arguments.to_owned()));
        call.params.options = Some(Map::new());
        call.params.selections = Some(Vec::new());
        self.deliver_native(bot_url, &call).await
    }

    /// Clicks the `invoke.function` button with key `button_key` calling
    /// `function`, as a native `function` / `button_handler` call in the
    /// default channel: `params.arguments` is `{"key": button_key}`,
    /// `params.target` carries the key and, when a message of the channel
    /// carries the button, its label; `params.message` is that message.
    ///
    /// # Errors
    /// As [`deliver_native`](Self::deliver_native).
    pub async fn deliver_native_click(
        &self,
        bot_url: &str,
        function: &str,
        button_key: &str,
    ) -> Result<Delivery, DeliverError> {
        let channel = ChannelId::new(DEFAULT_CHANNEL_ID);
        let carrier = self.find_button(&channel, function, button_key);
        let mut call = self.native_call(Component::Function, HandlerType::ButtonHandler, function);
        let mut arguments = Map::new();
        arguments.insert("key".to_owned(), button_key.into());
        call.params.arguments = Some(Arguments::Object(arguments));
        let mut target = Target::default();
        target.key = Some(button_key.to_owned());
        target.label = carrier.as_ref().map(|(_, label)| label.clone());
        call.params.target = Some(target);
        if let Some((id, _)) = carrier {
            call.params.message = self.message_param(&id);
        }
        call.params.event = Some("click".to_owned());
        self.deliver_native(bot_url, &call).await
    }

    /// A stored message as a native call carries one.
    fn message_param(&self, id: &MessageId) -> Option<MessageParam> {
        let store = self.shared.store();
        let posted = &store.messages.iter().find(|m| m.posted.id == *id)?.posted;
        let mut sender = NativeUser::default();
        sender.id = Some(posted.sender.id.to_string());
        sender.name = Some(posted.sender.name.clone());
        let mut message = MessageObject::default();
        message.id = Some(posted.id.to_string());
        message.kind = Some("text".to_owned());
        message.text = Some(posted.text.clone());
        message.time = u64::try_from(posted.time.unix_seconds())
            .ok()
            .map(|secs| cliq_events::native::EpochMillis::new(secs.saturating_mul(1000)));
        message.sender = Some(sender);
        Some(MessageParam::Object(Box::new(message)))
    }
}

fn native_user(user: &User) -> NativeUser {
    let mut native = NativeUser::default();
    native.id = Some(user.id.to_string());
    native.first_name.clone_from(&user.first_name);
    native.last_name.clone_from(&user.last_name);
    native.email.clone_from(&user.email);
    native.admin = Some(true);
    native.organization_id = Some(LooseString::new(ORGANIZATION_ID));
    native.zoho_user_id = Some(LooseString::new(user.id.as_str()));
    native.timezone.clone_from(&user.timezone);
    native.language = Some("en".to_owned());
    native.country = Some("us".to_owned());
    native
}

fn chat(id: &ChannelId, name: &str, owner: &User) -> NativeChat {
    let mut chat = NativeChat::default();
    chat.id = Some(id.to_string());
    chat.kind = Some("channel".to_owned());
    chat.title = Some(name.to_owned());
    chat.owner = Some(LooseString::new(owner.id.as_str()));
    chat.channel_unique_name = Some(
        name.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect(),
    );
    chat
}

fn access(user: &User, chat: &ChannelId) -> Access {
    let mut organization = Organization::default();
    organization.kind = Some("company".to_owned());
    organization.id = Some(LooseString::new(ORGANIZATION_ID));
    let mut access = Access::default();
    access.user_id = Some(LooseString::new(user.id.as_str()));
    access.zoho_user_id = Some(LooseString::new(user.id.as_str()));
    access.organization = Some(organization);
    access.user_agent = Some(USER_AGENT.to_owned());
    access.chat_id = Some(chat.to_string());
    access
}

fn environment(base_url: &str) -> Environment {
    let mut environment = Environment::default();
    environment.data_center = Some("US".to_owned());
    environment.base_url = Some(format!("{base_url}/company/{ORGANIZATION_ID}"));
    environment.tld = Some(".com".to_owned());
    environment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environments_point_at_the_emulator() {
        let environment = environment("http://127.0.0.1:9");
        assert_eq!(
            environment.base_url.as_deref(),
            Some("http://127.0.0.1:9/company/123456")
        );
        assert_eq!(
            environment.data_centre(),
            Some(cliq_events::native::DataCentre::Us)
        );
    }

    #[test]
    fn chats_carry_a_unique_name() {
        let owner = &crate::seed::users()[0];
        let chat = chat(&ChannelId::new("CT_1"), "Project Phoenix", owner);
        assert_eq!(chat.channel_unique_name.as_deref(), Some("projectphoenix"));
        assert_eq!(
            chat.owner.as_ref().map(LooseString::as_str),
            Some("9876543210")
        );
    }
}
