package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.MAPPING_EMBEDDER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.MAPPING_EMBEDDINGS;
import static dev.graphshift.micrometer.GraphShiftMeters.MAPPING_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.MAPPING_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_KIND;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_OUTCOME;

import dev.graphshift.mapping.SchemaMapper;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a {@link SchemaMapper}, read from {@link SchemaMapper#metrics()}: nodes and relationships
 * mapped and rejected, embeddings generated, and embedder failures. The mapper adds to its counters once
 * per batch, so its meters move a batch at a time.
 *
 * <p>Thread-safe.
 */
public final class SchemaMapperMetricsBinder extends GraphShiftMeterBinder<SchemaMapper> {
  private static final String RECORDS = "Records the mapper mapped or rejected, by kind";

  /**
   * A binder of the mapper's meters, tagged with its name.
   *
   * @throws NullPointerException if mapper is null
   */
  public SchemaMapperMetricsBinder(SchemaMapper mapper) {
    this(mapper, Tags.empty());
  }

  /**
   * A binder of the mapper's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public SchemaMapperMetricsBinder(SchemaMapper mapper, Iterable<Tag> tags) {
    super(mapper, mapper.name(), tags);
  }

  @Override
  protected void declare(Meters<SchemaMapper> meters) {
    meters
        .counter(MAPPING_RECORDS, "records", RECORDS, m -> m.metrics().nodesMapped(),
            TAG_KIND, "node", TAG_OUTCOME, "mapped")
        .counter(MAPPING_RECORDS, "records", RECORDS, m -> m.metrics().nodesRejected(),
            TAG_KIND, "node", TAG_OUTCOME, "rejected")
        .counter(MAPPING_RECORDS, "records", RECORDS, m -> m.metrics().relationshipsMapped(),
            TAG_KIND, "relationship", TAG_OUTCOME, "mapped")
        .counter(MAPPING_RECORDS, "records", RECORDS, m -> m.metrics().relationshipsRejected(),
            TAG_KIND, "relationship", TAG_OUTCOME, "rejected")
        .counter(MAPPING_EMBEDDINGS, "embeddings", "Embeddings generated through the embedder",
            m -> m.metrics().embeddingsGenerated())
        .counter(MAPPING_EMBEDDER_FAILURES, "calls", "Embedder calls that failed", m -> m.metrics().embedderFailures())
        .counter(MAPPING_LISTENER_FAILURES, "calls", "Listener calls that threw", m -> m.metrics().listenerFailures());
  }
}
