//! The assertions on a [`Reply`]: each says what came instead when it fails.

use cliq_events::envelope::ErrorResponse;
use cliq_events::message::{Button, Card, Message};

use super::{Reply, ReplyBody};
use crate::card::{card_diff, render_button};

impl Reply {
    /// Asserts a 2xx status and returns the reply, for chaining.
    ///
    /// # Panics
    /// On any other status, showing the error code and message.
    #[track_caller]
    pub fn expect_ok(self) -> Self {
        assert!(
            (200..300).contains(&self.status),
            "expected a 2xx reply, got {self}"
        );
        self
    }

    /// Asserts a message reply and returns it.
    ///
    /// # Panics
    /// When the reply is anything else, showing what it is.
    #[track_caller]
    pub fn expect_message(&self) -> &Message {
        self.message()
            .unwrap_or_else(|| panic!("expected a message, got {self}"))
    }

    /// Asserts a message reply and returns its text.
    ///
    /// # Panics
    /// When the reply is no message.
    #[track_caller]
    pub fn expect_text(&self) -> &str {
        self.expect_message().body()
    }

    /// Asserts a message with a card and returns the card.
    ///
    /// # Panics
    /// When the reply is no message or has no card.
    #[track_caller]
    pub fn expect_card(&self) -> &Card {
        self.expect_message()
            .card()
            .unwrap_or_else(|| panic!("expected a card, got {self}"))
    }

    /// Asserts a card with a button labelled `label` and returns the button.
    ///
    /// # Panics
    /// When there is none, listing the buttons there are.
    #[track_caller]
    pub fn expect_button(&self, label: &str) -> &Button {
        let card = self.expect_card();
        card.buttons()
            .iter()
            .find(|b| b.label() == label)
            .unwrap_or_else(|| {
                let there: Vec<String> = card.buttons().iter().map(render_button).collect();
                panic!(
                    "no button {label:?} on the card; its buttons:\n{}",
                    there.join("\n")
                )
            })
    }

    /// Asserts a card equal to `expected`.
    ///
    /// # Panics
    /// When the cards differ, with a line diff of both rendered (see
    /// [`card_diff`]).
    #[track_caller]
    pub fn assert_card(&self, expected: &Card) {
        if let Some(diff) = card_diff(expected, self.expect_card()) {
            panic!("the card differs (- expected, + actual):\n{diff}");
        }
    }

    /// Asserts `{"received": true}`.
    ///
    /// # Panics
    /// On any other reply.
    #[track_caller]
    pub fn expect_received(&self) {
        assert!(
            self.body == ReplyBody::Received,
            "expected {{\"received\": true}}, got {self}"
        );
    }

    /// Asserts that the bot skipped a duplicate event.
    ///
    /// # Panics
    /// On any other reply.
    #[track_caller]
    pub fn expect_duplicate(&self) {
        assert!(
            self.body == ReplyBody::Duplicate,
            "expected a duplicate, got {self}"
        );
    }

    /// Asserts a refusal with the contract's error `code`
    /// (`"STALE_TIMESTAMP"`, …) and returns the envelope.
    ///
    /// # Panics
    /// On any other reply or code, showing what came instead.
    #[track_caller]
    pub fn expect_error(&self, code: &str) -> &ErrorResponse {
        match self.error() {
            Some(error) if error.error.code.as_str() == code => error,
            _ => panic!("expected error {code}, got {self}"),
        }
    }
}
