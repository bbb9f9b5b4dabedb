package dev.graphshift.mapping;

import dev.graphshift.Checked;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import java.util.List;

/** The mapper that changes nothing; a source and a target of the same shape. */
enum IdentityMapper implements RecordMapper {
  INSTANCE;

  @Override
  public Checked<Node> mapNodes(List<Node> nodes) {
    return Checked.allAccepted(nodes);
  }

  @Override
  public Checked<Relationship> mapRelationships(List<Relationship> relationships) {
    return Checked.allAccepted(relationships);
  }

  @Override
  public String toString() {
    return "RecordMapper.identity()";
  }
}
