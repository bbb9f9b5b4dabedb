/**
 * Repository beans: {@link dev.graphshift.repository.Repositories#wrap} puts one proxy over an
 * application's repository interface (a Spring Data repository, a DAO) backed by a bean for the old
 * database and one for the new, so that the application adopts GraphShift without touching its call
 * sites: writes are dual-written, reads shadowed or routed, following the migration's {@link
 * dev.graphshift.runbook.MigrationPhase phase}.
 */
@NullMarked
package dev.graphshift.repository;

import org.jspecify.annotations.NullMarked;
