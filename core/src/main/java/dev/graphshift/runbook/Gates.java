package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.CutoverPhase;
import dev.graphshift.cutover.CutoverState;
import dev.graphshift.dualwrite.DualWriteMetrics;
import dev.graphshift.shadow.ShadowMetrics;
import dev.graphshift.shadow.ShadowReport;
import dev.graphshift.validation.ValidationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The ready-made {@link Gate}s, and the ones a runbook checks by default before entering each phase:
 *
 * <pre>
 * entering       default gates
 * DUAL_WRITE     none
 * BACKFILL       none
 * VALIDATE       backfillCompleted
 * SHADOW_READ    dualWriteCaughtUp, validationPassed (counts and sample; full too after a rollback to SINGLE_WRITE)
 * CUTOVER        dualWriteCaughtUp, shadowMatchRate(0.99 over at least 1 000 comparisons)
 * DECOMMISSION   dualWriteCaughtUp, cutoverComplete (100 %, not rolled back)
 * COMPLETE       dualWriteCaughtUp (the reverse one, if any), rollbackWindowElapsed
 * </pre>
 *
 * <p>Immutable.
 */
public final class Gates {
  /** The default least shadow match rate before cutover: 0.99. */
  public static final double DEFAULT_MIN_MATCH_RATE = 0.99;
  /** The default least number of shadow comparisons before cutover: 1 000. */
  public static final long DEFAULT_MIN_COMPARISONS = 1_000;
  /** The validations {@link #validationPassed()} asks for: counts and sample. */
  public static final Set<ValidationReport.Mode> DEFAULT_VALIDATION_MODES =
      Set.copyOf(EnumSet.of(ValidationReport.Mode.COUNTS, ValidationReport.Mode.SAMPLE));

  private Gates() {}

  /** The gates a runbook checks by default before entering {@code target} (see the class comment). */
  public static List<Gate> defaults(MigrationPhase target) {
    requireNonNull(target, "target");
    return switch (target) {
      case SINGLE_WRITE, DUAL_WRITE, BACKFILL -> List.of();
      case VALIDATE -> List.of(backfillCompleted());
      case SHADOW_READ -> List.of(dualWriteCaughtUp(), validationPassed());
      case CUTOVER -> List.of(dualWriteCaughtUp(), shadowMatchRate(DEFAULT_MIN_MATCH_RATE, DEFAULT_MIN_COMPARISONS));
      case DECOMMISSION -> List.of(dualWriteCaughtUp(), cutoverComplete());
      case COMPLETE -> List.of(dualWriteCaughtUp(), rollbackWindowElapsed());
    };
  }

  /**
   * The dual write running now has caught up: nothing queued or in flight for its secondary, no dead
   * letter pending and none parked. Passes when no dual write runs.
   */
  public static Gate dualWriteCaughtUp() {
    return Gate.of("dualWriteCaughtUp", c -> {
      String gate = "dualWriteCaughtUp";
      if (c.dualWrite().isEmpty()) {
        return GateResult.pass(gate, "no dual write runs in " + c.from());
      }
      DualWriteMetrics m = c.dualWrite().get();
      String figures = m.inFlight() + " in flight, " + m.queueDepth() + " dead letters pending, " + m.parked()
          + " parked";
      return c.dualWriteCaughtUp().orElse(false)
          ? GateResult.pass(gate, "caught up (" + figures + ")")
          : GateResult.fail(gate, "not caught up: " + figures);
    });
  }

  /** A backfill ran in this migration (since the last rollback before it) and its counts reconcile. */
  public static Gate backfillCompleted() {
    return evidencePassed(Evidence.BACKFILL, "backfillCompleted", "no backfill has completed; call runBackfill()");
  }

  /**
   * Validations of each of {@link #DEFAULT_VALIDATION_MODES} passed; after a rollback to {@link
   * MigrationPhase#SINGLE_WRITE}, a full one too (the new database missed writes that a backfill, which
   * never overwrites, cannot bring; a full validation finds them and its repair fixes them).
   */
  public static Gate validationPassed() {
    return validationPassed(DEFAULT_VALIDATION_MODES);
  }

  /**
   * Validations of each of these modes passed (a full one too after a rollback to {@link
   * MigrationPhase#SINGLE_WRITE}).
   *
   * @throws IllegalArgumentException if modes is empty
   */
  public static Gate validationPassed(Set<ValidationReport.Mode> modes) {
    requireNonNull(modes, "modes");
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("modes must not be empty");
    }
    Set<ValidationReport.Mode> asked = Set.copyOf(modes);
    String gate = "validationPassed";
    return Gate.of(gate, c -> {
      EnumSet<ValidationReport.Mode> required = EnumSet.copyOf(asked);
      boolean afterReset = c.state().history().stream()
          .anyMatch(t -> t.rollback() && t.to() == MigrationPhase.SINGLE_WRITE);
      if (afterReset) {
        required.add(ValidationReport.Mode.FULL);
      }
      List<String> missing = new ArrayList<>();
      List<String> passed = new ArrayList<>();
      for (ValidationReport.Mode mode : required) {
        Optional<Evidence> e = c.evidence(Evidence.validation(mode));
        if (e.isEmpty()) {
          missing.add(mode + " not run");
        } else if (!e.get().passed()) {
          missing.add(mode + " failed (" + e.get().summary() + ")");
        } else {
          passed.add(mode.name());
        }
      }
      String note = afterReset ? " (FULL required after the rollback to SINGLE_WRITE)" : "";
      return missing.isEmpty()
          ? GateResult.pass(gate, "passed: " + String.join(", ", passed) + note)
          : GateResult.fail(gate, String.join("; ", missing) + "; call runValidation()" + note);
    });
  }

  /**
   * The shadow comparisons running now reached a match rate of at least {@code minMatchRate} over at
   * least {@code minComparisons} verdicts, with secondary failures and timeouts within {@code 1 -
   * minMatchRate} of the sampled reads ({@link ShadowReport#meets(double, long)}).
   *
   * @throws IllegalArgumentException if minMatchRate is not within [0, 1] or minComparisons is negative
   */
  public static Gate shadowMatchRate(double minMatchRate, long minComparisons) {
    if (!(minMatchRate >= 0 && minMatchRate <= 1)) {
      throw new IllegalArgumentException("minMatchRate must be within [0, 1]: " + minMatchRate);
    }
    if (minComparisons < 0) {
      throw new IllegalArgumentException("minComparisons must not be negative: " + minComparisons);
    }
    String gate = "shadowMatchRate";
    return Gate.of(gate, c -> {
      if (c.shadow().isEmpty()) {
        return GateResult.fail(gate, "no shadow comparisons run in " + c.from());
      }
      ShadowMetrics m = c.shadow().get();
      String rate = m.matchRate().isPresent() ? format(m.matchRate().getAsDouble()) : "none";
      String figures = "match rate " + rate + " over " + m.compared() + " comparisons (" + m.secondaryFailures()
          + " secondary failures, " + m.timeouts() + " timeouts); target " + format(minMatchRate) + " over at least "
          + minComparisons;
      return new ShadowReport(m, List.of()).meets(minMatchRate, minComparisons)
          ? GateResult.pass(gate, figures)
          : GateResult.fail(gate, figures);
    });
  }

  /** The cutover router sends every read to the new database and is not rolled back. */
  public static Gate cutoverComplete() {
    return cutoverComplete(Duration.ZERO);
  }

  /**
   * The cutover router sends every read to the new database, is not rolled back, and has not changed
   * for at least {@code hold}.
   *
   * @throws IllegalArgumentException if hold is negative
   */
  public static Gate cutoverComplete(Duration hold) {
    requireNonNull(hold, "hold");
    if (hold.isNegative()) {
      throw new IllegalArgumentException("hold must not be negative: " + hold);
    }
    String gate = "cutoverComplete";
    return Gate.of(gate, c -> {
      if (c.cutover().isEmpty()) {
        return GateResult.fail(gate, "no cutover runs in " + c.from());
      }
      CutoverState s = c.cutover().get();
      if (s.phase() == CutoverPhase.ROLLED_BACK) {
        return GateResult.fail(gate, "the cutover was rolled back: " + s.reason());
      }
      if (s.shareBasisPoints() < CutoverState.ALL) {
        return GateResult.fail(gate, "share " + s.sharePercent() + " % of reads on the new database, not 100 %");
      }
      Instant since = s.changedAt();
      if (c.now().isBefore(since.plus(hold))) {
        return GateResult.fail(gate, "at 100 % since " + since + ", held less than " + hold);
      }
      return GateResult.pass(gate, "100 % of reads on the new database since " + since);
    });
  }

  /**
   * The rollback window ({@link GateContext#rollbackWindow()}) has passed since the runbook entered
   * {@link MigrationPhase#DECOMMISSION}.
   */
  public static Gate rollbackWindowElapsed() {
    String gate = "rollbackWindowElapsed";
    return Gate.of(gate, c -> {
      Optional<Instant> since = c.enteredAt(MigrationPhase.DECOMMISSION);
      if (since.isEmpty()) {
        return GateResult.fail(gate, "the runbook has not entered DECOMMISSION");
      }
      Instant end = since.get().plus(c.rollbackWindow());
      return c.now().isBefore(end)
          ? GateResult.fail(gate, "the rollback window of " + c.rollbackWindow() + " ends at " + end)
          : GateResult.pass(gate, "the rollback window of " + c.rollbackWindow() + " ended at " + end);
    });
  }

  /**
   * The latest evidence of a kind exists and passed: for evidence an application records itself
   * ({@link MigrationRunbook#recordEvidence(String, boolean, String, java.util.Map)}).
   */
  public static Gate evidencePassed(String kind) {
    requireNonNull(kind, "kind");
    return evidencePassed(kind, "evidencePassed(" + kind + ")", "no evidence '" + kind + "' recorded");
  }

  private static Gate evidencePassed(String kind, String gate, String whenMissing) {
    return Gate.of(gate, c -> c.evidence(kind)
        .map(e -> e.passed()
            ? GateResult.pass(gate, e.summary() + " (" + e.at() + ")")
            : GateResult.fail(gate, "failed: " + e.summary() + " (" + e.at() + ")"))
        .orElseGet(() -> GateResult.fail(gate, whenMissing)));
  }

  private static String format(double rate) {
    return String.format(Locale.ROOT, "%.4f", rate);
  }
}
