//! Form inputs: `{type, name, label, ...}` and their options.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::validate::NativeValidationError;
use super::wire::wire_enum;
wire_enum! {
    /// A form input's `type`.
    InputType {
        /// A one-line text field.
        Text = "text",
        /// A multi-line text field.
        Textarea = "textarea",
        /// A drop-down of `options`.
        Select = "select",
        /// A drop-down of Cliq's own data (users, channels, …).
        NativeSelect = "native_select",
        /// A drop-down filled by the form's `form_values_handler`.
        DynamicSelect = "dynamic_select",
        /// Radio buttons of `options`.
        Radio = "radio",
        /// Check boxes of `options`.
        Checkbox = "checkbox",
        /// An on/off switch.
        Toggle = "toggle",
        /// A date.
        Date = "date",
        /// A date and time.
        Datetime = "datetime",
        /// A location.
        Location = "location",
        /// A number.
        Number = "number",
        /// A file upload.
        File = "file",
        /// A hidden value.
        Hidden = "hidden",
        /// A catalogue of items.
        Catalogue = "catalogue",
        /// A phone number.
        PhoneNumber = "phone_number",
    }
}

/// A choice of a select, radio or checkbox input, and a dynamic select's
/// value: `{label, value}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOption {
    /// What the user sees.
    pub label: String,
    /// What the form sends.
    pub value: String,
}

impl FormOption {
    /// An option.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// A form input. Fields not typed here (`format`, `min`, `max`, `filter`,
/// `boundary`, `data_source`, …) go in `extra`; an input of an unknown type
/// is [`InputType::Other`] with its fields in `extra`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormInput {
    /// The input's type.
    #[serde(rename = "type")]
    pub kind: InputType,
    /// The key of its value in the submitted form.
    pub name: String,
    /// The label shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Help under the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Text shown while empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// Whether a value is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandatory: Option<bool>,
    /// The initial value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The choices of a select, radio or checkbox input.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<FormOption>,
    /// Whether a change calls the form's `form_change_handler`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_on_change: Option<bool>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl FormInput {
    /// An input of a type, with its name and label.
    pub fn new(kind: InputType, name: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            kind,
            name: name.into(),
            label: Some(label.into()),
            hint: None,
            placeholder: None,
            mandatory: None,
            value: None,
            options: Vec::new(),
            trigger_on_change: None,
            extra: Map::new(),
        }
    }

    /// A `text` input.
    pub fn text(name: impl Into<String>, label: impl Into<String>) -> Self {
        Self::new(InputType::Text, name, label)
    }

    /// A `textarea` input.
    pub fn textarea(name: impl Into<String>, label: impl Into<String>) -> Self {
        Self::new(InputType::Textarea, name, label)
    }

    /// A `toggle` input.
    pub fn toggle(name: impl Into<String>, label: impl Into<String>) -> Self {
        Self::new(InputType::Toggle, name, label)
    }

    /// A `date` input.
    pub fn date(name: impl Into<String>, label: impl Into<String>) -> Self {
        Self::new(InputType::Date, name, label)
    }

    /// An input choosing among `options`: `select`, `radio` or `checkbox`.
    pub fn choice<I>(
        kind: InputType,
        name: impl Into<String>,
        label: impl Into<String>,
        options: I,
    ) -> Self
    where
        I: IntoIterator<Item = FormOption>,
    {
        Self {
            options: options.into_iter().collect(),
            ..Self::new(kind, name, label)
        }
    }

    /// Sets the help text.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the placeholder.
    #[must_use]
    pub fn placeholder(mut self, placeholder: impl Into<String>) -> Self {
        self.placeholder = Some(placeholder.into());
        self
    }

    /// Makes a value required or optional.
    #[must_use]
    pub fn mandatory(mut self, mandatory: bool) -> Self {
        self.mandatory = Some(mandatory);
        self
    }

    /// Sets the initial value.
    #[must_use]
    pub fn value(mut self, value: impl Into<Value>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// Sets a field not typed here.
    #[must_use]
    pub fn field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.extra.insert(key.into(), value.into());
        self
    }

    /// Checks the name, and the options of a choice input.
    pub(super) fn validate(
        &self,
        list: &'static str,
        index: usize,
    ) -> Result<(), NativeValidationError> {
        let missing = |field| NativeValidationError::MissingItemField { list, index, field };
        if self.name.trim().is_empty() {
            return Err(missing("name"));
        }
        let needs_options = matches!(
            self.kind,
            InputType::Select | InputType::Radio | InputType::Checkbox
        );
        if needs_options && self.options.is_empty() {
            return Err(missing("options"));
        }
        Ok(())
    }
}
