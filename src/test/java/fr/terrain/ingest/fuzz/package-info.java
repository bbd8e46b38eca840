/**
 * Fuzzing of every importer (tagged {@code long}; {@code -DexcludedGroups=long} skips them): damaged
 * variants of the real files (a sample of their lines or features, then mutated, truncated,
 * shuffled and re-encoded) must be read or refused with located problems, and a refused import must
 * leave the store exactly as it was. A failing property prints its recipe and seed.
 */
package fr.terrain.ingest.fuzz;
