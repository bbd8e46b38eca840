/**
 * What the law allows the campaign to hold: source categories of personal data, the audit log's
 * chain, retention rules and decisions, the register of processing activities. Pure rules.
 */
package fr.terrain.privacy;
