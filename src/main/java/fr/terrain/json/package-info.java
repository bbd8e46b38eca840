/**
 * JSON syntax errors said in French, with where they are: pure code shared by the readers of files (ingest), the
 * geometry parser (geo) and the web API's request bodies, none of which should show Jackson's English.
 */
package fr.terrain.json;
