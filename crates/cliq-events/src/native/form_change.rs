//! Answers to a form being edited: modifications of its inputs
//! (`form_change_handler`) and a dynamic select's values
//! (`form_values_handler`).

use serde::{Deserialize, Serialize};

use super::input::{FormInput, FormOption};
use super::validate::NativeValidationError;
use super::wire::wire_enum;

wire_enum! {
    /// What a modification does to an input.
    ModificationType {
        /// Removes the input.
        Remove = "remove",
        /// Clears its value.
        Clear = "clear",
        /// Enables it.
        Enable = "enable",
        /// Disables it.
        Disable = "disable",
        /// Replaces it with `input`.
        Update = "update",
        /// Inserts `input` before it.
        AddBefore = "add_before",
        /// Inserts `input` after it.
        AddAfter = "add_after",
    }
}

/// One modification: `{type, name, input?}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormModificationAction {
    /// What it does.
    #[serde(rename = "type")]
    pub kind: ModificationType,
    /// The input it applies to.
    pub name: String,
    /// The new input, for `update`, `add_before` and `add_after`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<FormInput>,
}

impl FormModificationAction {
    /// A modification of the input `name` that needs no new input
    /// (`remove`, `clear`, `enable`, `disable`).
    pub fn new(kind: ModificationType, name: impl Into<String>) -> Self {
        Self {
            kind,
            name: name.into(),
            input: None,
        }
    }

    /// A modification carrying a new input (`update`, `add_before`, `add_after`).
    pub fn with_input(kind: ModificationType, name: impl Into<String>, input: FormInput) -> Self {
        Self {
            input: Some(input),
            ..Self::new(kind, name)
        }
    }

    fn needs_input(&self) -> bool {
        matches!(
            self.kind,
            ModificationType::Update | ModificationType::AddBefore | ModificationType::AddAfter
        )
    }
}

/// `{type: "form_modification", actions: [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename = "form_modification")]
pub struct FormModification {
    actions: Vec<FormModificationAction>,
}

impl FormModification {
    /// Starts an empty modification.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an action.
    #[must_use]
    pub fn action(mut self, action: FormModificationAction) -> Self {
        self.actions.push(action);
        self
    }

    /// The actions, in order.
    pub fn actions(&self) -> &[FormModificationAction] {
        &self.actions
    }

    /// Checks that there are actions, each naming its input and carrying a
    /// new one where its type needs it, and returns the modification.
    ///
    /// # Errors
    /// [`NativeValidationError::MissingField`] for no actions;
    /// [`NativeValidationError::MissingItemField`] for an action without a
    /// name or without the input it needs, or an input without a name.
    pub fn build(self) -> Result<Self, NativeValidationError> {
        if self.actions.is_empty() {
            let field = "form_modification.actions";
            return Err(NativeValidationError::MissingField { field });
        }
        for (index, action) in self.actions.iter().enumerate() {
            let missing = |field| NativeValidationError::MissingItemField {
                list: "actions",
                index,
                field,
            };
            if action.name.trim().is_empty() {
                return Err(missing("name"));
            }
            match &action.input {
                None if action.needs_input() => return Err(missing("input")),
                Some(input) => input.validate("actions.input", index)?,
                None => {}
            }
        }
        Ok(self)
    }
}

/// A dynamic select's values: `{"options": [{label, value}]}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormValues {
    /// The values offered, in order.
    pub options: Vec<FormOption>,
}

impl FormValues {
    /// Values from options.
    pub fn new<I>(options: I) -> Self
    where
        I: IntoIterator<Item = FormOption>,
    {
        Self {
            options: options.into_iter().collect(),
        }
    }
}
