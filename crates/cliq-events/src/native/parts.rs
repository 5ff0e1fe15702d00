//! What a call acts on: messages, locations, targets, forms, selections and
//! attachments.

use serde_json::{Map, Number, Value};

use super::people::{NativeMention, NativeUser};
use super::wire::{EpochMillis, open_struct};

open_struct! {
    /// A message as native calls carry one: the message a button sits on, the
    /// one acted on, a chat's recent messages.
    MessageObject {
        /// The message's id.
        id: String,
        /// `text`, `file`, `attachment`, `banner`, …
        kind = "type": String,
        /// The text.
        text: String,
        /// When it was sent; the samples send a string of digits.
        time: EpochMillis,
        /// Who sent it.
        sender: NativeUser,
        /// A file's comment.
        comment: String,
        /// Whether the recipient has read it.
        is_read: bool,
        /// Who it mentions.
        mentions: Vec<NativeMention>,
    }
}

open_struct! {
    /// The messages a message action was run on (`params.messages`).
    MessageList {
        /// How many.
        count: u64,
        /// The messages.
        list: Vec<MessageObject>,
    }
}

open_struct! {
    /// The caller's location, when shared (`params.location`). Coordinates are
    /// kept as the JSON numbers sent; [`Location::coordinates`] reads them.
    Location {
        /// Degrees north.
        latitude: Number,
        /// Degrees east.
        longitude: Number,
        /// Accuracy in metres.
        accuracy: Number,
        /// Altitude in metres.
        altitude: Number,
        /// `granted`, `prompt`, `denied` or `failed`.
        status: String,
    }
}

impl Location {
    /// `(latitude, longitude)` in degrees, when both are sent.
    pub fn coordinates(&self) -> Option<(f64, f64)> {
        let latitude = self.latitude.as_ref()?.as_f64()?;
        let longitude = self.longitude.as_ref()?.as_f64()?;
        Some((latitude, longitude))
    }
}

open_struct! {
    /// What was clicked or changed (`params.target`): a button, a form field,
    /// a widget button or a link-preview action.
    Target {
        /// The button's or field's name.
        name: String,
        /// The button's id.
        id: String,
        /// The button's key, when it carries one.
        key: String,
        /// The label.
        label: String,
        /// The hint.
        hint: String,
        /// What was typed into a dynamic select.
        query: String,
        /// A widget section's id.
        section_id: String,
        /// A widget tab's id.
        tab_id: String,
        /// A changed field's new value.
        value: Value,
        /// A link-preview action's parameters.
        params: Map<String, Value>,
    }
}

open_struct! {
    /// A form as submitted or changed (`params.form`).
    FormParam {
        /// The form's name.
        name: String,
        /// `submit`, `change`, `input`, …
        action: String,
        /// The values by field name: a string, or `{label, value}` for choices.
        values: Map<String, Value>,
    }
}

impl FormParam {
    /// A field's value as text: a string value, or the `value` of a choice.
    pub fn value(&self, field: &str) -> Option<&str> {
        match self.values.as_ref()?.get(field)? {
            Value::String(text) => Some(text),
            Value::Object(choice) => choice.get("value").and_then(Value::as_str),
            _ => None,
        }
    }
}

open_struct! {
    /// A command suggestion the user picked (`params.selections`).
    Selection {
        /// The suggestion's title.
        title: String,
        /// Its description.
        description: String,
        /// Its image URL.
        imageurl: String,
    }
}

open_struct! {
    /// A file sent with a call (`params.attachments`).
    NativeAttachment {
        /// The file's id.
        id: String,
        /// The file name.
        name: String,
        /// The comment sent with it.
        comment: String,
        /// Where to download it.
        url: String,
        /// Its media type.
        contenttype: String,
    }
}
