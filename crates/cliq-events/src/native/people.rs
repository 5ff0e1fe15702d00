//! Who and where: users, mentions, chats, the caller's access and environment.

use super::parts::MessageObject;
use super::wire::{LooseString, open_struct};
use crate::data_centre::DataCentre;

open_struct! {
    /// A user as native calls carry one (`params.user`, a message's `sender`,
    /// a chat's `members`).
    NativeUser {
        /// The user's id.
        id: String,
        /// The first name.
        first_name: String,
        /// The last name.
        last_name: String,
        /// The full name, where sent instead of first and last.
        name: String,
        /// The e-mail address.
        email: String,
        /// Whether the user administers the organization.
        admin: bool,
        /// The organization's id (Zoho's SDK types it as a number).
        organization_id: LooseString,
        /// The Zoho account id.
        zoho_user_id: LooseString,
        /// The time zone, such as `Asia/Calcutta`.
        timezone: String,
        /// The language code, such as `en`.
        language: String,
        /// The country code, such as `us`.
        country: String,
    }
}

impl NativeUser {
    /// The name to show: first and last name joined, else `name`, else the
    /// e-mail address; `None` when all are empty or absent.
    pub fn display_name(&self) -> Option<String> {
        let parts = [self.first_name.as_deref(), self.last_name.as_deref()];
        let joined = parts.into_iter().flatten().collect::<Vec<_>>().join(" ");
        [
            Some(joined.trim()),
            self.name.as_deref(),
            self.email.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|name| !name.is_empty())
        .map(str::to_owned)
    }
}

open_struct! {
    /// A user or bot a message mentions, in a call's `mentions` or a reply's.
    NativeMention {
        /// The id of the user, bot or channel.
        id: String,
        /// The name.
        name: String,
        /// The display name.
        dname: String,
        /// What is mentioned: `user`, `bot`, `channel`, …
        kind = "type": String,
    }
}

impl NativeMention {
    /// A mention of `kind` (`user`, `bot`, `channel`) with an id, for a reply.
    pub fn new(kind: impl Into<String>, id: impl Into<String>) -> Self {
        Self {
            id: Some(id.into()),
            kind: Some(kind.into()),
            ..Self::default()
        }
    }
}

open_struct! {
    /// The chat a call comes from (`params.chat`). May be empty (`{}`).
    NativeChat {
        /// The chat's id (`CT_…`, `CD_…`).
        id: String,
        /// The chat's type: `channel`, `bot`, `dm`, `chat`, `thread`, …
        kind = "type": String,
        /// The chat's type again, in link-preview calls.
        chat_type: String,
        /// The chat's title (a channel's name).
        title: String,
        /// The owner's user id (Zoho's SDK types it as a number).
        owner: LooseString,
        /// The members.
        members: Vec<NativeUser>,
        /// The latest messages.
        recent_messages: Vec<MessageObject>,
        /// A channel's unique name.
        channel_unique_name: String,
        /// A channel's id (`O…`).
        channel_id: String,
        /// The entity a chat belongs to, for entity chats.
        entity_id: String,
    }
}

open_struct! {
    /// An organization: `{type: company | network, id}`.
    Organization {
        /// `company` or `network`.
        kind = "type": String,
        /// The organization's id (Zoho's SDK types it as a number).
        id: LooseString,
    }
}

open_struct! {
    /// Who is calling from where (`params.access`).
    Access {
        /// The Cliq user id.
        user_id: LooseString,
        /// The Zoho account id.
        zoho_user_id: LooseString,
        /// The organization.
        organization: Organization,
        /// The client's user agent.
        user_agent: String,
        /// The chat the call comes from.
        chat_id: String,
        /// The message acted on, where there is one.
        message_id: String,
        /// The client platform's version.
        platform_version: String,
        /// The parent chat, for threads.
        parent_chat_id: String,
    }
}

open_struct! {
    /// Where the caller's account lives (`params.environment`).
    Environment {
        /// The data centre's code, such as `US`.
        data_center: String,
        /// The organization's Cliq URL, such as `https://cliq.zoho.com/company/1`.
        base_url: String,
        /// The top-level domain, such as `.com`.
        tld: String,
    }
}

impl Environment {
    /// The data centre: from `data_center`, else from `tld`; `None` when
    /// neither names a known data centre.
    pub fn data_centre(&self) -> Option<DataCentre> {
        self.data_center
            .as_deref()
            .and_then(|code| code.parse().ok())
            .or_else(|| self.tld.as_deref().and_then(DataCentre::from_tld))
    }
}

open_struct! {
    /// The extension's version being installed or removed (`params.app_info`).
    AppInfo {
        /// The version being installed.
        current_version: String,
        /// The version installed before, on an upgrade.
        existing_version: String,
        /// `install`, `upgrade` or `uninstall`.
        kind = "type": String,
    }
}
