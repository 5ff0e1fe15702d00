//! Which component a native call is for, and which of its handlers.

use super::wire::wire_enum;

wire_enum! {
    /// The component a call is for: the envelope's `type`.
    Component {
        /// `bot`.
        Bot = "bot",
        /// `command`: a slash command.
        Command = "command",
        /// `messageaction`: an action on a message's menu.
        MessageAction = "messageaction",
        /// `function`: buttons, forms and widget buttons.
        Function = "function",
        /// `widget`: a home-screen widget.
        Widget = "widget",
        /// `link_preview`: an unfurl of a link.
        LinkPreview = "link_preview",
        /// `extension`: installation and removal.
        Extension = "extension",
    }
}

impl Component {
    /// Whether this is one of the components CLIQ-NATIVE.md lists (not `Other`).
    pub fn is_known(&self) -> bool {
        !matches!(self, Self::Other(_))
    }
}

wire_enum! {
    /// The handler a call is for: the envelope's `handler.type`.
    ///
    /// Read with [`HandlerType::for_component`], which also accepts the names
    /// Zoho's SDKs give some handlers (`preview_handler` for `unfurl_handler`, …).
    HandlerType {
        /// Bot: a user opened the bot's chat for the first time.
        WelcomeHandler = "welcome_handler",
        /// Bot: a message to the bot.
        MessageHandler = "message_handler",
        /// Bot: the answers of a conversation context.
        ContextHandler = "context_handler",
        /// Bot: the bot was mentioned.
        MentionHandler = "mention_handler",
        /// Bot: a menu action; its name is in `handler.name`.
        ActionHandler = "action_handler",
        /// Bot: a call to the bot's incoming webhook.
        IncomingWebhookHandler = "incomingwebhook_handler",
        /// Bot: the bot was added to or removed from a channel, or a message there.
        ParticipationHandler = "participation_handler",
        /// Bot: a call alert (the SDKs' `call_handler`).
        AlertHandler = "alert_handler",
        /// Command or message action: it was run.
        ExecutionHandler = "execution_handler",
        /// Command: suggestions while typing.
        SuggestionHandler = "suggestion_handler",
        /// Function: a message button was clicked.
        ButtonHandler = "button_handler",
        /// Function: a form was submitted.
        FormHandler = "form_handler",
        /// Function: a form field changed.
        FormChangeHandler = "form_change_handler",
        /// Function: a dynamic select asks for values.
        FormValuesHandler = "form_values_handler",
        /// Function: a form is about to be shown.
        FormViewHandler = "form_view_handler",
        /// Function: a widget button was clicked (the SDKs' `widget_button_handler`).
        AppletButtonHandler = "applet_button_handler",
        /// Widget: the widget is shown or refreshed.
        ViewHandler = "view_handler",
        /// Link preview: a link is unfurled (the SDKs' `preview_handler`).
        UnfurlHandler = "unfurl_handler",
        /// Link preview: a preview button was clicked (the SDKs' `action_handler`).
        UnfurlButtonActionHandler = "unfurl_button_action_handler",
        /// Link preview: a preview menu is opened (the SDKs' `menu_handler`).
        UnfurlDynamicActionHandler = "unfurl_dynamic_action_handler",
        /// Link preview: a message with the preview was sent (the SDKs' `after_send_handler`).
        UnfurlPostMessageHandler = "unfurl_post_message_handler",
        /// Extension: it is being installed.
        InstallationHandler = "installation_handler",
        /// Extension: may it be installed?
        InstallationValidator = "installation_validator",
        /// Extension: it was removed.
        UninstallationHandler = "uninstallation_handler",
    }
}

impl HandlerType {
    /// Reads `handler.type` for a component: the wire names above, and the
    /// SDKs' names where they differ (the sample files are named after
    /// those): `bot.call_handler`, `function.widget_button_handler`,
    /// `link_preview.{preview,action,menu,after_send}_handler`. Anything else
    /// becomes [`HandlerType::Other`].
    pub fn for_component(component: &Component, wire: &str) -> Self {
        match (component, wire) {
            (Component::Bot, "call_handler") => Self::AlertHandler,
            (Component::Function, "widget_button_handler") => Self::AppletButtonHandler,
            (Component::LinkPreview, "preview_handler") => Self::UnfurlHandler,
            (Component::LinkPreview, "action_handler") => Self::UnfurlButtonActionHandler,
            (Component::LinkPreview, "menu_handler") => Self::UnfurlDynamicActionHandler,
            (Component::LinkPreview, "after_send_handler") => Self::UnfurlPostMessageHandler,
            _ => Self::from_wire(wire),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_names_are_aliases_only_for_their_component() {
        let cases = [
            (Component::Bot, "call_handler", HandlerType::AlertHandler),
            (Component::Bot, "action_handler", HandlerType::ActionHandler),
            (
                Component::LinkPreview,
                "action_handler",
                HandlerType::UnfurlButtonActionHandler,
            ),
            (
                Component::Function,
                "widget_button_handler",
                HandlerType::AppletButtonHandler,
            ),
            (
                Component::Command,
                "preview_handler",
                HandlerType::Other("preview_handler".to_owned()),
            ),
        ];
        for (component, wire, expected) in cases {
            assert_eq!(
                HandlerType::for_component(&component, wire),
                expected,
                "{wire}"
            );
        }
    }
}
