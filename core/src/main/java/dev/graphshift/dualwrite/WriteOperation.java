package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.mapping.RecordMapper;
import java.util.List;

/**
 * One write of one record as the primary accepted it, on its way to the secondary: what a dead letter
 * holds. Records are in the primary's form; they are mapped (with the coordinator's {@link
 * RecordMapper}) when they are sent, so a dead letter replays exactly what a direct send would have
 * sent. {@link FileDeadLetterQueue} serializes every kind of operation and every property value kind.
 *
 * <p>Immutable.
 */
public sealed interface WriteOperation
    permits WriteOperation.UpsertNode, WriteOperation.DeleteNode, WriteOperation.UpsertRelationship,
        WriteOperation.DeleteRelationship {

  /** The kinds of operation. */
  enum Type {
    UPSERT_NODE,
    DELETE_NODE,
    UPSERT_RELATIONSHIP,
    DELETE_RELATIONSHIP
  }

  /** The kind of operation. */
  Type type();

  /** The id of the record written or deleted, in the primary's form. */
  String id();

  /** The write mode of an upsert; {@link WriteMode#UPSERT} for deletes. */
  WriteMode mode();

  /**
   * The ordering keys of this operation on the secondary: the ids it changes and the nodes it needs,
   * mapped with {@code mapper} and normalized ({@link OrderingKey#normalize(List)}).
   */
  List<OrderingKey> keys(RecordMapper mapper);

  /**
   * Writes a node.
   *
   * <p>Immutable.
   *
   * @param node the node as the primary accepted it
   * @param mode the write mode
   */
  record UpsertNode(Node node, WriteMode mode) implements WriteOperation {
    public UpsertNode {
      requireNonNull(node, "node");
      requireNonNull(mode, "mode");
    }

    @Override
    public Type type() {
      return Type.UPSERT_NODE;
    }

    @Override
    public String id() {
      return node.id();
    }

    @Override
    public List<OrderingKey> keys(RecordMapper mapper) {
      return List.of(OrderingKey.node(mapper.nodeId(node.id())));
    }
  }

  /**
   * Deletes a node with its relationships.
   *
   * <p>Immutable.
   *
   * @param id the node's id in the primary's form
   */
  record DeleteNode(String id) implements WriteOperation {
    public DeleteNode {
      requireNonNull(id, "id");
    }

    @Override
    public Type type() {
      return Type.DELETE_NODE;
    }

    @Override
    public WriteMode mode() {
      return WriteMode.UPSERT;
    }

    @Override
    public List<OrderingKey> keys(RecordMapper mapper) {
      return List.of(OrderingKey.node(mapper.nodeId(id)));
    }
  }

  /**
   * Writes a relationship.
   *
   * <p>Immutable.
   *
   * @param relationship the relationship as the primary accepted it
   * @param mode the write mode
   */
  record UpsertRelationship(Relationship relationship, WriteMode mode) implements WriteOperation {
    public UpsertRelationship {
      requireNonNull(relationship, "relationship");
      requireNonNull(mode, "mode");
    }

    @Override
    public Type type() {
      return Type.UPSERT_RELATIONSHIP;
    }

    @Override
    public String id() {
      return relationship.id();
    }

    @Override
    public List<OrderingKey> keys(RecordMapper mapper) {
      return OrderingKey.normalize(List.of(
          OrderingKey.relationship(mapper.relationshipId(relationship.id())),
          OrderingKey.endpoint(mapper.nodeId(relationship.startId())),
          OrderingKey.endpoint(mapper.nodeId(relationship.endId()))));
    }
  }

  /**
   * Deletes a relationship.
   *
   * <p>Immutable.
   *
   * @param id the relationship's id in the primary's form
   */
  record DeleteRelationship(String id) implements WriteOperation {
    public DeleteRelationship {
      requireNonNull(id, "id");
    }

    @Override
    public Type type() {
      return Type.DELETE_RELATIONSHIP;
    }

    @Override
    public WriteMode mode() {
      return WriteMode.UPSERT;
    }

    @Override
    public List<OrderingKey> keys(RecordMapper mapper) {
      return List.of(OrderingKey.relationship(mapper.relationshipId(id)));
    }
  }
}
