package dev.graphshift.validation.internal;

import dev.graphshift.validation.Check;
import dev.graphshift.validation.CheckResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The running count of one check: records checked, failures, and the first few failures as examples.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class Tally {
  private final Check check;
  private final int maxExamples;
  private final List<String> examples = new ArrayList<>();
  private long checked;
  private long failures;

  public Tally(Check check, int maxExamples) {
    this.check = check;
    this.maxExamples = maxExamples;
  }

  /** Counts checked records. */
  public void checked(long n) {
    checked += n;
  }

  /** Counts one failure, keeping its description while there is room. */
  public void failed(String example) {
    failures++;
    if (examples.size() < maxExamples) {
      examples.add(example);
    }
  }

  /** Counts several failures at once, keeping one description for them while there is room. */
  public void failed(long n, String example) {
    if (n <= 0) {
      return;
    }
    failures += n;
    if (examples.size() < maxExamples) {
      examples.add(example);
    }
  }

  /** Records checked so far. */
  public long checked() {
    return checked;
  }

  /** The verdict against a threshold. */
  public CheckResult result(double threshold, String note) {
    return CheckResult.judged(check, checked, failures, threshold, examples, note);
  }
}
