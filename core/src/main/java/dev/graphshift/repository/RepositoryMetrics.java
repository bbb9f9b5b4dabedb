package dev.graphshift.repository;

import static java.util.Objects.requireNonNull;

import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.shadow.ShadowMetrics;

/**
 * A snapshot of a repository proxy's counters (since it was wrapped) and gauges (now).
 *
 * <p>Immutable.
 *
 * @param repository the proxy's name
 * @param phase gauge: the phase its policy reports now
 * @param writes write calls the authoritative bean answered
 * @param asyncWrites asynchronous writes queued for the other bean
 * @param asyncApplied asynchronous writes the other bean applied
 * @param asyncFailures failed attempts of asynchronous writes
 * @param retries attempts made again after a failure
 * @param parked gauge: parked writes kept now
 * @param parkedTotal writes parked since the proxy was wrapped
 * @param dropped parked writes beyond {@code maxParked}, logged at ERROR with their method and key
 * @param pending gauge: asynchronous writes waiting or running
 * @param reads read calls
 * @param routedToPrimary reads answered by the old bean while the cutover routed reads
 * @param routedToSecondary reads answered by the new bean while the cutover routed reads
 * @param fallbacks routed reads the new bean failed and the old one answered
 * @param keyFailures routing keys that could not be taken (an {@code id()} accessor threw; logged at WARN)
 * @param listenerFailures listener calls that threw
 * @param shadow the comparisons of shadowed reads (shed, matches, mismatches, latencies)
 */
public record RepositoryMetrics(
    String repository,
    MigrationPhase phase,
    long writes,
    long asyncWrites,
    long asyncApplied,
    long asyncFailures,
    long retries,
    long parked,
    long parkedTotal,
    long dropped,
    long pending,
    long reads,
    long routedToPrimary,
    long routedToSecondary,
    long fallbacks,
    long keyFailures,
    long listenerFailures,
    ShadowMetrics shadow) {

  public RepositoryMetrics {
    requireNonNull(repository, "repository");
    requireNonNull(phase, "phase");
    requireNonNull(shadow, "shadow");
  }
}
