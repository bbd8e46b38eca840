/** The {@code terrain} command (picocli): one class per command group, thin over ingest, store and web. */
package fr.terrain.cli;
