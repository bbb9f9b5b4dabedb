package dev.graphshift.cutover;

/**
 * What caused a change of a cutover's state.
 *
 * <p>Immutable.
 */
public enum CutoverTrigger {
  /** The schedule advanced to its next step. */
  SCHEDULE,
  /** An operator pulled the lever: an API call or the JMX MBean. */
  OPERATOR,
  /** A health gate tripped. */
  HEALTH_GATE,
  /** Another application instance changed the shared state, and this one followed it. */
  CONTROL_STORE
}
