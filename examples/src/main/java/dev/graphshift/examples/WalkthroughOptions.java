package dev.graphshift.examples;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The settings of a {@link Walkthrough} run, with the defaults of the README's command, parsed from the
 * command line ({@link #parse(List)}; {@code --help} lists them).
 *
 * <p>Immutable.
 *
 * @param target where the graph goes: the Gremlin Server standing in for Neptune, or the Engram stand-in
 * @param people the number of people generated
 * @param documents the number of documents generated (each with a 768-dimensional embedding)
 * @param readsPerPerson READ relationships per person
 * @param knowsPerPerson KNOWS relationships per person
 * @param writers workload writer threads
 * @param writesPerSecond writes per second of each writer
 * @param readers workload reader threads
 * @param readsPerSecond reads per second of each reader
 * @param phaseHold how long each phase runs under the workload before the next (dual write, shadow read, decommission)
 * @param cutoverStep how long each cutover step (1 %, 10 %, 50 %) holds before the next
 * @param minComparisons the shadow comparisons the cutover gate asks for
 * @param seed the seed of the graph and the workload
 */
public record WalkthroughOptions(
    Target target,
    int people,
    int documents,
    int readsPerPerson,
    int knowsPerPerson,
    int writers,
    double writesPerSecond,
    int readers,
    double readsPerSecond,
    Duration phaseHold,
    Duration cutoverStep,
    long minComparisons,
    long seed) {

  /** The target of the migration. */
  public enum Target {
    /** Amazon Neptune, stood in for by an in-process TinkerPop Gremlin Server. */
    NEPTUNE,
    /** Engram, stood in for by the wire-faithful Engram stand-in server. */
    ENGRAM
  }

  /** The default number of people: 2 000. */
  public static final int DEFAULT_PEOPLE = 2_000;
  /** The default number of documents: 1 000. */
  public static final int DEFAULT_DOCUMENTS = 1_000;
  /**
   * The default number of people with {@code --engram}: 1 000. The Engram stand-in compares each new memory
   * with every stored one (Engram's deduplication), so its writes slow down as it fills and the target lags
   * the live workload further; half the graph keeps the lag, and the run, short.
   */
  public static final int DEFAULT_ENGRAM_PEOPLE = 1_000;
  /** The default number of documents with {@code --engram}: 500. */
  public static final int DEFAULT_ENGRAM_DOCUMENTS = 500;
  /** The default READ relationships per person: 2. */
  public static final int DEFAULT_READS_PER_PERSON = 2;
  /** The default KNOWS relationships per person: 2. */
  public static final int DEFAULT_KNOWS_PER_PERSON = 2;
  /** The default writer threads: 2. */
  public static final int DEFAULT_WRITERS = 2;
  /** The default writes per second of each writer: 20. */
  public static final double DEFAULT_WRITES_PER_SECOND = 20;
  /** The default reader threads: 2. */
  public static final int DEFAULT_READERS = 2;
  /** The default reads per second of each reader: 100. */
  public static final double DEFAULT_READS_PER_SECOND = 100;
  /** The default hold of a phase: 4 s. */
  public static final Duration DEFAULT_PHASE_HOLD = Duration.ofSeconds(4);
  /** The default hold of a cutover step: 4 s. */
  public static final Duration DEFAULT_CUTOVER_STEP = Duration.ofSeconds(4);
  /** The default shadow comparisons before cutover: 1 000. */
  public static final long DEFAULT_MIN_COMPARISONS = 1_000;
  /** The default seed: 7. */
  public static final long DEFAULT_SEED = 7;

  public WalkthroughOptions {
    java.util.Objects.requireNonNull(target, "target");
    java.util.Objects.requireNonNull(phaseHold, "phaseHold");
    java.util.Objects.requireNonNull(cutoverStep, "cutoverStep");
    if (people < 2 || documents < 1 || readsPerPerson < 0 || knowsPerPerson < 0) {
      throw new IllegalArgumentException("the graph needs at least 2 people and 1 document: people=" + people
          + " documents=" + documents + " readsPerPerson=" + readsPerPerson + " knowsPerPerson=" + knowsPerPerson);
    }
    if (writers < 1 || readers < 1 || !(writesPerSecond > 0) || !(readsPerSecond > 0)) {
      throw new IllegalArgumentException("the workload needs writers, readers and positive rates: writers=" + writers
          + " writesPerSecond=" + writesPerSecond + " readers=" + readers + " readsPerSecond=" + readsPerSecond);
    }
    if (phaseHold.isNegative() || cutoverStep.isNegative() || cutoverStep.isZero() || minComparisons < 1) {
      throw new IllegalArgumentException("holds must not be negative, the cutover step must be positive and"
          + " minComparisons at least 1: phaseHold=" + phaseHold + " cutoverStep=" + cutoverStep
          + " minComparisons=" + minComparisons);
    }
  }

  /** The defaults: the README's command. */
  public static WalkthroughOptions defaults() {
    return new WalkthroughOptions(Target.NEPTUNE, DEFAULT_PEOPLE, DEFAULT_DOCUMENTS, DEFAULT_READS_PER_PERSON,
        DEFAULT_KNOWS_PER_PERSON, DEFAULT_WRITERS, DEFAULT_WRITES_PER_SECOND, DEFAULT_READERS, DEFAULT_READS_PER_SECOND,
        DEFAULT_PHASE_HOLD, DEFAULT_CUTOVER_STEP, DEFAULT_MIN_COMPARISONS, DEFAULT_SEED);
  }

  /** These options with another target. */
  public WalkthroughOptions withTarget(Target value) {
    return new WalkthroughOptions(value, people, documents, readsPerPerson, knowsPerPerson, writers, writesPerSecond,
        readers, readsPerSecond, phaseHold, cutoverStep, minComparisons, seed);
  }

  /** These options with another graph size. */
  public WalkthroughOptions withSize(int newPeople, int newDocuments) {
    return new WalkthroughOptions(target, newPeople, newDocuments, readsPerPerson, knowsPerPerson, writers,
        writesPerSecond, readers, readsPerSecond, phaseHold, cutoverStep, minComparisons, seed);
  }

  /** These options with other holds and another number of shadow comparisons (shorter runs, for tests). */
  public WalkthroughOptions withPace(Duration newPhaseHold, Duration newCutoverStep, long newMinComparisons) {
    return new WalkthroughOptions(target, people, documents, readsPerPerson, knowsPerPerson, writers, writesPerSecond,
        readers, readsPerSecond, newPhaseHold, newCutoverStep, newMinComparisons, seed);
  }

  /** The usage text. */
  public static String usage() {
    WalkthroughOptions d = defaults();
    return String.join(System.lineSeparator(),
        "usage: Walkthrough [options]",
        "  --engram                   migrate into the Engram stand-in instead of the Neptune stand-in",
        "  --people N                 people to generate (default " + d.people + "; " + DEFAULT_ENGRAM_PEOPLE
            + " with --engram)",
        "  --documents N              documents to generate, with 768-d embeddings (default " + d.documents + "; "
            + DEFAULT_ENGRAM_DOCUMENTS + " with --engram)",
        "  --reads-per-person N       READ relationships per person (default " + d.readsPerPerson + ")",
        "  --knows-per-person N       KNOWS relationships per person (default " + d.knowsPerPerson + ")",
        "  --writers N                workload writer threads (default " + d.writers + ")",
        "  --write-rate R             writes per second per writer (default " + d.writesPerSecond + ")",
        "  --readers N                workload reader threads (default " + d.readers + ")",
        "  --read-rate R              reads per second per reader (default " + d.readsPerSecond + ")",
        "  --phase-hold SECONDS       how long a phase runs before the next (default " + seconds(d.phaseHold) + ")",
        "  --cutover-step SECONDS     hold of each cutover step (default " + seconds(d.cutoverStep) + ")",
        "  --min-comparisons N        shadow comparisons before cutover (default " + d.minComparisons + ")",
        "  --seed N                   seed of the graph and the workload (default " + d.seed + ")",
        "  --help                     this text");
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }

  /**
   * Parses command-line arguments over the defaults.
   *
   * @throws IllegalArgumentException naming the argument, if one is unknown, lacks its value or has a bad one
   */
  public static WalkthroughOptions parse(List<String> args) {
    WalkthroughOptions o = defaults();
    Target target = o.target;
    int people = o.people;
    int documents = o.documents;
    int readsPerPerson = o.readsPerPerson;
    int knowsPerPerson = o.knowsPerPerson;
    int writers = o.writers;
    double writesPerSecond = o.writesPerSecond;
    int readers = o.readers;
    double readsPerSecond = o.readsPerSecond;
    Duration phaseHold = o.phaseHold;
    Duration cutoverStep = o.cutoverStep;
    long minComparisons = o.minComparisons;
    long seed = o.seed;
    boolean sized = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.isBlank()) {
        continue;
      }
      if (arg.equals("--engram")) {
        target = Target.ENGRAM;
        continue;
      }
      if (arg.equals("--neptune")) {
        target = Target.NEPTUNE;
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("unknown option, or option without its value: " + arg);
      }
      String value = args.get(++i);
      switch (arg) {
        case "--people" -> {
          people = integer(arg, value);
          sized = true;
        }
        case "--documents" -> {
          documents = integer(arg, value);
          sized = true;
        }
        case "--reads-per-person" -> readsPerPerson = integer(arg, value);
        case "--knows-per-person" -> knowsPerPerson = integer(arg, value);
        case "--writers" -> writers = integer(arg, value);
        case "--write-rate" -> writesPerSecond = decimal(arg, value);
        case "--readers" -> readers = integer(arg, value);
        case "--read-rate" -> readsPerSecond = decimal(arg, value);
        case "--phase-hold" -> phaseHold = Duration.ofMillis((long) (decimal(arg, value) * 1000));
        case "--cutover-step" -> cutoverStep = Duration.ofMillis((long) (decimal(arg, value) * 1000));
        case "--min-comparisons" -> minComparisons = integer(arg, value);
        case "--seed" -> seed = integer(arg, value);
        default -> throw new IllegalArgumentException("unknown option: " + arg);
      }
    }
    if (target == Target.ENGRAM && !sized) {
      people = DEFAULT_ENGRAM_PEOPLE;
      documents = DEFAULT_ENGRAM_DOCUMENTS;
    }
    return new WalkthroughOptions(target, people, documents, readsPerPerson, knowsPerPerson, writers, writesPerSecond,
        readers, readsPerSecond, phaseHold, cutoverStep, minComparisons, seed);
  }

  private static int integer(String arg, String value) {
    if (!value.matches("-?\\d{1,9}")) {
      throw new IllegalArgumentException(arg + " needs a whole number, not '" + value + "'");
    }
    return Integer.parseInt(value);
  }

  private static double decimal(String arg, String value) {
    if (!value.matches("\\d{1,9}(\\.\\d{1,9})?")) {
      throw new IllegalArgumentException(arg + " needs a number, not '" + value + "'");
    }
    return Double.parseDouble(value);
  }
}
