package dev.graphshift.reliability;

/**
 * The loads of the scenarios, read from system properties so that CI runs them small and a full-size
 * run is one command ({@code docs/reliability.md}). The defaults here are the CI sizes; the module's pom
 * passes the same ones to failsafe, where {@code -Dreliability.writes=10000} and the like override them.
 *
 * <p>Immutable.
 */
final class Loads {
  private Loads() {}

  /** Scenario 1: dual writes at a steady rate ({@code reliability.writes}, full size 10 000). */
  static int writes() {
    return positive("reliability.writes", 2_000);
  }

  /** Scenario 1: the steady rate in writes per second ({@code reliability.rate}). */
  static int rate() {
    return positive("reliability.rate", 400);
  }

  /** Scenario 2: acknowledged writes before the child is killed ({@code reliability.crash.acks}). */
  static int crashAcks() {
    return positive("reliability.crash.acks", 200);
  }

  /** Scenario 3: nodes of the source graph the backfill copies ({@code reliability.backfill.nodes}). */
  static int backfillNodes() {
    return positive("reliability.backfill.nodes", 600);
  }

  /** Scenario 4: random operations during the backfill ({@code reliability.operations}, full size 10 000). */
  static int operations() {
    return positive("reliability.operations", 2_000);
  }

  /** Scenario 4: nodes of the graph before the race ({@code reliability.race.nodes}). */
  static int raceNodes() {
    return positive("reliability.race.nodes", 400);
  }

  /** Scenario 5: reads in each health window ({@code reliability.cutover.reads}). */
  static int cutoverReads() {
    return positive("reliability.cutover.reads", 2_000);
  }

  /** The seed of every random plan ({@code reliability.seed}); a failure prints it. */
  static long seed() {
    return Long.getLong("reliability.seed", 20_261_122L);
  }

  private static int positive(String property, int fallback) {
    int value = Integer.getInteger(property, fallback);
    if (value <= 0) {
      throw new IllegalArgumentException(property + " must be positive: " + value);
    }
    return value;
  }
}
