package fr.terrain.mail;

/**
 * Which message a link or a pixel belongs to: the outbox row of one recipient of one campaign.
 * Tracking signs it into its tokens; it carries no address.
 *
 * @param outboxId the outbox row (mail_outbox.id)
 * @param campaignId the campaign (mail_campaign.id)
 * @param messageId the message's Message-ID, fixed when the row was written
 */
public record RecipientRef(long outboxId, long campaignId, String messageId) {}
