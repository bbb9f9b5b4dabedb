package dev.graphshift;

/**
 * An operation needs a capability the database does not have (see {@link Capabilities}), for example
 * reading relationships from a database that cannot store them. Record-level writes report a missing
 * capability as {@link Rejected} records instead.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class UnsupportedCapabilityException extends GraphShiftException {
  private final String capability;

  public UnsupportedCapabilityException(String database, String capability, String message) {
    super(database, "capability '" + capability + "' is not available: " + message, null);
    this.capability = capability;
  }

  /** The name of the missing capability, as in {@link Capabilities#missing()}. */
  public String capability() {
    return capability;
  }
}
