//! What every emulator starts with: the organization, three users (the token's
//! owner first) and one channel, all with the reference's example values.

use cliq_events::rest::{Channel, ChannelType, Organization, User, UserStatus};
use cliq_events::{ChannelId, OrganizationId, Timestamp, UserId};

/// The seeded organization's id.
pub const ORGANIZATION_ID: &str = "123456";
/// The id of the seeded current user, John Doe.
pub const ME_ID: &str = "9876543210";
/// The id of the channel seeded at start, "Development".
pub const DEFAULT_CHANNEL_ID: &str = "CT_1234567890";

fn timestamp(text: &str) -> Option<Timestamp> {
    Timestamp::parse(text).ok()
}

fn user(id: &str, first: &str, last: &str, timezone: &str) -> User {
    User {
        id: UserId::new(id),
        email: Some(format!(
            "{}.{}@company.com",
            first.to_lowercase(),
            last.to_lowercase()
        )),
        first_name: Some(first.to_owned()),
        last_name: Some(last.to_owned()),
        display_name: Some(format!("{first} {last}")),
        status: Some(UserStatus::Active),
        timezone: Some(timezone.to_owned()),
        organization_id: Some(OrganizationId::new(ORGANIZATION_ID)),
    }
}

/// John Doe (the current user), Jane Smith and Bob Wilson.
pub(crate) fn users() -> Vec<User> {
    vec![
        user(ME_ID, "John", "Doe", "America/New_York"),
        user("1234567891", "Jane", "Smith", "Europe/London"),
        user("1234567892", "Bob", "Wilson", "Asia/Kolkata"),
    ]
}

pub(crate) fn organization(member_count: usize) -> Organization {
    Organization {
        id: OrganizationId::new(ORGANIZATION_ID),
        name: "Acme Corporation".to_owned(),
        domain: Some("acmecorp".to_owned()),
        created_time: timestamp("2024-01-01T00:00:00Z"),
        member_count: Some(member_count as u64),
    }
}

/// A channel object as the emulator creates them, public unless told.
pub(crate) fn channel(id: &ChannelId, name: &str, creator: &User) -> Channel {
    let now = Timestamp::now();
    Channel {
        id: id.clone(),
        name: name.to_owned(),
        description: None,
        channel_type: Some(ChannelType::Channel),
        link: Some(format!("https://cliq.zoho.com/company/channel/{id}")),
        is_private: Some(false),
        created_time: Some(now),
        modified_time: Some(now),
        creator_id: Some(creator.id.clone()),
        creator_name: creator.display_name.clone(),
        member_count: Some(0),
        organization_id: Some(OrganizationId::new(ORGANIZATION_ID)),
    }
}

/// "Development", with every seeded user as a member.
pub(crate) fn default_channel(creator: &User) -> Channel {
    Channel {
        description: Some("Channel for development team discussions".to_owned()),
        created_time: timestamp("2025-01-15T10:00:00Z"),
        modified_time: timestamp("2025-12-10T14:30:00Z"),
        ..channel(&ChannelId::new(DEFAULT_CHANNEL_ID), "Development", creator)
    }
}
