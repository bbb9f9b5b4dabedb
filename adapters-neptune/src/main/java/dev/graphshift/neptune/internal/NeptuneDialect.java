package dev.graphshift.neptune.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.process.traversal.TextP;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.util.function.Lambda;

/**
 * The rules of Neptune's Gremlin dialect, in one place. TinkerGraph (the test stand-in) enforces none
 * of them, so the adapter does, for every request it sends:
 *
 * <ul>
 *   <li><b>String ids.</b> The migration id is the vertex id and the edge id, always a {@code String}.
 *       A vertex or edge whose id is not a string cannot be read into the model.
 *   <li><b>Multi-label vertices</b> are written as Neptune writes them: the labels sorted and joined with
 *       {@code ::} ({@code Admin::Person}). A label holding {@code ::} would be split by Neptune and is
 *       rejected. Neptune's {@code hasLabel("A::B")} matches nothing and {@code hasLabel("A")} matches a
 *       vertex labelled {@code A::B}; TinkerGraph keeps {@code "A::B"} as one label string. Label filters
 *       therefore use {@link #withLabel}, which matches on both: the exact label (Neptune)
 *       or the label as one {@code ::}-separated part of the label string (TinkerGraph). Counts per label
 *       split every label string, so a vertex counts once under each of its labels.
 *   <li><b>No lambdas.</b> A request holding a lambda is refused before it is sent
 *       ({@link #checkRequest(Bytecode, int)}); Neptune does not run them and they are code from data.
 *   <li><b>At most {@link #MAX_STEPS_PER_REQUEST} Gremlin steps per request</b>, counting the steps of
 *       nested traversals. The adapter's traversals are of constant size (rows travel as one {@code
 *       inject} argument), so the check guards against a bug rather than against data.
 *   <li><b>Property records per request:</b> about 200 by default, where a label and each property value
 *       count as one record ({@link #records}); batches are cut by this budget.
 *   <li><b>Single cardinality.</b> Neptune's default is set cardinality; every write of the adapter
 *       drops a property's old values before it writes new ones, so a re-run never adds a value.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class NeptuneDialect {
  private NeptuneDialect() {}

  /** Neptune may reject a request of more Gremlin steps than this. */
  public static final int MAX_STEPS_PER_REQUEST = 1_500;

  /** What joins the labels of a multi-label vertex. */
  public static final String LABEL_SEPARATOR = "::";

  /** The vertex label Neptune writes for a set of labels; an empty set gets Neptune's default {@code vertex}. */
  public static String vertexLabel(Set<String> labels) {
    if (labels.isEmpty()) {
      return "vertex";
    }
    if (labels.size() == 1) {
      return labels.iterator().next();
    }
    return String.join(LABEL_SEPARATOR, new TreeSet<>(labels));
  }

  /** The labels a stored label string stands for. */
  public static Set<String> labels(String stored) {
    if (stored.equals("vertex")) {
      return Set.of();
    }
    if (!stored.contains(LABEL_SEPARATOR)) {
      return Set.of(stored);
    }
    return Set.copyOf(Arrays.asList(stored.split(LABEL_SEPARATOR, -1)));
  }

  /** Why a label cannot be written to Neptune, if it cannot. */
  public static Optional<String> labelProblem(String label) {
    if (label.contains(LABEL_SEPARATOR)) {
      return Optional.of("label '" + label + "' holds '::', which Neptune uses to separate the labels of a vertex");
    }
    if (label.equals("vertex")) {
      return Optional.of("label 'vertex' is the label Neptune gives a vertex without labels");
    }
    return Optional.empty();
  }

  /**
   * Filters a vertex traversal to the vertices carrying a label: the label itself ({@code hasLabel}, what
   * Neptune answers from its index, and single-label vertices everywhere) or the label as one {@code
   * ::}-separated part of the label string (TinkerGraph keeps {@code A::B} as one string).
   */
  public static <S, E> GraphTraversal<S, E> withLabel(GraphTraversal<S, E> vertices, String label) {
    return vertices.or(
        __.hasLabel(label),
        __.has(T.label, TextP.startingWith(label + LABEL_SEPARATOR)),
        __.has(T.label, TextP.endingWith(LABEL_SEPARATOR + label)),
        __.has(T.label, TextP.containing(LABEL_SEPARATOR + label + LABEL_SEPARATOR)));
  }

  /** Counts per label from counts per stored label string: each part of a label string counts. */
  public static Map<String, Long> countsPerLabel(Map<?, ?> perLabelString) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (Map.Entry<?, ?> e : perLabelString.entrySet()) {
      long n = ((Number) e.getValue()).longValue();
      for (String label : labels(String.valueOf(e.getKey()))) {
        counts.merge(label, n, Long::sum);
      }
    }
    return counts;
  }

  /** The number of Gremlin steps of a request, counting nested traversals and predicates' traversals. */
  public static int steps(Bytecode bytecode) {
    int steps = 0;
    for (Bytecode.Instruction i : bytecode.getStepInstructions()) {
      steps++;
      for (Object argument : i.getArguments()) {
        steps += nestedSteps(argument);
      }
    }
    for (Bytecode.Instruction i : bytecode.getSourceInstructions()) {
      for (Object argument : i.getArguments()) {
        steps += nestedSteps(argument);
      }
    }
    return steps;
  }

  private static int nestedSteps(Object argument) {
    if (argument instanceof Bytecode nested) {
      return steps(nested);
    }
    if (argument instanceof Traversal<?, ?> t) {
      return steps(t.asAdmin().getBytecode());
    }
    return 0;
  }

  /** The lambdas a request holds, anywhere in it. */
  public static List<String> lambdas(Bytecode bytecode) {
    List<String> found = new ArrayList<>();
    collectLambdas(bytecode, found);
    return found;
  }

  private static void collectLambdas(Bytecode bytecode, List<String> found) {
    for (List<Bytecode.Instruction> instructions : List.of(bytecode.getSourceInstructions(), bytecode.getStepInstructions())) {
      for (Bytecode.Instruction i : instructions) {
        for (Object argument : i.getArguments()) {
          collectLambdas(i.getOperator(), argument, found);
        }
      }
    }
  }

  private static void collectLambdas(String operator, Object argument, List<String> found) {
    if (argument instanceof Lambda || argument instanceof java.util.function.Function<?, ?>
        && !(argument instanceof Traversal) && !(argument instanceof Enum<?>)) {
      found.add(operator);
    } else if (argument instanceof Bytecode nested) {
      collectLambdas(nested, found);
    } else if (argument instanceof Traversal<?, ?> t) {
      collectLambdas(t.asAdmin().getBytecode(), found);
    } else if (argument instanceof Collection<?> c) {
      for (Object o : c) {
        if (o != null) {
          collectLambdas(operator, o, found);
        }
      }
    } else if (argument instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() != null) {
          collectLambdas(operator, e.getValue(), found);
        }
      }
    }
  }

  /**
   * Checks a request against the dialect before it is sent.
   *
   * @throws IllegalStateException if it holds a lambda or more steps than {@code maxSteps}; both are
   *     bugs of the adapter, never caused by data
   */
  public static void checkRequest(Bytecode bytecode, int maxSteps) {
    List<String> lambdas = lambdas(bytecode);
    if (!lambdas.isEmpty()) {
      throw new IllegalStateException("a Neptune request must hold no lambda; found one in step(s) " + lambdas);
    }
    int steps = steps(bytecode);
    if (steps > maxSteps) {
      throw new IllegalStateException("a Neptune request of " + steps + " Gremlin steps exceeds the limit of "
          + maxSteps);
    }
  }

  /** The property records a vertex costs Neptune: one per label and one per stored value. */
  public static int records(int labels, int values) {
    return Math.max(1, labels + values);
  }
}
