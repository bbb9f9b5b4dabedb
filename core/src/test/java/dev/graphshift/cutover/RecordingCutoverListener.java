package dev.graphshift.cutover;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event it receives, in order. Thread-safe. */
public final class RecordingCutoverListener implements CutoverListener {
  public final List<Record> events = new CopyOnWriteArrayList<>();

  @Override
  public void onAdvanced(CutoverAdvancedEvent event) {
    events.add(event);
  }

  @Override
  public void onRolledBack(CutoverRolledBackEvent event) {
    events.add(event);
  }

  @Override
  public void onShareChanged(CutoverShareChangedEvent event) {
    events.add(event);
  }

  @Override
  public void onPaused(CutoverPausedEvent event) {
    events.add(event);
  }

  @Override
  public void onResumed(CutoverResumedEvent event) {
    events.add(event);
  }

  @Override
  public void onFallbackUsed(FallbackUsedEvent event) {
    events.add(event);
  }

  @Override
  public void onHealthChecked(HealthCheckedEvent event) {
    events.add(event);
  }

  /** The events of one type, in order. */
  public <E extends Record> List<E> of(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
