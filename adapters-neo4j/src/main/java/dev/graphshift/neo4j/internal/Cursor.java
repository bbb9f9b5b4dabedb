package dev.graphshift.neo4j.internal;

/**
 * The opaque keyset cursor of a scan over internal ids: {@code <kind>1:<after>:<bound>:<window>}. {@code
 * after} is the last internal id the scan has covered, {@code bound} the highest internal id at the moment
 * the scan started (fixed for the whole scan, so records created later are not waited for), {@code window}
 * how many ids the next page seeks (it grows on sparse pages, within {@link #MAX_WINDOW}).
 *
 * <p>Immutable.
 *
 * @param kind {@code 'n'} for node scans, {@code 'r'} for relationship scans
 * @param after the last internal id covered; -1 before the first
 * @param bound the highest internal id to cover
 * @param window the number of ids the next page seeks
 */
public record Cursor(char kind, long after, long bound, int window) {

  /** The most ids one page seeks: bounds the cost of a page on a sparse label. */
  public static final int MAX_WINDOW = 1 << 18;

  public Cursor {
    if (after < -1 || bound < -1 || window < 1) {
      throw new IllegalArgumentException("invalid cursor: after=" + after + ", bound=" + bound + ", window=" + window);
    }
  }

  /**
   * Parses a cursor this adapter issued.
   *
   * @throws IllegalArgumentException if the text is not a cursor of this kind
   */
  public static Cursor parse(String text, char kind) {
    String[] parts = text.split(":", -1);
    if (parts.length != 4 || !parts[0].equals(kind + "1")) {
      throw new IllegalArgumentException("not a Neo4j " + (kind == 'n' ? "node" : "relationship")
          + " scan cursor: '" + text + "'");
    }
    try {
      return new Cursor(kind, Long.parseLong(parts[1]), Long.parseLong(parts[2]), Integer.parseInt(parts[3]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a Neo4j scan cursor: '" + text + "'", e);
    }
  }

  /** The cursor's text. */
  public String encode() {
    return kind + "1:" + after + ":" + bound + ":" + window;
  }

  @Override
  public String toString() {
    return encode();
  }
}
