/**
 * The SMTP edge of e-mail campaigns (Angus Mail): the sender that drains a campaign's outbox
 * through one or more SMTP connections, throttled, with the two-phase marking that makes a
 * restart resume without a duplicate; DSN (RFC 3464) reading from files and IMAP/POP mailboxes.
 */
package fr.terrain.mail.smtp;
