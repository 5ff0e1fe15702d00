//! Forms: `{type: "form", title, name, hint, button_label, inputs, action}`.

use serde::{Deserialize, Serialize};

use super::button::ActionType;
use super::input::FormInput;
use super::validate::{NativeValidationError, required};

/// What submitting a form calls: `{type: "invoke.function", name}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormAction {
    /// Always `invoke.function` for forms Zoho documents.
    #[serde(rename = "type")]
    pub kind: ActionType,
    /// The function called.
    pub name: String,
}

/// A form, shown to the user in place of a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename = "form")]
pub struct Form {
    title: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    button_label: Option<String>,
    inputs: Vec<FormInput>,
    action: FormAction,
}

impl Form {
    /// Starts a form named `name`, titled `title`, whose submission calls
    /// the function `function`.
    pub fn builder(
        name: impl Into<String>,
        title: impl Into<String>,
        function: impl Into<String>,
    ) -> FormBuilder {
        let action = FormAction {
            kind: ActionType::InvokeFunction,
            name: function.into(),
        };
        let (name, title) = (name.into(), title.into());
        let form = Self {
            title,
            name,
            hint: None,
            button_label: None,
            inputs: Vec::new(),
            action,
        };
        FormBuilder { form }
    }

    /// The form's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The inputs, in order.
    pub fn inputs(&self) -> &[FormInput] {
        &self.inputs
    }
}

/// Builds a [`Form`]; see [`Form::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct FormBuilder {
    form: Form,
}

impl FormBuilder {
    /// Sets the help text under the title.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.form.hint = Some(hint.into());
        self
    }

    /// Sets the submit button's label.
    pub fn button_label(mut self, label: impl Into<String>) -> Self {
        self.form.button_label = Some(label.into());
        self
    }

    /// Appends an input.
    pub fn input(mut self, input: FormInput) -> Self {
        self.form.inputs.push(input);
        self
    }

    /// Checks the required fields and returns the form.
    ///
    /// # Errors
    /// [`NativeValidationError::MissingField`] for an empty `form.name`,
    /// `form.title`, `form.action.name` or no `form.inputs`;
    /// [`NativeValidationError::MissingItemField`] for an input without a
    /// name, or a select, radio or checkbox input without options.
    pub fn build(self) -> Result<Form, NativeValidationError> {
        let form = &self.form;
        required(&form.name, "form.name")?;
        required(&form.title, "form.title")?;
        required(&form.action.name, "form.action.name")?;
        if form.inputs.is_empty() {
            return Err(NativeValidationError::MissingField {
                field: "form.inputs",
            });
        }
        for (index, input) in form.inputs.iter().enumerate() {
            input.validate("inputs", index)?;
        }
        Ok(self.form)
    }
}
