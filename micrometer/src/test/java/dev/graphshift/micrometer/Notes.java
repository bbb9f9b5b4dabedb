package dev.graphshift.micrometer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A small application repository for the repository binder's tests, and its in-memory bean. */
public interface Notes {
  void save(String id, String text);

  Optional<String> findById(String id);

  /** An in-memory bean that fails the next {@code failuresLeft} saves. Thread-safe. */
  final class Memory implements Notes {
    final Map<String, String> notes = new ConcurrentHashMap<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    public void save(String id, String text) {
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("save of " + id + " failed");
      }
      notes.put(id, text);
    }

    @Override
    public Optional<String> findById(String id) {
      return Optional.ofNullable(notes.get(id));
    }
  }
}
