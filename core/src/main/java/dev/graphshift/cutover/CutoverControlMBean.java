package dev.graphshift.cutover;

/**
 * The cutover lever in production, as a standard JMX MBean: read and set the share, roll back, pause,
 * resume and read the status from any JMX console ({@code jconsole}, VisualVM, jmxterm). Registered
 * with {@link GradualCutoverRouter#registerMBean(javax.management.MBeanServer)} under {@link
 * GradualCutoverRouter#objectName(String)}, {@code dev.graphshift:type=Cutover,name=<router name>}, and
 * unregistered when the router closes. With a shared {@link CutoverControlStore}, pulling the lever on
 * one instance moves every instance.
 *
 * <p>Implementations are thread-safe.
 */
public interface CutoverControlMBean {

  /** The share of reads routed to the secondary, in basis points (0..10 000). */
  int getShareBasisPoints();

  /**
   * Sets the share by hand, in basis points; pauses the schedule (an operator has taken the lever) and
   * leaves a rolled-back state.
   *
   * @throws IllegalArgumentException if the share is outside 0..10 000
   */
  void setShareBasisPoints(int basisPoints);

  /** The share as a percentage. */
  double getSharePercent();

  /** The phase: RUNNING, PAUSED or ROLLED_BACK. */
  String getPhase();

  /** Whether every read has been returned to the primary. */
  boolean isRolledBack();

  /** The state in one line: phase, share, step, version, who changed it last and why. */
  String getStatus();

  /** Reads that fell back to the other side, both ways. */
  long getFallbacks();

  /** Returns every read to the primary at once, and stops the schedule. */
  void rollback();

  /** Pauses the schedule; the share stays. */
  void pause();

  /** Resumes the schedule at the step where it stopped. */
  void resume();
}
