package dev.graphshift.benchmarks.mapping;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Float32Vector;
import org.neo4j.driver.types.Float64Vector;
import org.neo4j.driver.types.MapAccessor;
import org.neo4j.driver.types.Type;
import org.neo4j.driver.types.TypeSystem;

/**
 * PLACEHOLDER for the Neo4j adapter's public conversion of driver records to the model, which is being
 * written in parallel and is not merged yet. It exists only so that the benchmark includes the
 * driver-to-model step; <b>switch {@link SchemaMapperBenchmark} to the adapter's public converter when it
 * is merged</b>, and delete this class.
 *
 * <p>What it does, as a straightforward adapter would: the element id becomes the node id; labels are
 * copied into a set; each property value is the driver's {@link Value#asObject()}, except that lists
 * are built straight into immutable lists (which the model keeps without copying) and driver vectors
 * become {@code float[]}/{@code double[]}. Neo4j 5's {@code LIST<FLOAT>} embeddings therefore arrive as
 * lists of {@code Double}, native Neo4j vectors (2025.10+, driver 6) as {@code float[]}.
 *
 * <p>Thread-safe.
 */
final class DriverConversionPlaceholder {
  private static final Type LIST = TypeSystem.getDefault().LIST();
  private static final Type VECTOR = TypeSystem.getDefault().VECTOR();

  private DriverConversionPlaceholder() {}

  static Node toNode(org.neo4j.driver.types.Node node) {
    return new Node(node.elementId(), labels(node.labels()), properties(node));
  }

  static Relationship toRelationship(org.neo4j.driver.types.Relationship rel) {
    return new Relationship(rel.elementId(), rel.type(), rel.startNodeElementId(), rel.endNodeElementId(),
        properties(rel));
  }

  private static Set<String> labels(Iterable<String> labels) {
    if (labels instanceof Collection<String> c) {
      return Set.copyOf(c);
    }
    Set<String> set = new LinkedHashSet<>();
    labels.forEach(set::add);
    return Set.copyOf(set);
  }

  private static Map<String, Object> properties(MapAccessor entity) {
    Map<String, Object> properties = new HashMap<>((int) (entity.size() / 0.75f) + 1);
    for (String key : entity.keys()) {
      properties.put(key, value(entity.get(key)));
    }
    return properties;
  }

  private static Object value(Value v) {
    if (v.hasType(LIST)) {
      Object[] elements = new Object[v.size()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = v.get(i).asObject();
      }
      return List.of(elements);
    } else if (v.hasType(VECTOR)) {
      Object vector = v.asVector();
      if (vector instanceof Float32Vector f) {
        return f.toArray();
      } else if (vector instanceof Float64Vector d) {
        return d.toArray();
      }
    }
    return v.asObject();
  }
}
