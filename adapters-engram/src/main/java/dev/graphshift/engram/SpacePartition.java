package dev.graphshift.engram;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Engram memory space a node's memory goes to. Engram keeps at most 100 000 memories in the hot
 * tier of a space (it evicts beyond that), so a graph larger than that must be spread over spaces.
 *
 * <ul>
 *   <li>{@link #fixed(String)}: every memory in one space (the default is {@value #DEFAULT_SPACE}).
 *   <li>{@link #perLabel(String)}: one space per label, named {@code <prefix>_<slug>}; a node goes to the
 *       space of its first label in sorted order, a node without labels to {@code <prefix>__unlabeled}.
 *       The slug is the label in lower case with every run of characters other than {@code [a-z0-9]}
 *       turned into {@code -}, cut to 22 characters; when the label is not already all {@code [a-z0-9]},
 *       {@code -} and the first 8 hex digits of the label's SHA-256 are appended, so distinct labels get
 *       distinct spaces (for example {@code Person} becomes {@code neo4j_person-<hash>} and {@code
 *       person} becomes {@code neo4j_person}).
 * </ul>
 *
 * <p>Space ids follow Engram's rule: 3 to 64 characters of {@code [a-z0-9_-]}.
 *
 * <p><b>Caution with {@link #perLabel(String)}.</b> Engram cannot delete or move a memory, so a node
 * whose first label changes is written to its new space while its old memory stays in the old one;
 * reads then find two memories for the id (get by id answers the one written last). Use per-label
 * spaces for labels that do not change.
 *
 * <p>Immutable.
 */
public final class SpacePartition {

  /** Engram's default space. */
  public static final String DEFAULT_SPACE = "default";
  /** The longest label prefix {@link #perLabel(String)} accepts. */
  public static final int MAX_PREFIX_LENGTH = 32;
  private static final int MAX_SLUG_BASE = 22;

  private final Optional<String> fixed;
  private final Optional<String> prefix;

  private SpacePartition(Optional<String> fixed, Optional<String> prefix) {
    this.fixed = fixed;
    this.prefix = prefix;
  }

  /**
   * Every memory in one space.
   *
   * @throws IllegalArgumentException if the id breaks Engram's space-id rule
   */
  public static SpacePartition fixed(String space) {
    requireNonNull(space, "space");
    if (!isValidSpaceId(space)) {
      throw new IllegalArgumentException("'" + space + "' is not an Engram space id (3 to 64 characters of "
          + "[a-z0-9_-])");
    }
    return new SpacePartition(Optional.of(space), Optional.empty());
  }

  /**
   * One space per label, each named {@code <prefix>_<slug of the label>}.
   *
   * @throws IllegalArgumentException if the prefix is empty, longer than {@value #MAX_PREFIX_LENGTH} or not
   *     made of {@code [a-z0-9_-]}
   */
  public static SpacePartition perLabel(String prefix) {
    requireNonNull(prefix, "prefix");
    if (prefix.isEmpty() || prefix.length() > MAX_PREFIX_LENGTH || !validChars(prefix)) {
      throw new IllegalArgumentException("'" + prefix + "' is not a space prefix (1 to " + MAX_PREFIX_LENGTH
          + " characters of [a-z0-9_-])");
    }
    return new SpacePartition(Optional.empty(), Optional.of(prefix));
  }

  /** The space of a node with these labels. */
  public String spaceFor(Set<String> labels) {
    if (fixed.isPresent()) {
      return fixed.get();
    }
    String p = prefix.orElseThrow();
    return labels.isEmpty() ? p + "__unlabeled" : p + "_" + slug(new TreeSet<>(labels).first());
  }

  /** The one space of a fixed partition. */
  public Optional<String> fixedSpace() {
    return fixed;
  }

  /** The prefix of a per-label partition. */
  public Optional<String> labelPrefix() {
    return prefix;
  }

  /** Whether a space holds memories of this partition (the reads visit these spaces). */
  public boolean owns(String space) {
    return fixed.map(space::equals).orElseGet(() -> space.startsWith(prefix.orElseThrow() + "_"));
  }

  /** Whether a string is an Engram space id: 3 to 64 characters of {@code [a-z0-9_-]}. */
  public static boolean isValidSpaceId(String space) {
    return space.length() >= 3 && space.length() <= 64 && validChars(space);
  }

  private static boolean validChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  static String slug(String label) {
    StringBuilder base = new StringBuilder();
    boolean plain = !label.isEmpty();
    String lower = label.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length() && base.length() < MAX_SLUG_BASE; i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        base.append(c);
      } else if (base.length() > 0 && base.charAt(base.length() - 1) != '-') {
        base.append('-');
      }
    }
    for (int i = 0; i < label.length() && plain; i++) {
      char c = label.charAt(i);
      plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
    plain &= label.length() <= MAX_SLUG_BASE;
    while (base.length() > 0 && base.charAt(base.length() - 1) == '-') {
      base.setLength(base.length() - 1);
    }
    if (base.length() == 0) {
      base.append('x');
    }
    return plain ? base.toString() : base + "-" + hash8(label);
  }

  private static String hash8(String label) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpacePartition p && fixed.equals(p.fixed) && prefix.equals(p.prefix);
  }

  @Override
  public int hashCode() {
    return fixed.hashCode() * 31 + prefix.hashCode();
  }

  @Override
  public String toString() {
    return fixed.map(s -> "SpacePartition.fixed(" + s + ")")
        .orElseGet(() -> "SpacePartition.perLabel(" + prefix.orElseThrow() + ")");
  }
}
