//! Channels: the Channel Object, the list query and the create, update and
//! add-members bodies.

use serde::{Deserialize, Serialize};

use crate::id::{ChannelId, OrganizationId, UserId};
use crate::timestamp::Timestamp;

wire_enum! {
    /// The `type` of a [`Channel`].
    ///
    /// The reference shows only `channel`; other kinds of conversation arrive
    /// as [`ChannelType::Other`].
    pub enum ChannelType {
        /// `channel`: a group conversation.
        Channel = "channel",
    }
}

/// A channel, as `GET /channels/{id}` and `GET /channels` return it.
///
/// Only `id` and `name` are required: the reference's generic list example
/// carries nothing else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    /// The channel's id, such as `CT_1234567890`.
    pub id: ChannelId,
    /// The display name.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The kind of conversation.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<ChannelType>,
    /// The channel's permalink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Whether the channel is private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
    /// When the channel was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<Timestamp>,
    /// When the channel was last modified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_time: Option<Timestamp>,
    /// The creator's user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<UserId>,
    /// The creator's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_name: Option<String>,
    /// How many members the channel has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u64>,
    /// The organization the channel belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<OrganizationId>,
}

/// The `type` filter of [`ListChannels`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChannelTypeFilter {
    /// `public`: only channels anyone in the organization can join.
    Public,
    /// `private`: only invitation-only channels.
    Private,
}

/// The query of `GET /channels`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct ListChannels {
    /// Results per page; the server defaults to [`ListChannels::DEFAULT_LIMIT`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// The `next_token` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// Only public or only private channels.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<ChannelTypeFilter>,
}

impl ListChannels {
    /// The most results one page may hold.
    pub const MAX_LIMIT: u32 = 50;
    /// The page size when no limit is given.
    pub const DEFAULT_LIMIT: u32 = 20;

    /// The first page, with the server's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page size, lowered to [`Self::MAX_LIMIT`] when above it.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit.min(Self::MAX_LIMIT));
        self
    }

    /// Asks for the page after the one that returned `token`.
    pub fn next_token(mut self, token: impl Into<String>) -> Self {
        self.next_token = Some(token.into());
        self
    }

    /// Keeps only public or only private channels.
    pub fn channel_type(mut self, filter: ChannelTypeFilter) -> Self {
        self.channel_type = Some(filter);
        self
    }
}

/// The body of `POST /channels`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct CreateChannel {
    /// The display name.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the channel is private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
    /// The first members, by email address.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::serde_util::null_as_default"
    )]
    pub members: Vec<String>,
}

impl CreateChannel {
    /// A channel with this name and the server's defaults for the rest.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            description: None,
            is_private: None,
            members: Vec::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Makes the channel private or public.
    pub fn is_private(mut self, is_private: bool) -> Self {
        self.is_private = Some(is_private);
        self
    }

    /// Adds a member by email address.
    pub fn member(mut self, email: impl Into<String>) -> Self {
        self.members.push(email.into());
        self
    }
}

/// The body of `PUT /channels/{channel_id}`; unset fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct UpdateChannel {
    /// The new display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The new description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl UpdateChannel {
    /// An update that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Renames the channel.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Replaces the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

/// The body of `POST /channels/{channel_id}/members`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddMembers {
    /// The members to add, by email address.
    #[serde(default, deserialize_with = "crate::serde_util::null_as_default")]
    pub members: Vec<String>,
}

impl AddMembers {
    /// Adds these members, given by email address.
    pub fn new<I>(members: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Self {
            members: members.into_iter().map(Into::into).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn builders_write_the_reference_bodies() -> serde_json::Result<()> {
        let create = CreateChannel::new("Project Phoenix")
            .description("Discussion channel for Project Phoenix")
            .is_private(false)
            .member("user1@company.com")
            .member("user2@company.com");
        assert_reference_body!(create, "request-create-channel.json");
        let update = UpdateChannel::new()
            .name("Project Phoenix - Updated")
            .description("Updated description");
        assert_reference_body!(update, "request-update-channel.json");
        let add = AddMembers::new(["user3@company.com", "user4@company.com"]);
        assert_reference_body!(add, "request-add-members.json");
        Ok(())
    }

    #[test]
    fn list_query_leaves_out_unset_fields_and_caps_the_limit() -> serde_json::Result<()> {
        assert_eq!(serde_json::to_value(ListChannels::new())?, json!({}));
        let full = ListChannels::new()
            .limit(80)
            .next_token("abc123")
            .channel_type(ChannelTypeFilter::Private);
        let expected = json!({"limit": 50, "next_token": "abc123", "type": "private"});
        assert_eq!(serde_json::to_value(full)?, expected);
        Ok(())
    }
}
