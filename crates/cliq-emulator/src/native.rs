//! Playing Cliq towards a bot in the native dialect (CLIQ-NATIVE.md): calls
//! signed with the emulator's RSA key (`key.rs`), built from the emulator's
//! people and channels (`call.rs`), their message replies shown as cards
//! (`convert.rs`), and `response_url` for late replies (`responses.rs`).
//! What a user sees is documented in the crate's "The native dialect".

mod call;
mod convert;
mod key;
mod responses;

use std::time::{SystemTime, UNIX_EPOCH};

use cliq_bot::verify::SIGNATURE_HEADER;
use cliq_events::ChannelId;
use cliq_events::native::NativeCallback;
use serde_json::Value;

pub(crate) use key::RsaKey;
pub use responses::LateReply;
pub(crate) use responses::{ResponseLog, post_response};

use crate::deliver::send::exchange;
use crate::deliver::{DeliverError, Delivery};
use crate::emulator::Emulator;
use crate::seed::DEFAULT_CHANNEL_ID;

impl Emulator {
    /// The public half of the emulator's RSA key as a `PUBLIC KEY` PEM block
    /// (SubjectPublicKeyInfo): what a bot passes to
    /// `BotBuilder::native_public_key`.
    pub fn public_key_pem(&self) -> String {
        self.shared.rsa.public_pem()
    }

    /// The public key as the bare base64 of its SubjectPublicKeyInfo, as Cliq
    /// shows an extension's key.
    pub fn public_key_base64(&self) -> String {
        self.shared.rsa.public_base64()
    }

    /// The `X-Cliq-Signature` of `body`: base64 RSA PKCS #1 v1.5 SHA-256 with
    /// the emulator's key. Signing with a key that loaded fails only when
    /// memory runs out; then the signature is empty, which a bot refuses.
    pub fn sign_native(&self, body: &[u8]) -> String {
        self.shared.rsa.sign(body).unwrap_or_else(|error| {
            tracing::warn!(%error, "could not sign a native callback");
            String::new()
        })
    }

    /// Signs and posts a native call to `bot_url`, with `timestamp` set to now
    /// and `response_url` to a fresh one of the emulator's unless the call
    /// carries its own. See [the native dialect](crate#the-native-dialect) for
    /// what is recorded.
    ///
    /// # Errors
    /// The call could not be serialised; the bot could not be reached or its
    /// answer not read.
    pub async fn deliver_native(
        &self,
        bot_url: &str,
        call: &NativeCallback,
    ) -> Result<Delivery, DeliverError> {
        let body = serde_json::to_value(call).map_err(DeliverError::serialize)?;
        self.deliver_native_json(bot_url, &body).await
    }

    /// As [`deliver_native`](Self::deliver_native) for any JSON body (a
    /// sample payload, say): when it is an object without `timestamp` or
    /// `response_url`, those are added; the rest is sent as given.
    ///
    /// # Errors
    /// As [`deliver_native`](Self::deliver_native).
    pub async fn deliver_native_json(
        &self,
        bot_url: &str,
        body: &Value,
    ) -> Result<Delivery, DeliverError> {
        let mut body = body.clone();
        let channel = self.reply_channel(&body);
        if let Value::Object(map) = &mut body {
            map.entry("timestamp").or_insert_with(|| now_ms().into());
            if !map.contains_key("response_url") {
                let url = self.shared.issue_response_url(channel.clone());
                map.insert("response_url".to_owned(), url.into());
            }
        }
        let response_url = body
            .get("response_url")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let bytes = serde_json::to_vec(&body).map_err(DeliverError::serialize)?;
        let signature = self.sign_native(&bytes);
        let request = self
            .callback_request(bot_url)
            .header(SIGNATURE_HEADER, signature)
            .body(bytes);
        let (status, body) = exchange(request).await?;
        let posted = if status == 200 {
            convert::output_message(&body)
                .and_then(|message| self.shared.post_bot_reply(&channel, &message))
        } else {
            None
        };
        Ok(Delivery {
            status,
            body,
            posted,
            response_url,
        })
    }

    /// The channel a call's message replies go to: `params.chat.id` when the
    /// emulator has that channel, else the default channel.
    fn reply_channel(&self, body: &Value) -> ChannelId {
        body.pointer("/params/chat/id")
            .and_then(Value::as_str)
            .map(ChannelId::new)
            .filter(|id| self.shared.store().channel(id).is_some())
            .unwrap_or_else(|| ChannelId::new(DEFAULT_CHANNEL_ID))
    }
}

/// Now, in epoch milliseconds.
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
