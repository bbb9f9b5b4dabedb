package dev.graphshift;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link GraphDatabase} that forwards every call to another: the base of decorators and coordinators,
 * which override what they change (the dual-write coordinator its writes, a fault injector every call)
 * and inherit the rest. Every method forwards, including those {@link GraphDatabase} implements by
 * default, so the delegate's own batch forms are used.
 *
 * <p>Thread-safe, as far as the database it forwards to is.
 */
public abstract class ForwardingGraphDatabase implements GraphDatabase {
  private final GraphDatabase delegate;

  /**
   * Forwards to {@code delegate}.
   *
   * @throws NullPointerException if delegate is null
   */
  protected ForwardingGraphDatabase(GraphDatabase delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  /** The database calls are forwarded to. */
  protected GraphDatabase delegate() {
    return delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    return delegate.upsertNodes(nodes, mode);
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    return delegate.upsertRelationships(relationships, mode);
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    return delegate.deleteNodes(ids);
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    return delegate.deleteRelationships(ids);
  }

  @Override
  public Optional<Node> getNode(String id) {
    return delegate.getNode(id);
  }

  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    return delegate.getNodes(ids);
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    return delegate.getRelationship(id);
  }

  @Override
  public Map<String, Relationship> getRelationships(Collection<String> ids) {
    return delegate.getRelationships(ids);
  }

  @Override
  public long countNodes() {
    return delegate.countNodes();
  }

  @Override
  public long countNodes(String label) {
    return delegate.countNodes(label);
  }

  @Override
  public Map<String, Long> countNodesByLabel() {
    return delegate.countNodesByLabel();
  }

  @Override
  public long countRelationships() {
    return delegate.countRelationships();
  }

  @Override
  public long countRelationships(String type) {
    return delegate.countRelationships(type);
  }

  @Override
  public Map<String, Long> countRelationshipsByType() {
    return delegate.countRelationshipsByType();
  }

  @Override
  public long degree(String nodeId) {
    return delegate.degree(nodeId);
  }

  @Override
  public Map<String, Long> degrees(Collection<String> nodeIds) {
    return delegate.degrees(nodeIds);
  }

  @Override
  public ScanPage<Node> scanNodes(ScanRequest request) {
    return delegate.scanNodes(request);
  }

  @Override
  public ScanPage<Relationship> scanRelationships(ScanRequest request) {
    return delegate.scanRelationships(request);
  }

  @Override
  public List<ScanRequest> splitNodeScan(ScanRequest whole, int parts) {
    return delegate.splitNodeScan(whole, parts);
  }

  @Override
  public List<ScanRequest> splitRelationshipScan(ScanRequest whole, int parts) {
    return delegate.splitRelationshipScan(whole, parts);
  }

  @Override
  public List<Node> sampleNodes(int n, long seed) {
    return delegate.sampleNodes(n, seed);
  }

  @Override
  public QueryResult query(String name, Map<String, Object> parameters) {
    return delegate.query(name, parameters);
  }

  @Override
  public Set<String> queryNames() {
    return delegate.queryNames();
  }

  /** Closes the delegate. */
  @Override
  public void close() {
    delegate.close();
  }
}
