//! Native buttons: `{label, type: "+" | "-", action: {type, data, confirm?}}`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::wire::{open_struct, wire_enum};

wire_enum! {
    /// What a button does: its `action.type`.
    ActionType {
        /// `invoke.function`: calls the function named in `data.name`.
        InvokeFunction = "invoke.function",
        /// `open.url`: opens `data.web`.
        OpenUrl = "open.url",
        /// `preview.url`: previews `data.web` inside Cliq.
        PreviewUrl = "preview.url",
        /// `system.api`: a Cliq action such as `audiocall/{id}` in `data.api`.
        SystemApi = "system.api",
        /// `copy`: copies text.
        Copy = "copy",
        /// `invoke.bot`: opens a bot.
        InvokeBot = "invoke.bot",
    }
}

wire_enum! {
    /// A button's look: its `type`.
    ButtonStyle {
        /// `+`: a positive (green) button.
        Positive = "+",
        /// `-`: a negative (red) button.
        Negative = "-",
    }
}

open_struct! {
    /// An action's `data`; which fields matter depends on the action type.
    /// Fields not typed here (for `copy`, `invoke.bot`, …) go in `extra`.
    ActionData {
        /// The function called (`invoke.function`).
        name: String,
        /// The function's owner, when it belongs to another user.
        owner: String,
        /// The URL opened (`open.url`, `preview.url`).
        web: String,
        /// A Windows app's URL.
        windows: String,
        /// An iOS app's URL.
        ios = "iOS": String,
        /// An Android app's URL.
        android: String,
        /// The Cliq action (`system.api`).
        api: String,
    }
}

open_struct! {
    /// A confirmation shown before the action runs.
    Confirm {
        /// The dialog's title.
        title: String,
        /// Its description.
        description: String,
        /// A prompt for text the user types.
        input: String,
        /// The confirming button's text.
        button_text: String,
    }
}

/// A button's action: `{type, data, confirm?}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ButtonAction {
    /// The action's type.
    #[serde(rename = "type")]
    pub kind: ActionType,
    /// Its data.
    #[serde(default)]
    pub data: ActionData,
    /// A confirmation, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<Confirm>,
}

impl ButtonAction {
    /// An action of a type, with its data.
    pub fn new(kind: ActionType, data: ActionData) -> Self {
        Self {
            kind,
            data,
            confirm: None,
        }
    }
}

/// A native button. Its limits are checked when the message or slide holding
/// it is built ([`limits`](super::limits)).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NativeButton {
    /// The text on the button.
    pub label: String,
    /// Its look.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub style: Option<ButtonStyle>,
    /// A tooltip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// A key identifying the button; an `invoke.function` click sends it back
    /// in `params.arguments.key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// What it does.
    pub action: ButtonAction,
}

impl NativeButton {
    /// A button with a label and an action.
    pub fn new(label: impl Into<String>, action: ButtonAction) -> Self {
        Self {
            label: label.into(),
            style: None,
            hint: None,
            key: None,
            action,
        }
    }

    /// An `invoke.function` button calling `function`.
    pub fn invoke_function(label: impl Into<String>, function: impl Into<String>) -> Self {
        let data = ActionData {
            name: Some(function.into()),
            ..ActionData::default()
        };
        Self::new(label, ButtonAction::new(ActionType::InvokeFunction, data))
    }

    /// An `open.url` button opening `url`.
    pub fn open_url(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self::web(label, ActionType::OpenUrl, url.into())
    }

    /// A `preview.url` button previewing `url`.
    pub fn preview_url(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self::web(label, ActionType::PreviewUrl, url.into())
    }

    /// A `system.api` button running a Cliq action such as `startchat/{id}`.
    pub fn system_api(label: impl Into<String>, api: impl Into<String>) -> Self {
        let data = ActionData {
            api: Some(api.into()),
            ..ActionData::default()
        };
        Self::new(label, ButtonAction::new(ActionType::SystemApi, data))
    }

    fn web(label: impl Into<String>, kind: ActionType, url: String) -> Self {
        let data = ActionData {
            web: Some(url),
            ..ActionData::default()
        };
        Self::new(label, ButtonAction::new(kind, data))
    }

    /// Sets the look.
    #[must_use]
    pub fn style(mut self, style: ButtonStyle) -> Self {
        self.style = Some(style);
        self
    }

    /// Sets the tooltip.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the key a click sends back.
    #[must_use]
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Asks for confirmation before the action runs.
    #[must_use]
    pub fn confirm(mut self, confirm: Confirm) -> Self {
        self.action.confirm = Some(confirm);
        self
    }

    /// Sets a field of the action's data not typed in [`ActionData`].
    #[must_use]
    pub fn data_field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.action.data.extra.insert(key.into(), value.into());
        self
    }
}
