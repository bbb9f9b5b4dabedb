package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.CutoverControlStore;
import dev.graphshift.cutover.CutoverSchedule;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.validation.ValidationReport;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of a {@link MigrationRunbook}, as built.
 *
 * <p>Immutable.
 *
 * @param name the runbook's name: the key of its stored state, and the prefix of its coordinators' names
 * @param oldDatabase the name of the database migrated from
 * @param newDatabase the name of the database migrated to
 * @param mapper how old records become new ones
 * @param reverseMapper how new records become old ones for reverse dual writes in {@link
 *     MigrationPhase#DECOMMISSION}; empty when reverse dual writes are off
 * @param rollbackWindow how long the old database stays within reach after the new one became the primary
 * @param transitionTimeout the longest a change of phase waits for running writes and for a dual write to
 *     catch up (writes wait as long at most)
 * @param instanceId this process's id, recorded by the cutover router
 * @param schedule the cutover schedule, started when the runbook enters {@link MigrationPhase#CUTOVER}
 * @param gates the gates checked before entering each phase
 * @param validationModes the validations {@link MigrationRunbook#runValidation()} runs
 * @param stateStore where the runbook's state is kept
 * @param controlStore the cutover router's own control store, if one was given (else its state is kept
 *     in the runbook's state)
 */
public record MigrationRunbookConfig(
    String name,
    String oldDatabase,
    String newDatabase,
    RecordMapper mapper,
    Optional<RecordMapper> reverseMapper,
    Duration rollbackWindow,
    Duration transitionTimeout,
    String instanceId,
    Optional<CutoverSchedule> schedule,
    Map<MigrationPhase, List<Gate>> gates,
    Set<ValidationReport.Mode> validationModes,
    RunbookStateStore stateStore,
    Optional<CutoverControlStore> controlStore) {

  public MigrationRunbookConfig {
    requireNonNull(name, "name");
    requireNonNull(oldDatabase, "oldDatabase");
    requireNonNull(newDatabase, "newDatabase");
    requireNonNull(mapper, "mapper");
    requireNonNull(reverseMapper, "reverseMapper");
    requireNonNull(rollbackWindow, "rollbackWindow");
    requireNonNull(transitionTimeout, "transitionTimeout");
    requireNonNull(instanceId, "instanceId");
    requireNonNull(schedule, "schedule");
    EnumMap<MigrationPhase, List<Gate>> g = new EnumMap<>(MigrationPhase.class);
    gates.forEach((phase, list) -> g.put(phase, List.copyOf(list)));
    gates = java.util.Collections.unmodifiableMap(g);
    validationModes = Set.copyOf(validationModes);
    requireNonNull(stateStore, "stateStore");
    requireNonNull(controlStore, "controlStore");
  }

  /** Whether the old database gets the writes after the new one in {@link MigrationPhase#DECOMMISSION}. */
  public boolean reverseDualWrites() {
    return reverseMapper.isPresent();
  }

  /** The gates checked before entering a phase (empty for none). */
  public List<Gate> gates(MigrationPhase phase) {
    return gates.getOrDefault(phase, List.of());
  }
}
