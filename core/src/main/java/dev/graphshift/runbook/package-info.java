/**
 * The migration runbook: {@link dev.graphshift.runbook.MigrationRunbook} walks a migration through its
 * {@link dev.graphshift.runbook.MigrationPhase phases} (single write, dual write, backfill, validate,
 * shadow read, cutover, decommission, complete) behind {@link dev.graphshift.runbook.Gate gates}, keeps
 * its state in a {@link dev.graphshift.runbook.RunbookStateStore} so that it survives restarts, rolls
 * back to any earlier phase, and hands the application one stable {@link dev.graphshift.GraphDatabase}
 * whose behaviour follows the phase.
 */
@NullMarked
package dev.graphshift.runbook;

import org.jspecify.annotations.NullMarked;
