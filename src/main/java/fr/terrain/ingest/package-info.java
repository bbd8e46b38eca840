/**
 * Readers of the official file formats (results, contours, IRIS tables, BAN, electoral lists):
 * each turns a file into validated domain values or a located {@link fr.terrain.ingest.InputError},
 * and {@link fr.terrain.ingest.Importer} writes them to the store in one transaction.
 */
package fr.terrain.ingest;
