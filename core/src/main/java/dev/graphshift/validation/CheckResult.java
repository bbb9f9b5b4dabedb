package dev.graphshift.validation;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One check of a validation: how many records it checked, how many failed, the threshold, the verdict
 * and a few examples of the failures.
 *
 * <p>Immutable.
 *
 * @param check which check
 * @param status pass, fail, or not applicable
 * @param checked records checked
 * @param failures records that failed
 * @param threshold the largest failure rate that passes, in [0, 1]
 * @param examples a few failures, each naming the record and the problem
 * @param note why the check does not apply, or another remark; empty if none
 */
public record CheckResult(
    Check check, CheckStatus status, long checked, long failures, double threshold, List<String> examples,
    String note) {

  public CheckResult {
    requireNonNull(check, "check");
    requireNonNull(status, "status");
    examples = List.copyOf(examples);
    requireNonNull(note, "note");
  }

  /** A check that does not apply, with the reason. */
  public static CheckResult notApplicable(Check check, double threshold, String reason) {
    return new CheckResult(check, CheckStatus.NOT_APPLICABLE, 0, 0, threshold, List.of(), reason);
  }

  /** A check judged against its threshold: it passes when {@code failures / checked <= threshold}. */
  public static CheckResult judged(Check check, long checked, long failures, double threshold, List<String> examples,
      String note) {
    double rate = checked == 0 ? 0 : (double) failures / checked;
    return new CheckResult(check, rate <= threshold ? CheckStatus.PASS : CheckStatus.FAIL, checked, failures,
        threshold, examples, note);
  }

  /** The failure rate, {@code failures / checked}; 0 when nothing was checked. */
  public double rate() {
    return checked == 0 ? 0 : (double) failures / checked;
  }

  /** Whether the check did not fail. */
  public boolean passed() {
    return status != CheckStatus.FAIL;
  }
}
