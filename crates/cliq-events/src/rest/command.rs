//! Slash commands: the command object and the create body. The callback a
//! command triggers is not a REST object.

use serde::{Deserialize, Serialize};

use crate::id::CommandId;

/// A slash command, as `POST /commands` returns it.
///
/// The reference shows no response body; the fields mirror the request and
/// only `name` is required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Command {
    /// The command's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<CommandId>,
    /// The name typed after the slash, such as `deploy`.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The usage hint, such as `/deploy [environment]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The URL Cliq calls when the command runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
}

/// The body of `POST /commands`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct CreateCommand {
    /// The name typed after the slash, without the slash.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The usage hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The URL Cliq calls when the command runs.
    pub callback_url: String,
}

impl CreateCommand {
    /// A command `/name` that calls `callback_url`.
    pub fn new(name: impl Into<String>, callback_url: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            description: None,
            hint: None,
            callback_url: callback_url.into(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the usage hint, such as `/deploy [environment]`.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_writes_the_reference_body() -> serde_json::Result<()> {
        let create = CreateCommand::new("deploy", "https://yourdomain.com/commands/deploy")
            .description("Trigger deployment")
            .hint("/deploy [environment]");
        assert_reference_body!(create, "request-create-command.json");
        Ok(())
    }
}
