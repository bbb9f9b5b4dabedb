package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ASYNC_APPLIED;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ASYNC_DROPPED;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ASYNC_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ASYNC_PARKED;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ASYNC_WRITES;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_COMPARISONS;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_FALLBACKS;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_KEY_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_MATCH_RATE;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_PARKED;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_PENDING;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_READS;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_RETRIES;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ROUTED;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_WRITES;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_OUTCOME;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_SIDE;

import dev.graphshift.repository.DualRepository;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a repository proxy ({@link DualRepository}), read from {@link DualRepository#metrics()}:
 * write and read calls, the asynchronous writes to the other bean (queued, applied, failed attempts,
 * retries, parked, dropped, pending), routed reads and fallbacks during a cutover, and how the compared
 * reads ended. Tagged with the proxy's name, {@code <policy name>/<interface simple name>}.
 *
 * <p>Thread-safe.
 */
public final class RepositoryMetricsBinder extends GraphShiftMeterBinder<DualRepository<?>> {
  private static final String COMPARISONS = "How sampled reads ended: matched, mismatched, secondary_failed, "
      + "comparator_failed or shed";
  private static final String ROUTED = "Reads the cutover routed to each bean";

  /**
   * A binder of the proxy's meters, tagged with its name.
   *
   * @throws NullPointerException if repository is null
   */
  public RepositoryMetricsBinder(DualRepository<?> repository) {
    this(repository, Tags.empty());
  }

  /**
   * A binder of the proxy's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public RepositoryMetricsBinder(DualRepository<?> repository, Iterable<Tag> tags) {
    super(repository, repository.name(), tags);
  }

  @Override
  protected void declare(Meters<DualRepository<?>> meters) {
    meters
        .counter(REPOSITORY_WRITES, "calls", "Write calls the authoritative bean answered", d -> d.metrics().writes())
        .counter(REPOSITORY_ASYNC_WRITES, "writes", "Asynchronous writes queued for the other bean",
            d -> d.metrics().asyncWrites())
        .counter(REPOSITORY_ASYNC_APPLIED, "writes", "Asynchronous writes the other bean applied",
            d -> d.metrics().asyncApplied())
        .counter(REPOSITORY_ASYNC_FAILURES, "attempts", "Failed attempts of asynchronous writes",
            d -> d.metrics().asyncFailures())
        .counter(REPOSITORY_RETRIES, "attempts", "Attempts made again after a failure", d -> d.metrics().retries())
        .counter(REPOSITORY_ASYNC_PARKED, "writes", "Writes parked since the proxy was wrapped",
            d -> d.metrics().parkedTotal())
        .counter(REPOSITORY_ASYNC_DROPPED, "writes", "Parked writes beyond maxParked, dropped and logged at ERROR",
            d -> d.metrics().dropped())
        .gauge(REPOSITORY_PENDING, "writes", "Asynchronous writes waiting or running", d -> d.metrics().pending())
        .gauge(REPOSITORY_PARKED, "writes", "Parked writes kept now", d -> d.metrics().parked())
        .counter(REPOSITORY_READS, "calls", "Read calls", d -> d.metrics().reads())
        .counter(REPOSITORY_ROUTED, "reads", ROUTED, d -> d.metrics().routedToPrimary(), TAG_SIDE, "primary")
        .counter(REPOSITORY_ROUTED, "reads", ROUTED, d -> d.metrics().routedToSecondary(), TAG_SIDE, "secondary")
        .counter(REPOSITORY_FALLBACKS, "reads", "Routed reads the new bean failed and the old one answered",
            d -> d.metrics().fallbacks())
        .counter(REPOSITORY_COMPARISONS, "reads", COMPARISONS, d -> d.metrics().shadow().matches(),
            TAG_OUTCOME, "matched")
        .counter(REPOSITORY_COMPARISONS, "reads", COMPARISONS, d -> d.metrics().shadow().mismatches(),
            TAG_OUTCOME, "mismatched")
        .counter(REPOSITORY_COMPARISONS, "reads", COMPARISONS, d -> d.metrics().shadow().secondaryFailures(),
            TAG_OUTCOME, "secondary_failed")
        .counter(REPOSITORY_COMPARISONS, "reads", COMPARISONS, d -> d.metrics().shadow().comparatorFailures(),
            TAG_OUTCOME, "comparator_failed")
        .counter(REPOSITORY_COMPARISONS, "reads", COMPARISONS, d -> d.metrics().shadow().shed(), TAG_OUTCOME, "shed")
        .gauge(REPOSITORY_MATCH_RATE, null, "Matches over verdicts of the compared reads; NaN before the first",
            d -> d.metrics().shadow().matchRate().orElse(Double.NaN))
        .counter(REPOSITORY_KEY_FAILURES, "calls", "Routing keys that could not be taken (an id accessor threw)",
            d -> d.metrics().keyFailures())
        .counter(REPOSITORY_LISTENER_FAILURES, "calls", "Listener calls that threw",
            d -> d.metrics().listenerFailures());
  }
}
