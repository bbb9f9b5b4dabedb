package dev.graphshift.repository;

import static java.util.Objects.requireNonNull;

import dev.graphshift.repository.internal.RepositoryHandler;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Wraps an application's repository interface so that the migration happens behind its call sites:
 *
 * <pre>{@code
 * PersonRepository people = Repositories.wrap(PersonRepository.class, neo4jRepo, engramRepo,
 *     RepositoryPolicy.following(runbook).build());
 * people.save(person);             // neo4jRepo answers; engramRepo gets it off-thread, in order per key
 * people.findById("p1");           // neo4jRepo, or compared with engramRepo, or routed, by phase
 * Repositories.of(people).metrics();
 * }</pre>
 *
 * <p><b>Which methods write.</b> {@link Write} or {@link Read} on the method first; then the policy's
 * {@code treat(name, kind)}; then the names: {@code save* create* update* delete* remove* put*} write,
 * {@code find* get* count* exists* list* search*} read (the prefix is a whole word: {@code saveAll},
 * {@code findById}; not {@code settle}); then the policy's {@code otherwise(kind)}. A method none of
 * these classifies is refused when wrapping, with an error naming it. {@code default} methods run on the
 * proxy (so the calls they make are classified); {@code equals}, {@code hashCode} and {@code toString}
 * are the proxy's own (identity, and a description).
 *
 * <p><b>What each phase does</b> (the primary bean is the old database's, the secondary the new one's):
 *
 * <pre>
 * phase                   writes                                        reads
 * SINGLE_WRITE            primary                                       primary
 * DUAL_WRITE..VALIDATE    primary, then secondary asynchronously        primary
 * SHADOW_READ             as above                                      primary; secondary compared off-thread
 * CUTOVER                 as above                                      by key: a share to the secondary (falling
 *                                                                       back to the primary), the rest as SHADOW_READ
 * DECOMMISSION            secondary, then primary if reverse writes     secondary
 * COMPLETE                secondary                                     secondary
 * </pre>
 *
 * The caller gets the authoritative bean's result or exception (unwrapped). Asynchronous writes reach
 * the other bean in the order the caller made them, per {@link RoutingKey routing key}, across a change
 * of direction too: a write first waits (at most the policy's close timeout, then it fails with a
 * {@link dev.graphshift.TransientDatabaseException}) for the writes of its key still queued for the bean
 * it calls. A failure is retried with backoff, then parked with its method and arguments ({@link
 * DualRepository#parked()}). The
 * arguments are passed as given, not copied: an entity changed after the call returns may reach the
 * other bean changed. Parked writes are kept in memory only; the validator's repair is the safety net
 * after a crash.
 *
 * <p>Immutable.
 */
public final class Repositories {
  private Repositories() {}

  /**
   * A proxy of {@code repositoryInterface} over the two beans.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the type is not an interface, a bean does not implement it, both
   *     beans are the same object, or a method cannot be classified (the message names them all)
   */
  public static <T> T wrap(Class<T> repositoryInterface, T primaryBean, T secondaryBean, RepositoryPolicy policy) {
    return dual(repositoryInterface, primaryBean, secondaryBean, policy).proxy();
  }

  /**
   * As {@link #wrap}, returning the proxy with its controls.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #wrap}
   */
  public static <T> DualRepository<T> dual(Class<T> repositoryInterface, T primaryBean, T secondaryBean,
      RepositoryPolicy policy) {
    requireNonNull(repositoryInterface, "repositoryInterface");
    requireNonNull(primaryBean, "primaryBean");
    requireNonNull(secondaryBean, "secondaryBean");
    requireNonNull(policy, "policy");
    if (!repositoryInterface.isInterface()) {
      throw new IllegalArgumentException("not an interface: " + repositoryInterface.getName());
    }
    for (Object bean : new Object[] {primaryBean, secondaryBean}) {
      if (!repositoryInterface.isInstance(bean)) {
        throw new IllegalArgumentException(bean.getClass().getName() + " does not implement "
            + repositoryInterface.getName());
      }
    }
    if (primaryBean == secondaryBean) {
      throw new IllegalArgumentException("the primary and the secondary bean are the same object: " + primaryBean);
    }
    return new DualRepository<>(repositoryInterface, primaryBean, secondaryBean, policy);
  }

  /**
   * The controls of a proxy made by {@link #wrap}.
   *
   * @throws IllegalArgumentException if it is not such a proxy
   */
  @SuppressWarnings("unchecked")
  public static <T> DualRepository<T> of(T proxy) {
    requireNonNull(proxy, "proxy");
    if (Proxy.isProxyClass(proxy.getClass())) {
      InvocationHandler h = Proxy.getInvocationHandler(proxy);
      if (h instanceof RepositoryHandler handler && handler.owner().isPresent()) {
        return (DualRepository<T>) handler.owner().get();
      }
    }
    throw new IllegalArgumentException("not a GraphShift repository proxy: " + proxy.getClass().getName());
  }
}
