package dev.graphshift.repository;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event of the repository proxies, in order. Thread-safe. */
final class RecordingRepositoryListener implements RepositoryListener {
  final List<Record> events = new CopyOnWriteArrayList<>();

  @Override
  public void onWriteFailed(RepositoryWriteFailedEvent event) {
    events.add(event);
  }

  @Override
  public void onWriteParked(RepositoryWriteParkedEvent event) {
    events.add(event);
  }

  @Override
  public void onReadCompared(RepositoryReadComparedEvent event) {
    events.add(event);
  }

  @Override
  public void onFallbackUsed(RepositoryFallbackUsedEvent event) {
    events.add(event);
  }

  <E extends Record> List<E> of(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
