package dev.graphshift.migration;

import static java.util.Objects.requireNonNull;

import dev.graphshift.mapping.RecordMapper;
import java.util.Optional;

/**
 * Turns a schema element of the source into the equivalent on the target, or into nothing when the
 * records it is about are not carried over.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SchemaTranslation {

  /** The target's element, or empty when the label or type is not carried over. */
  Optional<SchemaElement> translate(SchemaElement source);

  /**
   * Through a record mapper: the label or type as {@link RecordMapper#label(String)} or {@link
   * RecordMapper#relationshipType(String)} maps it, the property names unchanged (the record mapper does
   * not expose property renames; pass a translation of your own where the mapping renames indexed
   * properties).
   */
  static SchemaTranslation through(RecordMapper mapper) {
    requireNonNull(mapper, "mapper");
    return element -> (element.entity() == SchemaElement.Entity.NODE
        ? mapper.label(element.labelOrType()) : mapper.relationshipType(element.labelOrType()))
        .map(name -> element.on(name, element.properties()));
  }
}
