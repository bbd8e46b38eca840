/** The web app (Javalin): pages and JSON API over the store. */
package fr.terrain.web;
