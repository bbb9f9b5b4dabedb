package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Checked;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.mapping.RecordMapper;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A test mapper: node ids get a prefix, node properties go through a function; relationships are kept. Thread-safe. */
public final class PrefixingMapper implements RecordMapper {
  private final String prefix;
  private final UnaryOperator<Map<String, Object>> properties;

  public PrefixingMapper(String prefix, UnaryOperator<Map<String, Object>> properties) {
    this.prefix = requireNonNull(prefix, "prefix");
    this.properties = requireNonNull(properties, "properties");
  }

  @Override
  public Checked<Node> mapNodes(List<Node> nodes) {
    return Checked.allAccepted(nodes.stream()
        .map(n -> new Node(prefix + n.id(), n.labels(), properties.apply(n.properties())))
        .toList());
  }

  @Override
  public Checked<Relationship> mapRelationships(List<Relationship> relationships) {
    return Checked.allAccepted(relationships);
  }

  @Override
  public String nodeId(String sourceId) {
    return prefix + sourceId;
  }
}
