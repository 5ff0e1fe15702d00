//! Users and the organization: `GET /users/me`, the user search query and
//! `GET /organization`.

use serde::{Deserialize, Serialize};

use crate::id::{OrganizationId, UserId};
use crate::timestamp::Timestamp;

wire_enum! {
    /// The `status` of a [`User`].
    ///
    /// The reference shows only `active`; other states arrive as
    /// [`UserStatus::Other`].
    pub enum UserStatus {
        /// `active`: the account is in use.
        Active = "active",
    }
}

/// A user, as `GET /users/me` and `GET /users/{user_id}` return it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The user's id, such as `9876543210`.
    pub id: UserId,
    /// The email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The name shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The account's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    /// The IANA time zone, such as `America/New_York`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The organization the user belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<OrganizationId>,
}

/// The query of `GET /users`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct SearchUsers {
    /// The search term.
    pub query: String,
    /// Results per page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl SearchUsers {
    /// Searches for `query`, with the server's page size.
    pub fn new(query: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            limit: None,
        }
    }

    /// Sets the page size.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// The caller's organization, as `GET /organization` returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    /// The organization's id, such as `123456`.
    pub id: OrganizationId,
    /// The display name.
    pub name: String,
    /// The organization's short domain name, such as `acmecorp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// When the organization was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<Timestamp>,
    /// How many members the organization has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u64>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn search_query_leaves_out_an_unset_limit() -> serde_json::Result<()> {
        let cases = [
            (SearchUsers::new("john"), json!({"query": "john"})),
            (
                SearchUsers::new("john").limit(20),
                json!({"query": "john", "limit": 20}),
            ),
        ];
        for (query, expected) in cases {
            assert_eq!(serde_json::to_value(query)?, expected);
        }
        Ok(())
    }
}
