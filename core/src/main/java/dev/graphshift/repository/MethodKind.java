package dev.graphshift.repository;

/**
 * How the repository proxy treats a method.
 *
 * <p>Immutable.
 */
public enum MethodKind {
  /** Changes data: the authoritative bean synchronously, the other asynchronously, in order per key. */
  WRITE,
  /** Only reads: answered, shadowed or routed according to the phase. */
  READ,
  /** Neither (a flush, a cache eviction): the authoritative bean only. */
  AUTHORITATIVE_ONLY
}
