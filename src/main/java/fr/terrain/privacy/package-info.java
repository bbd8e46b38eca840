/**
 * What the law allows the campaign to hold: source categories of personal data (and, later,
 * consent, suppression, rights requests, retention and audit). Pure rules.
 */
package fr.terrain.privacy;
