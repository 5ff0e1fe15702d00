//! The in-memory state: what the server and the [`Emulator`](crate::Emulator)
//! handle share.
//!
//! One mutex guards every resource, so each call sees and leaves a consistent
//! whole; it is never held across an `.await`. Resources keep their creation
//! order, which is also the order of lists.

use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use bytes::Bytes;
use cliq_bot::verify::SigningSecret;
use cliq_events::rest::{
    Bot, Channel, Command, File, IncomingWebhook, MessageSender, Organization, OutgoingWebhook,
    PostedMessage, User,
};
use cliq_events::{ChannelId, UserId};

use crate::auth::Tokens;
use crate::config::EmulatorConfig;
use crate::faults::Faults;
use crate::native::{ResponseLog, RsaKey};
use crate::outgoing::OutgoingLog;
use crate::ratelimit::Limiter;
use crate::seed;

/// Everything the handlers reach, behind one `Arc`.
pub(crate) struct Shared {
    pub(crate) config: EmulatorConfig,
    pub(crate) base_url: String,
    pub(crate) tokens: Tokens,
    pub(crate) faults: Faults,
    pub(crate) limiter: Limiter,
    pub(crate) requests: AtomicUsize,
    pub(crate) secret: SigningSecret,
    pub(crate) http: reqwest::Client,
    pub(crate) outgoing: OutgoingLog,
    pub(crate) rsa: Arc<RsaKey>,
    pub(crate) responses: ResponseLog,
    pub(crate) runtime: tokio::runtime::Handle,
    store: Mutex<Store>,
}

impl Shared {
    pub(crate) fn new(
        config: EmulatorConfig,
        base_url: String,
        http: reqwest::Client,
        rsa: Arc<RsaKey>,
        runtime: tokio::runtime::Handle,
    ) -> Self {
        Self {
            tokens: Tokens::new(config.access_token_lifetime),
            limiter: Limiter::new(config.rate_limit),
            secret: SigningSecret::new(config.signing_secret.as_bytes()),
            faults: Faults::default(),
            requests: AtomicUsize::new(0),
            outgoing: OutgoingLog::default(),
            responses: ResponseLog::default(),
            store: Mutex::new(Store::seeded()),
            config,
            base_url,
            http,
            rsa,
            runtime,
        }
    }

    /// Locks the store; a panic elsewhere never makes it unusable.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `{base}/api/v2{path}`.
    pub(crate) fn api_url(&self, path: &str) -> String {
        format!("{}/api/v2{path}", self.base_url)
    }
}

/// A channel and its members (user ids, or e-mail addresses of people who
/// are not users of the organization).
#[derive(Clone, Debug)]
pub(crate) struct ChannelRecord {
    /// Creation order: the position `next_token` resumes after.
    pub(crate) seq: u64,
    pub(crate) channel: Channel,
    pub(crate) members: Vec<String>,
}

impl ChannelRecord {
    /// Adds a member unless present; `true` if added.
    pub(crate) fn add_member(&mut self, key: String) -> bool {
        if self.members.contains(&key) {
            return false;
        }
        self.members.push(key);
        self.channel.member_count = Some(self.members.len() as u64);
        true
    }

    pub(crate) fn remove_member(&mut self, key: &str) -> bool {
        let before = self.members.len();
        self.members.retain(|m| m != key);
        self.channel.member_count = Some(self.members.len() as u64);
        before != self.members.len()
    }
}

/// A posted message and, for a direct message, its recipient.
#[derive(Clone, Debug)]
pub(crate) struct StoredMessage {
    pub(crate) posted: PostedMessage,
    pub(crate) recipient: Option<UserId>,
}

/// An incoming webhook, its secret token and the channel name in its URL.
#[derive(Clone, Debug)]
pub(crate) struct IncomingRecord {
    pub(crate) webhook: IncomingWebhook,
    pub(crate) token: String,
    pub(crate) channel_name: String,
}

/// An uploaded file and its bytes.
#[derive(Clone, Debug)]
pub(crate) struct StoredFile {
    pub(crate) file: File,
    pub(crate) bytes: Bytes,
}

/// Every resource, in creation order.
#[derive(Debug)]
pub(crate) struct Store {
    pub(crate) users: Vec<User>,
    pub(crate) organization: Organization,
    pub(crate) channels: Vec<ChannelRecord>,
    pub(crate) messages: Vec<StoredMessage>,
    pub(crate) bots: Vec<Bot>,
    pub(crate) incoming: Vec<IncomingRecord>,
    pub(crate) outgoing: Vec<OutgoingWebhook>,
    pub(crate) files: Vec<StoredFile>,
    pub(crate) commands: Vec<Command>,
    /// How many channels `seed_channels` has named so far.
    pub(crate) seeded_channels: usize,
    next_id: u64,
}

impl Store {
    fn seeded() -> Self {
        let users = seed::users();
        let organization = seed::organization(users.len());
        let mut default = ChannelRecord {
            seq: 0,
            channel: seed::default_channel(&users[0]),
            members: Vec::new(),
        };
        for user in &users {
            default.add_member(user.id.to_string());
        }
        Self {
            users,
            organization,
            channels: vec![default],
            messages: Vec::new(),
            bots: Vec::new(),
            incoming: Vec::new(),
            outgoing: Vec::new(),
            files: Vec::new(),
            commands: Vec::new(),
            seeded_channels: 0,
            next_id: 1_234_567_891,
        }
    }

    /// A fresh id with this prefix (`CT_1234567891`), and its sequence number.
    pub(crate) fn next_id(&mut self, prefix: &str) -> (u64, String) {
        let n = self.next_id;
        self.next_id += 1;
        (n, format!("{prefix}{n}"))
    }

    /// The token's owner, John Doe.
    pub(crate) fn me(&self) -> &User {
        &self.users[0]
    }

    /// The current user as a message sender.
    pub(crate) fn me_as_sender(&self) -> MessageSender {
        let me = self.me();
        MessageSender {
            id: me.id.clone(),
            name: display_name(me),
            email: me.email.clone(),
        }
    }

    pub(crate) fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub(crate) fn user_by_email(&self, email: &str) -> Option<&User> {
        self.users.iter().find(|u| {
            u.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
    }

    pub(crate) fn channel(&self, id: &ChannelId) -> Option<&ChannelRecord> {
        self.channels.iter().find(|c| c.channel.id == *id)
    }

    pub(crate) fn channel_mut(&mut self, id: &str) -> Option<&mut ChannelRecord> {
        self.channels.iter_mut().find(|c| c.channel.id == id)
    }

    pub(crate) fn message_mut(&mut self, id: &str) -> Option<&mut StoredMessage> {
        self.messages.iter_mut().find(|m| m.posted.id == id)
    }
}

/// The name a user goes by.
pub(crate) fn display_name(user: &User) -> String {
    user.display_name
        .clone()
        .or_else(|| user.email.clone())
        .unwrap_or_else(|| user.id.to_string())
}
