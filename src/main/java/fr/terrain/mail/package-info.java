/**
 * E-mail campaigns, pure domain (issue 8): contacts' facts and segments, the check that makes a
 * recipient sendable ({@link fr.terrain.mail.CheckedRecipient}), templates with their mandatory
 * blocks, the outbox states and the campaign's life. No JDBC, no SMTP, no HTTP: the store
 * ({@code fr.terrain.store.MailStore}) and the SMTP adapter ({@code fr.terrain.mail.smtp}) are at the edges.
 */
package fr.terrain.mail;
