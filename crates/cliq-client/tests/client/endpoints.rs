//! Every endpoint of the reference, once, against the emulator.

use cliq_client::ErrorKind;
use cliq_client::events::rest::{
    AddMembers, AddReaction, ChannelTypeFilter, CreateBot, CreateChannel, CreateCommand,
    CreateIncomingWebhook, CreateOutgoingWebhook, EditMessage, ListChannels, ListMessages,
    SearchUsers, UpdateBot, UpdateChannel, WebhookEvent,
};
use cliq_client::events::{ErrorCode, Message, UserId};
use futures_util::TryStreamExt;

use crate::{TestResult, emulator, oauth, static_token};

#[tokio::test]
async fn channels_are_created_read_changed_and_deleted() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    let channels = client.channels();
    let create = CreateChannel::new("Project Phoenix")
        .description("Phoenix talk")
        .is_private(true)
        .member("user1@company.com");
    let created = channels.create(&create).await?;
    assert_eq!(channels.get(&created.id).await?, created);

    let update = UpdateChannel::new().name("Phoenix - Updated");
    assert_eq!(
        channels.update(&created.id, &update).await?.name,
        "Phoenix - Updated"
    );

    let private = ListChannels::new().channel_type(ChannelTypeFilter::Private);
    let page = channels.list(&private).await?;
    assert_eq!(
        page.data.iter().map(|c| &c.id).collect::<Vec<_>>(),
        [&created.id]
    );

    channels
        .add_members(&created.id, &AddMembers::new(["user3@company.com"]))
        .await?;
    channels
        .remove_member(&created.id, &UserId::new("user3@company.com"))
        .await?;
    channels.delete(&created.id).await?;
    let gone = channels.get(&created.id).await.err();
    assert_eq!(
        gone.as_ref().and_then(|e| e.code()),
        Some(&ErrorCode::InvalidChannel)
    );
    assert_eq!(gone.and_then(|e| e.status()), Some(404));
    Ok(())
}

#[tokio::test]
async fn messages_are_sent_read_edited_reacted_to_and_deleted() -> TestResult {
    let emulator = emulator().await?;
    let client = oauth(&emulator).build()?;
    let messages = client.messages();
    let channel = emulator.default_channel().id;
    let first = messages.send(&channel, &Message::text("first")?).await?;
    let second = messages.send(&channel, &Message::text("second")?).await?;

    let before = messages
        .list(&channel, &ListMessages::new().before(second.id.clone()))
        .await?;
    assert_eq!(
        before.data.iter().map(|m| &m.id).collect::<Vec<_>>(),
        [&first.id]
    );
    let after = messages
        .list(&channel, &ListMessages::new().after(first.id.clone()))
        .await?;
    assert_eq!(
        after.data.iter().map(|m| &m.id).collect::<Vec<_>>(),
        [&second.id]
    );

    let edited = messages
        .edit(&first.id, &EditMessage::new("first, edited"))
        .await?;
    assert!(edited.is_edited);
    messages.react(&first.id, &AddReaction::new("👍")).await?;
    messages.delete(&second.id).await?;
    let stored = emulator.channel_messages(&channel);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].text, "first, edited");
    assert_eq!(
        stored[0].reactions.first().map(|r| r.emoji.as_str()),
        Some("👍")
    );

    let colleague = emulator.users().into_iter().nth(1).ok_or("a second user")?;
    messages
        .send_direct(&colleague.id, &Message::text("a word in private")?)
        .await?;
    assert_eq!(emulator.direct_messages(&colleague.id).len(), 1);
    Ok(())
}

#[tokio::test]
async fn bots_are_managed_and_post_through_their_webhook_without_a_token() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    let bots = client.bots();
    let bot = bots
        .create(&CreateBot::new("DeployBot").description("deploys"))
        .await?;
    assert!(bots.list().await?.data.iter().any(|b| b.id == bot.id));
    let all: Vec<_> = bots.list_all().try_collect().await?;
    assert!(all.iter().any(|b| b.id == bot.id));
    let renamed = bots
        .update(&bot.id, &UpdateBot::new().name("ShipBot"))
        .await?;
    assert_eq!(renamed.name, "ShipBot");

    let url = bot.webhook_url.clone().ok_or("a webhook url")?;
    let tokenless = static_token(&emulator)
        .access_token("not-a-valid-token")
        .build()?;
    tokenless
        .bots()
        .send_via_webhook(&url, &Message::text("shipped via bot")?)
        .await?;
    let named_url = emulator.bot_webhook_url("Announcer");
    bots.send_via_webhook(&named_url, &Message::text("announced")?)
        .await?;
    assert_eq!(emulator.messages_containing("shipped via bot").len(), 1);
    assert_eq!(emulator.messages_containing("announced").len(), 1);

    bots.delete(&bot.id).await?;
    assert!(emulator.bots().iter().all(|b| b.id != bot.id));
    let missing = bots.delete(&bot.id).await.err();
    assert_eq!(
        missing.and_then(|e| e.code().cloned()),
        Some(ErrorCode::BotNotFound)
    );
    Ok(())
}

#[tokio::test]
async fn webhooks_are_created_and_incoming_ones_post_without_a_token() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    let channel = emulator.default_channel().id;
    let incoming = client
        .webhooks()
        .create_incoming(&CreateIncomingWebhook::new("GitHub", channel.clone()))
        .await?;
    let message = Message::text("build passed")?;
    client
        .webhooks()
        .send_to_incoming(&incoming.url, &message)
        .await?;
    let seeded_url = emulator.incoming_webhook_url(&channel);
    client
        .webhooks()
        .send_to_incoming(&seeded_url, &message)
        .await?;
    assert_eq!(emulator.messages_containing("build passed").len(), 2);

    let outgoing = CreateOutgoingWebhook::new("Audit", "http://127.0.0.1:9/cliq")
        .event(WebhookEvent::MessageCreated)
        .channel_id(channel);
    let created = client.webhooks().create_outgoing(&outgoing).await?;
    assert_eq!(created.events, [WebhookEvent::MessageCreated]);

    let bad_url = client
        .webhooks()
        .send_to_incoming("/relative", &message)
        .await
        .err();
    assert_eq!(
        bad_url.map(|e| e.kind().clone()),
        Some(ErrorKind::InvalidUrl)
    );
    Ok(())
}

#[tokio::test]
async fn users_and_the_organization_are_read() -> TestResult {
    let emulator = emulator().await?;
    let client = oauth(&emulator).build()?;
    let me = client.users().me().await?;
    assert_eq!(me, emulator.me());
    assert_eq!(client.users().get(&me.id).await?, me);
    let found = client
        .users()
        .search(&SearchUsers::new("john").limit(5))
        .await?;
    assert!(found.data.contains(&me));
    let everyone: Vec<_> = client
        .users()
        .search_all(&SearchUsers::new(""))
        .try_collect()
        .await?;
    assert_eq!(everyone, emulator.users());
    let nobody = client.users().get(&UserId::new("0")).await.err();
    assert_eq!(
        nobody.and_then(|e| e.code().cloned()),
        Some(ErrorCode::InvalidUser)
    );

    let organization = client.organization().get().await?;
    assert_eq!(me.organization_id.as_ref(), Some(&organization.id));
    Ok(())
}

#[tokio::test]
async fn files_are_uploaded_and_sent_as_attachments() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    let contents = b"%PDF-1.7 quarterly numbers".to_vec();
    let file = client.files().upload("q3.pdf", contents.clone()).await?;
    assert_eq!(file.name.as_deref(), Some("q3.pdf"));
    assert_eq!(file.size, Some(contents.len() as u64));
    assert_eq!(emulator.files(), std::slice::from_ref(&file));

    let channel = emulator.default_channel().id;
    let message = Message::text("Q3 report attached")?;
    let posted = client
        .files()
        .send_to_channel(&channel, &message, &file)
        .await?;
    let stored = emulator.channel_messages(&channel);
    let attached: Vec<_> = stored.iter().flat_map(|m| &m.attachments).collect();
    assert_eq!(attached.len(), 1);
    assert_eq!(Some(&attached[0].file_id), file.id.as_ref());
    assert_eq!(posted.attachments.len(), 1);
    Ok(())
}

#[tokio::test]
async fn commands_are_created() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    let create = CreateCommand::new("deploy", "https://example.com/commands/deploy")
        .description("Trigger deployment")
        .hint("/deploy [environment]");
    let command = client.commands().create(&create).await?;
    assert_eq!(command.name, "deploy");
    assert_eq!(command.hint.as_deref(), Some("/deploy [environment]"));
    Ok(())
}
