package dev.graphshift.dualwrite;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event it receives. Thread-safe. */
final class RecordingListener implements DualWriteListener {
  final List<SecondaryWriteFailedEvent> failed = new CopyOnWriteArrayList<>();
  final List<DeadLetteredEvent> deadLettered = new CopyOnWriteArrayList<>();
  final List<RetriedEvent> retried = new CopyOnWriteArrayList<>();
  final List<ParkedEvent> parked = new CopyOnWriteArrayList<>();
  final List<RecordsRejectedEvent> rejected = new CopyOnWriteArrayList<>();
  final List<BackfillRecordsSkippedEvent> skipped = new CopyOnWriteArrayList<>();

  @Override
  public void onSecondaryWriteFailed(SecondaryWriteFailedEvent event) {
    failed.add(event);
  }

  @Override
  public void onDeadLettered(DeadLetteredEvent event) {
    deadLettered.add(event);
  }

  @Override
  public void onRetried(RetriedEvent event) {
    retried.add(event);
  }

  @Override
  public void onParked(ParkedEvent event) {
    parked.add(event);
  }

  @Override
  public void onRejected(RecordsRejectedEvent event) {
    rejected.add(event);
  }

  @Override
  public void onBackfillSkipped(BackfillRecordsSkippedEvent event) {
    skipped.add(event);
  }
}
