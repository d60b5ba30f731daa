package dev.tandem.interchange;

import dev.tandem.publishing.StatementContent;

/**
 * One readable statement of an uploaded file: where it came from (its row, or for OSCAL the
 * implemented requirement's position) and its content, normalized by the draft's own rules.
 */
record ImportRow(int row, StatementContent content) {}
