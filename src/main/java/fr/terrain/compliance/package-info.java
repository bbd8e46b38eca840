/**
 * The privacy rules put to work on the campaign's data and files: retention runs and their
 * reports, the audit log's verification with its checkpoint file, the register and AIPD files.
 */
package fr.terrain.compliance;
