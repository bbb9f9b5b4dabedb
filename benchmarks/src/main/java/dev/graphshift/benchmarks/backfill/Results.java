package dev.graphshift.benchmarks.backfill;

import java.util.List;
import java.util.Optional;

/**
 * The results of a run, as written to the JSON file.
 */
final class Results {
  private Results() {}

  /** Nodes a second in "10 million nodes in about 10 minutes", the figure users cite for this job. */
  static final double CITED_NODES_PER_SECOND = 10_000_000 / 600.0;

  /**
   * A whole run.
   *
   * @param command the arguments the runner was started with
   * @param jdk the Java version
   * @param vm the JVM's name and version
   * @param cores the processors available to the JVM
   * @param maxHeapMiB the JVM's {@code -Xmx}
   * @param gc the garbage collectors
   * @param batch records per batch (scan page and write)
   * @param parallelism partitions (threads) at once
   * @param sizes one result per graph size, smallest first
   */
  record Run(List<String> command, String jdk, String vm, int cores, long maxHeapMiB, List<String> gc, int batch,
      int parallelism, List<Size> sizes) {}

  /**
   * One graph size.
   *
   * @param nodes nodes in the source
   * @param relationships relationships in the source
   * @param loadSeconds how long loading this size's new records into the source took (setup)
   * @param targets one result per target
   */
  record Size(int nodes, int relationships, double loadSeconds, List<Target> targets) {}

  /**
   * The three phases against one target, and how they compare.
   *
   * @param target {@code memory} or {@code gremlin}
   * @param read the source's read-only rate
   * @param write the target's write-only rate
   * @param backfill the backfill
   * @param slower which of read and write is slower ({@code read} or {@code write}), over all records
   * @param backfillToSlower backfill records/s over the slower of read-only and write-only (goal ≥ 0.8)
   * @param nodesBackfillToSlower the same for the node phase alone
   * @param relationshipsBackfillToSlower the same for the relationship phase alone
   * @param versusCited the backfill's node rate over the cited 16 667 nodes/s
   * @param minutesFor10MillionNodes how long 10 million nodes take at the backfill's node rate
   * @param minutesFor10MillionNodesAnd30MillionRelationships the same graph with this workload's three
   *     relationships per node, at the backfill's per-phase rates
   */
  record Target(String target, Phase read, Phase write, Phase backfill, String slower, double backfillToSlower,
      double nodesBackfillToSlower, double relationshipsBackfillToSlower, double versusCited,
      double minutesFor10MillionNodes, double minutesFor10MillionNodesAnd30MillionRelationships) {}

  /**
   * One measured phase.
   *
   * @param phase {@code read}, {@code write} or {@code backfill}
   * @param nodes nodes processed
   * @param relationships relationships processed
   * @param seconds wall time of the whole phase (planning, both kinds)
   * @param nodeSeconds wall time of the node part
   * @param relationshipSeconds wall time of the relationship part
   * @param recordsPerSecond (nodes + relationships) / seconds
   * @param nodesPerSecond nodes / nodeSeconds
   * @param relationshipsPerSecond relationships / relationshipSeconds
   * @param nodeBatches the node batches' times: read-only a page, write-only a write call, backfill the
   *     batch's time in its partition (from the listener's events)
   * @param relationshipBatches the same for relationships
   * @param pipeline for the backfill, where the batches' time went
   * @param heap the phase's heap
   * @param targetNodes nodes in the target after the phase (the source's for the read-only phase)
   * @param targetRelationships relationships in the target after the phase
   * @param input for the write-only phase, how the records were produced: {@code materialized} (made
   *     before the phase, held in memory) or {@code regenerated} (made in the phase, batch by batch)
   * @param cpuSeconds the CPU time this JVM (source, engine and in-process target together) spent in the
   *     phase, all threads
   * @param cpuMicrosPerRecord cpuSeconds per record, in microseconds: the backfill's should be about the
   *     read's plus the write's, the difference being the engine's own cost
   * @param loadAverage the system load average over the last minute when the phase ended
   */
  record Phase(String phase, long nodes, long relationships, double seconds, double nodeSeconds,
      double relationshipSeconds, double recordsPerSecond, double nodesPerSecond, double relationshipsPerSecond,
      BatchTimes.Summary nodeBatches, BatchTimes.Summary relationshipBatches, Optional<Pipeline> pipeline,
      HeapProbe.Figures heap, long targetNodes, long targetRelationships, Optional<String> input,
      double cpuSeconds, double cpuMicrosPerRecord, double loadAverage) {}

  /**
   * Where a backfill's batch time went, per kind: the medians over full batches, and over all batches the
   * share of the partitions' time spent waiting for reads the pipeline did not hide.
   */
  record Pipeline(Parts nodes, Parts relationships) {}

  /**
   * One kind's share of a backfill's batch time.
   *
   * @param readMedianMillis reading (scan and mapping) a batch
   * @param waitMedianMillis waiting for the read of a batch before writing it
   * @param writeMedianMillis writing a batch
   * @param batchMedianMillis a batch's time in its partition
   * @param waitShare total wait over total batch time
   * @param writeShare total write over total batch time
   */
  record Parts(double readMedianMillis, double waitMedianMillis, double writeMedianMillis, double batchMedianMillis,
      double waitShare, double writeShare) {}
}
