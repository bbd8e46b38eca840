/**
 * What happens after a campaign message leaves: signed per-recipient tracking tokens, share
 * attribution by referral codes, open and click analytics, the send-time model, the A/B tests'
 * sequential decision and the small-cell rule on what may be shown. Pure values and rules: the
 * endpoints and tables are adapters.
 */
package fr.terrain.mail.tracking;
