//! Who and where callbacks come from (users and channels named in a test),
//! and what the bot sent to the emulated Cliq.

use cliq_client::Client;
use cliq_emulator::Emulator;
use cliq_events::ChannelId;
use cliq_events::callback::{ChannelRef, UserRef};
use cliq_events::rest::{CreateChannel, PostedMessage};

use crate::error::{KitError, KitErrorKind};
use crate::kit::TestKit;

/// A callback's user, as a call builder was told.
#[derive(Clone, Debug, Default)]
pub(crate) enum Who {
    /// The kit's default user.
    #[default]
    Default,
    /// A user by display name.
    Named(String),
    /// Exactly this user.
    Given(UserRef),
}

/// A callback's channel, as a call builder was told.
#[derive(Clone, Debug, Default)]
pub(crate) enum Where {
    /// The kit's default channel.
    #[default]
    Default,
    /// A channel by name.
    Named(String),
    /// Exactly this channel.
    Given(ChannelRef),
    /// No channel (optional on clicks).
    Nowhere,
}

impl<S> TestKit<S> {
    /// The emulated Cliq, with one ([`TestKit::with_emulator`]).
    pub fn emulator(&self) -> Option<&Emulator> {
        self.outbound.as_ref().map(|o| &o.emulator)
    }

    /// The client the bot was given, pointed at the emulator.
    pub fn client(&self) -> Option<&Client> {
        self.outbound.as_ref().map(|o| &o.client)
    }

    /// What the bot posted to `channel` in the emulated Cliq, oldest first.
    /// Await [`settle`](Self::settle) first for work still running.
    ///
    /// # Panics
    /// When the kit has no emulator.
    #[track_caller]
    pub fn sent_to(&self, channel: &ChannelId) -> Vec<PostedMessage> {
        self.expect_emulator().channel_messages(channel)
    }

    /// Every message the bot posted whose text contains `text`, in any
    /// channel or direct conversation, oldest first.
    ///
    /// # Panics
    /// When the kit has no emulator.
    #[track_caller]
    pub fn sent_containing(&self, text: &str) -> Vec<PostedMessage> {
        self.expect_emulator().messages_containing(text)
    }

    /// The id of the channel called `name` in callbacks: the default
    /// channel's, the emulator's channel of that name, else `CT_<name>`.
    pub fn channel_id(&self, name: &str) -> ChannelId {
        self.known_channel(name)
            .map_or_else(|| ChannelId::new(format!("CT_{}", slug(name))), |c| c.id)
    }

    #[track_caller]
    fn expect_emulator(&self) -> &Emulator {
        match self.emulator() {
            Some(emulator) => emulator,
            None => panic!("this kit has no emulator: build it with TestKit::with_emulator"),
        }
    }

    fn known_channel(&self, name: &str) -> Option<ChannelRef> {
        if name == self.channel.name {
            return Some(self.channel.clone());
        }
        self.emulator()?
            .channels()
            .into_iter()
            .find(|c| c.name == name)
            .map(|c| ChannelRef::new(c.id, c.name))
    }

    /// The user a builder names: the emulator's user of that display or
    /// first name, else `U_<name>`.
    pub(crate) fn who(&self, who: &Who) -> UserRef {
        let name = match who {
            Who::Default => return self.user.clone(),
            Who::Given(user) => return user.clone(),
            Who::Named(name) => name,
        };
        if *name == self.user.name {
            return self.user.clone();
        }
        let known = self.emulator().and_then(|emulator| {
            emulator.users().into_iter().find(|u| {
                u.display_name.as_deref() == Some(name) || u.first_name.as_deref() == Some(name)
            })
        });
        let id = known.map_or_else(|| format!("U_{}", slug(name)), |u| u.id.into_string());
        UserRef::new(id, name.as_str())
    }

    /// The channel a builder names; with an emulator, a new name is
    /// created there so that the bot can post to it.
    pub(crate) async fn place(&self, place: &Where) -> Result<Option<ChannelRef>, KitError> {
        let name = match place {
            Where::Default => return Ok(Some(self.channel.clone())),
            Where::Given(channel) => return Ok(Some(channel.clone())),
            Where::Nowhere => return Ok(None),
            Where::Named(name) => name,
        };
        if let Some(known) = self.known_channel(name) {
            return Ok(Some(known));
        }
        let Some(client) = self.client() else {
            return Ok(Some(ChannelRef::new(self.channel_id(name), name.as_str())));
        };
        let created = client
            .channels()
            .create(&CreateChannel::new(name.as_str()))
            .await
            .map_err(|error| KitError::new(KitErrorKind::Emulator, error))?;
        Ok(Some(ChannelRef::new(created.id, created.name)))
    }
}

/// `name` as an id suffix: ASCII letters and digits, lower case, the rest `_`.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}
