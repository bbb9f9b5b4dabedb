package dev.graphshift.runbook.internal;

import dev.graphshift.internal.Json;
import dev.graphshift.cutover.CutoverPhase;
import dev.graphshift.cutover.CutoverState;
import dev.graphshift.runbook.Evidence;
import dev.graphshift.runbook.GateResult;
import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.runbook.RunbookState;
import dev.graphshift.runbook.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RunbookState} as one JSON document, for the file store: {@code format}, {@code runbook},
 * {@code version}, {@code phase}, {@code changedAt}, {@code history} (each {@code from}, {@code to},
 * {@code at}, {@code actor}, {@code reason}, {@code kind}, {@code gates}), {@code evidence} (by kind:
 * {@code at}, {@code phase}, {@code passed}, {@code summary}, {@code figures}) and {@code cutover} (the
 * fields of {@link CutoverState}, or null). Times are ISO-8601 instants.
 *
 * <p>Thread-safe.
 */
public final class StateCodec {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "graphshift.runbook.state/1";

  private StateCodec() {}

  /** The state as pretty-printed JSON. */
  public static String write(RunbookState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("runbook", s.runbook());
    m.put("version", s.version());
    m.put("phase", s.phase().name());
    m.put("changedAt", s.changedAt().toString());
    List<Object> history = new ArrayList<>(s.history().size());
    for (Transition t : s.history()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("from", t.from().name());
      x.put("to", t.to().name());
      x.put("at", t.at().toString());
      x.put("actor", t.actor());
      x.put("reason", t.reason());
      x.put("kind", t.kind().name());
      List<Object> gates = new ArrayList<>(t.gates().size());
      for (GateResult g : t.gates()) {
        gates.add(Map.of("gate", g.gate(), "passed", g.passed(), "reason", g.reason()));
      }
      x.put("gates", gates);
      history.add(x);
    }
    m.put("history", history);
    Map<String, Object> evidence = new LinkedHashMap<>();
    for (Evidence e : s.evidence().values()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("at", e.at().toString());
      x.put("phase", e.phase().name());
      x.put("passed", e.passed());
      x.put("summary", e.summary());
      x.put("figures", e.figures());
      evidence.put(e.kind(), x);
    }
    m.put("evidence", evidence);
    m.put("cutover", s.cutover().map(StateCodec::cutover));
    return Json.writePretty(m);
  }

  private static Map<String, Object> cutover(CutoverState c) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("version", c.version());
    x.put("shareBasisPoints", (long) c.shareBasisPoints());
    x.put("phase", c.phase().name());
    x.put("step", (long) c.step());
    x.put("stepStartedAt", c.stepStartedAt().toString());
    x.put("changedAt", c.changedAt().toString());
    x.put("changedBy", c.changedBy());
    x.put("reason", c.reason());
    return x;
  }

  /**
   * Reads a state written by {@link #write(RunbookState)}.
   *
   * @throws IllegalArgumentException naming the field, if the text is not such a document
   */
  public static RunbookState read(String text) {
    Map<String, @Nullable Object> m = Json.parseObject(text);
    String format = string(m, "format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("unknown format '" + format + "', expected '" + FORMAT + "'");
    }
    List<Transition> history = new ArrayList<>();
    for (Object o : list(m, "history")) {
      Map<String, @Nullable Object> x = object(o, "history");
      List<GateResult> gates = new ArrayList<>();
      for (Object g : list(x, "gates")) {
        Map<String, @Nullable Object> y = object(g, "gates");
        gates.add(new GateResult(string(y, "gate"), bool(y, "passed"), string(y, "reason")));
      }
      history.add(new Transition(phase(x, "from"), phase(x, "to"), instant(x, "at"), string(x, "actor"),
          string(x, "reason"), Transition.Kind.valueOf(string(x, "kind")), gates));
    }
    Map<String, Evidence> evidence = new LinkedHashMap<>();
    for (Map.Entry<String, @Nullable Object> e : object(m.get("evidence"), "evidence").entrySet()) {
      Map<String, @Nullable Object> x = object(e.getValue(), "evidence." + e.getKey());
      Map<String, Long> figures = new LinkedHashMap<>();
      for (Map.Entry<String, @Nullable Object> f : object(x.get("figures"), "figures").entrySet()) {
        if (!(f.getValue() instanceof Long v)) {
          throw new IllegalArgumentException("figure '" + f.getKey() + "' is not an integer");
        }
        figures.put(f.getKey(), v);
      }
      evidence.put(e.getKey(), new Evidence(e.getKey(), instant(x, "at"), phase(x, "phase"), bool(x, "passed"),
          string(x, "summary"), figures));
    }
    Object c = m.get("cutover");
    Optional<CutoverState> cutover = Optional.empty();
    if (c != null) {
      Map<String, @Nullable Object> x = object(c, "cutover");
      cutover = Optional.of(new CutoverState(number(x, "version"), (int) number(x, "shareBasisPoints"),
          CutoverPhase.valueOf(string(x, "phase")), (int) number(x, "step"), instant(x, "stepStartedAt"),
          instant(x, "changedAt"), string(x, "changedBy"), string(x, "reason")));
    }
    return new RunbookState(string(m, "runbook"), number(m, "version"), phase(m, "phase"), instant(m, "changedAt"),
        history, evidence, cutover);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, @Nullable Object> object(@Nullable Object o, String what) {
    if (!(o instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("'" + what + "' is not an object");
    }
    return (Map<String, @Nullable Object>) o;
  }

  private static List<?> list(Map<String, @Nullable Object> m, String key) {
    if (!(m.get(key) instanceof List<?> l)) {
      throw new IllegalArgumentException("'" + key + "' is missing or not a list");
    }
    return l;
  }

  private static String string(Map<String, @Nullable Object> m, String key) {
    if (!(m.get(key) instanceof String s)) {
      throw new IllegalArgumentException("'" + key + "' is missing or not a string");
    }
    return s;
  }

  private static long number(Map<String, @Nullable Object> m, String key) {
    if (!(m.get(key) instanceof Long n)) {
      throw new IllegalArgumentException("'" + key + "' is missing or not an integer");
    }
    return n;
  }

  private static boolean bool(Map<String, @Nullable Object> m, String key) {
    if (!(m.get(key) instanceof Boolean b)) {
      throw new IllegalArgumentException("'" + key + "' is missing or not a boolean");
    }
    return b;
  }

  private static Instant instant(Map<String, @Nullable Object> m, String key) {
    return Instant.parse(string(m, key));
  }

  private static MigrationPhase phase(Map<String, @Nullable Object> m, String key) {
    return MigrationPhase.valueOf(string(m, key));
  }
}
