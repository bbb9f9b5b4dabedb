package dev.graphshift.micrometer;

/**
 * The name of every meter GraphShift registers, and the keys and values of its tags: one place, under
 * one prefix, {@value #PREFIX}. {@code docs/metrics.md} lists each with its type, tags, meaning and
 * source, and a test fails when a name here is missing there.
 *
 * <p>Every meter carries {@link #TAG_NAME}{@code =<component name>} (the name given to the component's
 * builder), any tags given to its binder, and the tags its entry names. Counters read monotonic counts
 * from the component's {@code metrics()} snapshot ({@code FunctionCounter}); gauges read levels from it
 * ({@code Gauge}, {@code TimeGauge}); timers are fed by {@link MeteringListener} from the events that
 * carry durations.
 *
 * <p>To add a component: add its names here under {@code graphshift.<component>.},
 * document them in {@code docs/metrics.md}, and write a {@link GraphShiftMeterBinder} for it.
 *
 * <p>Immutable.
 */
public final class GraphShiftMeters {
  private GraphShiftMeters() {}

  /** The prefix of every meter name. */
  public static final String PREFIX = "graphshift.";

  // ------------------------------------------------------------------------------------------ tags

  /** Tag key: the component's name. On every meter. */
  public static final String TAG_NAME = "name";
  /** Tag key: the kind of database an adapter talks to ({@code neo4j}, {@code neptune}, {@code engram}). */
  public static final String TAG_DATABASE = "database";
  /** Tag key: {@code primary} or {@code secondary}. */
  public static final String TAG_SIDE = "side";
  /** Tag key: how a counted thing ended; the values are listed with each meter. */
  public static final String TAG_OUTCOME = "outcome";
  /** Tag key: the backfill phase, {@code nodes} or {@code relationships}. */
  public static final String TAG_PHASE = "phase";
  /** Tag key: the kind of record, {@code node} or {@code relationship}. */
  public static final String TAG_KIND = "kind";
  /** Tag key: a shadowed read: {@code query:<name>}, {@code getNode}, {@code getNodes}, ... */
  public static final String TAG_READ = "read";
  /** Tag key: the side a read fell back to. */
  public static final String TAG_TO = "to";
  /** Tag key: a cutover phase, {@code running}, {@code paused} or {@code rolled_back}. */
  public static final String TAG_CUTOVER_PHASE = "cutover_phase";
  /** Tag key: a health verdict, {@code healthy}, {@code insufficient_samples}, {@code error_rate_tripped}, ... */
  public static final String TAG_VERDICT = "verdict";
  /** Tag key: a validation mode, {@code counts}, {@code sample} or {@code full}. */
  public static final String TAG_MODE = "mode";
  /** Tag key: a migration run's status, {@code applied}, {@code up_to_date} or {@code not_supported}. */
  public static final String TAG_STATUS = "status";
  /** Tag key: whether a backfill run resumed from a checkpoint, {@code true} or {@code false}. */
  public static final String TAG_RESUMED = "resumed";
  /** Tag key: a migration phase, {@code single_write}, {@code dual_write}, ... {@code complete}. */
  public static final String TAG_MIGRATION_PHASE = "migration_phase";

  // ------------------------------------------------------------------------------------------ dual write

  /** Counter, records: writes the primary accepted and the coordinator forwarded to the secondary. */
  public static final String DUALWRITE_WRITES = "graphshift.dualwrite.writes";
  /** Counter, records: records the secondary applied, directly or by retry. */
  public static final String DUALWRITE_SECONDARY_WRITES = "graphshift.dualwrite.secondary.writes";
  /** Counter, records: records whose write to the secondary failed, per attempt. */
  public static final String DUALWRITE_SECONDARY_FAILURES = "graphshift.dualwrite.secondary.failures";
  /** Counter, records: records that entered the dead-letter queue, for any cause. */
  public static final String DUALWRITE_DEADLETTERED = "graphshift.dualwrite.deadlettered";
  /** Counter, records: records that entered the queue because the coordinator's capacity was full. */
  public static final String DUALWRITE_SPILLED = "graphshift.dualwrite.spilled";
  /** Counter, records: records the retry worker tried again. */
  public static final String DUALWRITE_RETRIES = "graphshift.dualwrite.retries";
  /** Counter, records: records the mapper or the secondary rejected with a reason. */
  public static final String DUALWRITE_REJECTED = "graphshift.dualwrite.rejected";
  /** Gauge, entries: dead letters waiting or being retried. */
  public static final String DUALWRITE_DEADLETTER_DEPTH = "graphshift.dualwrite.deadletter.depth";
  /** Gauge, entries: dead letters parked for a human. */
  public static final String DUALWRITE_PARKED = "graphshift.dualwrite.parked";
  /** Gauge, records: records queued for, or being sent to, the secondary. */
  public static final String DUALWRITE_INFLIGHT = "graphshift.dualwrite.inflight";
  /** Gauge, 1 or 0: whether writes are held back because the secondary fails. */
  public static final String DUALWRITE_SECONDARY_DOWN = "graphshift.dualwrite.secondary.down";
  /** Counter, records, {@code outcome=written|skipped}: what the backfill view did. */
  public static final String DUALWRITE_BACKFILL_RECORDS = "graphshift.dualwrite.backfill.records";
  /** Counter, batches: backfill batches that outlasted their claim. */
  public static final String DUALWRITE_BACKFILL_CLAIM_OVERRUNS = "graphshift.dualwrite.backfill.claim.overruns";
  /** Counter, records: records neither sent nor dead-lettered (the queue failed); repair them. */
  public static final String DUALWRITE_FORWARD_FAILURES = "graphshift.dualwrite.forward.failures";
  /** Counter, rounds: retry-worker rounds that failed. */
  public static final String DUALWRITE_WORKER_FAILURES = "graphshift.dualwrite.worker.failures";
  /** Counter, calls: listener calls that threw. */
  public static final String DUALWRITE_LISTENER_FAILURES = "graphshift.dualwrite.listener.failures";

  // ------------------------------------------------------------------------------------------ file DLQ

  /** Gauge, bytes: the size of the dead-letter journal. */
  public static final String DLQ_JOURNAL_SIZE = "graphshift.dlq.journal.size";
  /** Gauge, bytes: the bytes of the journal's records still in the queue. */
  public static final String DLQ_JOURNAL_LIVE = "graphshift.dlq.journal.live";
  /** Counter: compactions of the journal. */
  public static final String DLQ_COMPACTIONS = "graphshift.dlq.compactions";
  /** Counter: forces of the journal to disk. */
  public static final String DLQ_FSYNCS = "graphshift.dlq.fsyncs";
  /** Counter: non-fatal journal problems logged at WARN. */
  public static final String DLQ_WARNINGS = "graphshift.dlq.warnings";
  /** Gauge, bytes: the torn tail moved aside when the journal was opened. */
  public static final String DLQ_TORN = "graphshift.dlq.torn";

  // ------------------------------------------------------------------------------------------ shadow reads

  /** Counter, reads: shadowable reads the primary answered. */
  public static final String SHADOW_READS = "graphshift.shadow.reads";
  /** Counter, reads: reads not sampled. */
  public static final String SHADOW_SKIPPED = "graphshift.shadow.skipped";
  /** Counter, reads: reads sampled for comparison. */
  public static final String SHADOW_SAMPLED = "graphshift.shadow.sampled";
  /**
   * Counter, reads, {@code outcome=matched|mismatched|secondary_failed|comparator_failed|timed_out|shed}:
   * how sampled reads ended.
   */
  public static final String SHADOW_OUTCOMES = "graphshift.shadow.outcomes";
  /** Gauge, reads: comparisons accepted but not finished. */
  public static final String SHADOW_PENDING = "graphshift.shadow.pending";
  /** Counter, reads: reads the primary failed (passed on to the caller). */
  public static final String SHADOW_PRIMARY_FAILURES = "graphshift.shadow.primary.failures";
  /** Counter, calls: listener calls that threw. */
  public static final String SHADOW_LISTENER_FAILURES = "graphshift.shadow.listener.failures";
  /** Gauge, ratio 0..1: matches over verdicts; NaN before the first. */
  public static final String SHADOW_MATCH_RATE = "graphshift.shadow.match.rate";
  /** Gauge, ratio 0..1: the mean comparator score; NaN before the first comparison. */
  public static final String SHADOW_SIMILARITY = "graphshift.shadow.similarity";
  /** Time gauge, {@code side}: the median latency of sampled reads, from the coordinator's histogram. */
  public static final String SHADOW_LATENCY_P50 = "graphshift.shadow.latency.p50";
  /** Time gauge, {@code side}: the 99th percentile latency of sampled reads. */
  public static final String SHADOW_LATENCY_P99 = "graphshift.shadow.latency.p99";
  /** Time gauge, {@code side}: the slowest sampled read. */
  public static final String SHADOW_LATENCY_MAX = "graphshift.shadow.latency.max";
  /** Timer, {@code side}, {@code read}: each compared read's latency on each side (listener). */
  public static final String SHADOW_LATENCY = "graphshift.shadow.latency";

  // ------------------------------------------------------------------------------------------ cutover

  /** Gauge, ratio 0..1: the share of routed reads sent to the secondary. */
  public static final String CUTOVER_SHARE = "graphshift.cutover.share";
  /** Gauge, 1 or 0, {@code cutover_phase}: 1 for the phase in force. */
  public static final String CUTOVER_PHASE = "graphshift.cutover.phase";
  /** Gauge: the index of the schedule step in force, -1 without a schedule. */
  public static final String CUTOVER_STEP = "graphshift.cutover.step";
  /** Counter, reads, {@code side}: routed reads sent to each side. */
  public static final String CUTOVER_READS = "graphshift.cutover.reads";
  /** Counter, reads: routed reads without a key, decided at random. */
  public static final String CUTOVER_RANDOM_DECISIONS = "graphshift.cutover.random.decisions";
  /** Counter, calls, {@code side}: calls to each side that failed, routed or fallback. */
  public static final String CUTOVER_FAILURES = "graphshift.cutover.failures";
  /** Counter, reads, {@code to}: reads that failed on one side and were sent to the other. */
  public static final String CUTOVER_FALLBACKS = "graphshift.cutover.fallbacks";
  /** Counter, reads: fallbacks whose other side failed too. */
  public static final String CUTOVER_FALLBACKS_FAILED = "graphshift.cutover.fallbacks.failed";
  /** Counter: schedule steps taken by this instance. */
  public static final String CUTOVER_ADVANCES = "graphshift.cutover.advances";
  /** Counter: rollbacks this instance made or followed. */
  public static final String CUTOVER_ROLLBACKS = "graphshift.cutover.rollbacks";
  /** Counter: health windows judged. */
  public static final String CUTOVER_HEALTH_CHECKS = "graphshift.cutover.health.checks";
  /** Gauge, ratio 0..1: the secondary's error rate in the last health window; NaN before the first. */
  public static final String CUTOVER_HEALTH_ERROR_RATE = "graphshift.cutover.health.error.rate";
  /** Time gauge, {@code side}: each side's P99 latency in the last health window; NaN before the first. */
  public static final String CUTOVER_HEALTH_P99 = "graphshift.cutover.health.p99";
  /** Counter, windows, {@code verdict}: health windows judged, by verdict (listener). */
  public static final String CUTOVER_HEALTH_VERDICTS = "graphshift.cutover.health.verdicts";
  /** Counter: control-store reads and writes that failed. */
  public static final String CUTOVER_CONTROL_STORE_FAILURES = "graphshift.cutover.control.store.failures";
  /** Counter, calls: listener calls that threw. */
  public static final String CUTOVER_LISTENER_FAILURES = "graphshift.cutover.listener.failures";

  // ------------------------------------------------------------------------------------------ backfill

  /** Counter, records, {@code phase}, {@code outcome=read|written|skipped|rejected}: what the backfill did. */
  public static final String BACKFILL_RECORDS = "graphshift.backfill.records";
  /** Counter, batches: batches written and checkpointed. */
  public static final String BACKFILL_BATCHES = "graphshift.backfill.batches";
  /** Counter: scans and writes retried after a retryable failure. */
  public static final String BACKFILL_RETRIES = "graphshift.backfill.retries";
  /** Counter, partitions, {@code outcome=completed|failed}: partitions finished or stopped. */
  public static final String BACKFILL_PARTITIONS = "graphshift.backfill.partitions";
  /** Gauge, partitions: partitions running now. */
  public static final String BACKFILL_PARTITIONS_ACTIVE = "graphshift.backfill.partitions.active";
  /** Gauge, 1 or 0: whether a run is in progress. */
  public static final String BACKFILL_RUNNING = "graphshift.backfill.running";
  /** Gauge, records: records done in the current or last run. */
  public static final String BACKFILL_DONE = "graphshift.backfill.done";
  /** Gauge, records: records to do in the current or last run. */
  public static final String BACKFILL_TOTAL = "graphshift.backfill.total";
  /** Gauge, records per second: the recent rate. */
  public static final String BACKFILL_RATE = "graphshift.backfill.rate";
  /** Counter, tasks: tasks the executor refused, run inline instead. */
  public static final String BACKFILL_TASKS_INLINE = "graphshift.backfill.tasks.inline";
  /** Counter: read-aheads dropped because their partition stopped. */
  public static final String BACKFILL_READAHEADS_DISCARDED = "graphshift.backfill.readaheads.discarded";
  /** Counter, calls: listener calls that threw. */
  public static final String BACKFILL_LISTENER_FAILURES = "graphshift.backfill.listener.failures";
  /** Timer, {@code resumed}: each finished run (listener). */
  public static final String BACKFILL_DURATION = "graphshift.backfill.duration";

  // ------------------------------------------------------------------------------------------ validation

  /** Counter: validations finished, passed or not. */
  public static final String VALIDATION_VALIDATIONS = "graphshift.validation.validations";
  /** Counter: validations with a failed check. */
  public static final String VALIDATION_FAILURES = "graphshift.validation.failures";
  /** Counter, records: records compared. */
  public static final String VALIDATION_RECORDS_CHECKED = "graphshift.validation.records.checked";
  /** Counter: differences found by full validations. */
  public static final String VALIDATION_DIFFERENCES = "graphshift.validation.differences";
  /** Counter: repairs finished. */
  public static final String VALIDATION_REPAIRS = "graphshift.validation.repairs";
  /** Counter, records: differences repaired. */
  public static final String VALIDATION_RECORDS_REPAIRED = "graphshift.validation.records.repaired";
  /** Counter, calls: listener calls that threw. */
  public static final String VALIDATION_LISTENER_FAILURES = "graphshift.validation.listener.failures";
  /** Timer, {@code mode}, {@code outcome=passed|failed}: each validation (listener). */
  public static final String VALIDATION_DURATION = "graphshift.validation.duration";
  /** Timer: each repair (listener). */
  public static final String VALIDATION_REPAIR_DURATION = "graphshift.validation.repair.duration";
  /** Counter: scheduled runs started. */
  public static final String VALIDATION_CONTINUOUS_RUNS = "graphshift.validation.continuous.runs";
  /** Counter: scheduled runs with a failed check. */
  public static final String VALIDATION_CONTINUOUS_FAILURES = "graphshift.validation.continuous.failures";
  /** Counter: scheduled runs that threw (a database down). */
  public static final String VALIDATION_CONTINUOUS_ERRORS = "graphshift.validation.continuous.errors";
  /** Gauge, 1 or 0: whether the schedule is running. */
  public static final String VALIDATION_CONTINUOUS_RUNNING = "graphshift.validation.continuous.running";
  /** Counter, calls: listener calls of the schedule that threw. */
  public static final String VALIDATION_CONTINUOUS_LISTENER_FAILURES =
      "graphshift.validation.continuous.listener.failures";

  // ------------------------------------------------------------------------------------------ migrations

  /** Counter: migration runs finished, no-ops included. */
  public static final String MIGRATION_RUNS = "graphshift.migration.runs";
  /** Counter: runs against a target without schema. */
  public static final String MIGRATION_NOOPS = "graphshift.migration.noops";
  /** Counter, elements, {@code outcome=created|present|already_applied|not_carried}: schema elements. */
  public static final String MIGRATION_ELEMENTS = "graphshift.migration.elements";
  /** Counter: runs refused because another held the lock. */
  public static final String MIGRATION_LOCK_CONFLICTS = "graphshift.migration.lock.conflicts";
  /** Counter, calls: listener calls that threw. */
  public static final String MIGRATION_LISTENER_FAILURES = "graphshift.migration.listener.failures";
  /** Timer, {@code status}: each run (listener). */
  public static final String MIGRATION_DURATION = "graphshift.migration.duration";

  // ------------------------------------------------------------------------------------------ mapping

  /** Counter, records, {@code kind}, {@code outcome=mapped|rejected}: records the mapper handled. */
  public static final String MAPPING_RECORDS = "graphshift.mapping.records";
  /** Counter, embeddings: embeddings generated through the embedder. */
  public static final String MAPPING_EMBEDDINGS = "graphshift.mapping.embeddings";
  /** Counter, calls: embedder calls that failed. */
  public static final String MAPPING_EMBEDDER_FAILURES = "graphshift.mapping.embedder.failures";
  /** Counter, calls: listener calls that threw. */
  public static final String MAPPING_LISTENER_FAILURES = "graphshift.mapping.listener.failures";

  // ------------------------------------------------------------------------------------------ runbook

  /** Gauge, 1 or 0, {@code migration_phase}: 1 for the phase the runbook's handle serves. */
  public static final String RUNBOOK_PHASE = "graphshift.runbook.phase";
  /** Counter: advances made by this runbook, forced ones included. */
  public static final String RUNBOOK_ADVANCES = "graphshift.runbook.advances";
  /** Counter: advances forced past failing gates. */
  public static final String RUNBOOK_ADVANCES_FORCED = "graphshift.runbook.advances.forced";
  /** Counter: advances refused by gates. */
  public static final String RUNBOOK_REFUSALS = "graphshift.runbook.refusals";
  /** Counter: rollbacks made by this runbook. */
  public static final String RUNBOOK_ROLLBACKS = "graphshift.runbook.rollbacks";
  /** Counter: changes of phase that could not complete (and did not happen). */
  public static final String RUNBOOK_TRANSITION_FAILURES = "graphshift.runbook.transition.failures";
  /** Counter: changes of phase another process stored, followed by {@code refresh()}. */
  public static final String RUNBOOK_ADOPTED = "graphshift.runbook.adopted";
  /** Counter, writes: writes that waited while the handle switched phases. */
  public static final String RUNBOOK_WRITES_HELD = "graphshift.runbook.writes.held";
  /** Counter: evidence stored. */
  public static final String RUNBOOK_EVIDENCE = "graphshift.runbook.evidence";
  /** Counter: coordinators that failed to close when retired. */
  public static final String RUNBOOK_CLOSE_FAILURES = "graphshift.runbook.close.failures";
  /** Counter, calls: listener calls that threw. */
  public static final String RUNBOOK_LISTENER_FAILURES = "graphshift.runbook.listener.failures";

  // ------------------------------------------------------------------------------------------ repository

  /** Counter, calls: write calls the authoritative bean answered. */
  public static final String REPOSITORY_WRITES = "graphshift.repository.writes";
  /** Counter, writes: asynchronous writes queued for the other bean. */
  public static final String REPOSITORY_ASYNC_WRITES = "graphshift.repository.async.writes";
  /** Counter, writes: asynchronous writes the other bean applied. */
  public static final String REPOSITORY_ASYNC_APPLIED = "graphshift.repository.async.applied";
  /** Counter, attempts: failed attempts of asynchronous writes. */
  public static final String REPOSITORY_ASYNC_FAILURES = "graphshift.repository.async.failures";
  /** Counter, attempts: attempts made again after a failure. */
  public static final String REPOSITORY_RETRIES = "graphshift.repository.retries";
  /** Counter, writes: writes parked since the proxy was wrapped. */
  public static final String REPOSITORY_ASYNC_PARKED = "graphshift.repository.async.parked";
  /** Counter, writes: parked writes beyond {@code maxParked}, dropped and logged at ERROR. */
  public static final String REPOSITORY_ASYNC_DROPPED = "graphshift.repository.async.dropped";
  /** Gauge, writes: asynchronous writes waiting or running. */
  public static final String REPOSITORY_PENDING = "graphshift.repository.pending";
  /** Gauge, writes: parked writes kept now. */
  public static final String REPOSITORY_PARKED = "graphshift.repository.parked";
  /** Counter, calls: read calls. */
  public static final String REPOSITORY_READS = "graphshift.repository.reads";
  /** Counter, reads, {@code side}: reads the cutover routed to each bean. */
  public static final String REPOSITORY_ROUTED = "graphshift.repository.routed";
  /** Counter, reads: routed reads the new bean failed and the old one answered. */
  public static final String REPOSITORY_FALLBACKS = "graphshift.repository.fallbacks";
  /** Counter, reads, {@code outcome=matched|mismatched|secondary_failed|comparator_failed|shed}: how sampled reads ended. */
  public static final String REPOSITORY_COMPARISONS = "graphshift.repository.comparisons";
  /** Gauge, ratio 0..1: matches over verdicts of the compared reads; NaN before the first. */
  public static final String REPOSITORY_MATCH_RATE = "graphshift.repository.match.rate";
  /** Counter, calls: routing keys that could not be taken. */
  public static final String REPOSITORY_KEY_FAILURES = "graphshift.repository.key.failures";
  /** Counter, calls: listener calls that threw. */
  public static final String REPOSITORY_LISTENER_FAILURES = "graphshift.repository.listener.failures";

  // ------------------------------------------------------------------------------------------ Neo4j

  /** Counter, records, {@code kind}, {@code outcome=written|skipped}: records the adapter wrote or left. */
  public static final String NEO4J_RECORDS = "graphshift.neo4j.records";
  /** Counter, records: records rejected by a write. */
  public static final String NEO4J_REJECTED = "graphshift.neo4j.rejected";
  /** Counter, ids: ids processed by deletes. */
  public static final String NEO4J_DELETED = "graphshift.neo4j.deleted";
  /** Counter, records, {@code outcome=read|rejected}: records of scan pages. */
  public static final String NEO4J_SCANNED = "graphshift.neo4j.scanned";
  /** Counter, calls: calls that failed after the driver's retries. */
  public static final String NEO4J_FAILURES = "graphshift.neo4j.failures";
  /** Counter, calls: listener calls that threw. */
  public static final String NEO4J_LISTENER_FAILURES = "graphshift.neo4j.listener.failures";

  // ------------------------------------------------------------------------------------------ Neptune

  /** Counter, requests: requests sent, retries included. */
  public static final String NEPTUNE_REQUESTS = "graphshift.neptune.requests";
  /** Counter, requests: requests sent again after a retryable failure. */
  public static final String NEPTUNE_RETRIES = "graphshift.neptune.retries";
  /** Counter, requests: failures that were Neptune's ConcurrentModificationException. */
  public static final String NEPTUNE_CONFLICTS = "graphshift.neptune.conflicts";
  /** Counter, requests: requests that failed for good. */
  public static final String NEPTUNE_REQUEST_FAILURES = "graphshift.neptune.request.failures";
  /** Counter, records, {@code outcome=written|skipped|rejected}: records the adapter handled. */
  public static final String NEPTUNE_RECORDS = "graphshift.neptune.records";
  /** Gauge, steps: the most Gremlin steps one request held. */
  public static final String NEPTUNE_REQUEST_STEPS_MAX = "graphshift.neptune.request.steps.max";
  /** Gauge, records: the most property records one write request carried. */
  public static final String NEPTUNE_REQUEST_RECORDS_MAX = "graphshift.neptune.request.records.max";
  /** Gauge, requests: requests in flight now. */
  public static final String NEPTUNE_INFLIGHT = "graphshift.neptune.inflight";
  /** Counter, calls: listener calls that threw. */
  public static final String NEPTUNE_LISTENER_FAILURES = "graphshift.neptune.listener.failures";

  // ------------------------------------------------------------------------------------------ Engram

  /** Counter, requests: HTTP requests sent, each attempt. */
  public static final String ENGRAM_REQUESTS = "graphshift.engram.requests";
  /** Counter, requests: requests that failed, each attempt. */
  public static final String ENGRAM_REQUEST_FAILURES = "graphshift.engram.request.failures";
  /** Counter, requests: requests retried. */
  public static final String ENGRAM_RETRIES = "graphshift.engram.retries";
  /** Counter, memories: memories Engram answered 201 for. */
  public static final String ENGRAM_REMEMBERED = "graphshift.engram.remembered";
  /** Counter, records: records rejected with a reason. */
  public static final String ENGRAM_REJECTED = "graphshift.engram.rejected";
  /** Counter, nodes: nodes held back as near-duplicates of another node of their batch. */
  public static final String ENGRAM_NEAR_DUPLICATES = "graphshift.engram.near.duplicates";
  /** Counter, nodes: nodes held back because their space would pass its capacity. */
  public static final String ENGRAM_SPACE_FULL = "graphshift.engram.space.full";
  /** Counter, memories: memories read back by verification. */
  public static final String ENGRAM_VERIFIED = "graphshift.engram.verified";
  /** Counter, memories: memories verification found missing or different. */
  public static final String ENGRAM_NOT_STORED = "graphshift.engram.not.stored";
  /** Counter, calls: embedder calls that failed. */
  public static final String ENGRAM_EMBEDDER_FAILURES = "graphshift.engram.embedder.failures";
  /** Counter, pages: scan pages during which the space's counter changed. */
  public static final String ENGRAM_SCAN_UNSTABLE = "graphshift.engram.scan.unstable";
  /** Counter, calls: listener calls that threw. */
  public static final String ENGRAM_LISTENER_FAILURES = "graphshift.engram.listener.failures";
}
