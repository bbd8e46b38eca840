/**
 * Who may do what: accounts, roles and the permissions each role carries. Pure values; the
 * store keeps accounts, the web checks permissions on every route.
 */
package fr.terrain.account;
