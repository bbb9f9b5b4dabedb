package dev.graphshift.runbook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event a runbook publishes, in order. Thread-safe. */
final class RecordingRunbookListener implements RunbookListener {
  final List<Record> events = new CopyOnWriteArrayList<>();

  @Override
  public void onPhaseAdvanced(PhaseAdvancedEvent event) {
    events.add(event);
  }

  @Override
  public void onPhaseRolledBack(PhaseRolledBackEvent event) {
    events.add(event);
  }

  @Override
  public void onGateFailed(GateFailedEvent event) {
    events.add(event);
  }

  @Override
  public void onEvidenceRecorded(EvidenceRecordedEvent event) {
    events.add(event);
  }

  <E extends Record> List<E> of(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
