package dev.graphshift.validation;

import java.util.List;

/**
 * Every record a full validation found missing, extra or different, up to the validator's {@code
 * maxDifferences}; the counts are complete even when the list was cut short. Memory grows with the number
 * of differences kept, never with the size of the graph.
 *
 * <p>Immutable.
 *
 * @param differences the differences kept, nodes before relationships, in scan order
 * @param missing how many source records were absent from the target
 * @param extra how many target records were absent from the source
 * @param different how many records differed
 * @param truncated whether differences were found beyond those kept (repair them, then validate again)
 */
public record ValidationDiff(List<Difference> differences, long missing, long extra, long different,
    boolean truncated) {

  public ValidationDiff {
    differences = List.copyOf(differences);
  }

  /** Whether nothing differs. */
  public boolean isEmpty() {
    return missing == 0 && extra == 0 && different == 0;
  }

  /** The differences of one type. */
  public List<Difference> of(Difference.Type type) {
    return differences.stream().filter(d -> d.type() == type).toList();
  }
}
