/**
 * The database: connection (embedded H2 file by default, PostgreSQL when configured), Flyway
 * migrations, and the reads and writes of each table (JDBI, batched JDBC for bulk rows).
 */
package fr.terrain.store;
