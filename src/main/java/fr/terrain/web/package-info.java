/**
 * The web app (Javalin): pages and JSON API over the store, each route guarded by the
 * permission it declares ({@link fr.terrain.web.Gate}: sessions, CSRF, API tokens).
 */
package fr.terrain.web;
