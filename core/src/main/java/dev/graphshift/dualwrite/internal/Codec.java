package dev.graphshift.dualwrite.internal;

import dev.graphshift.Node;
import dev.graphshift.PropertyValues;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.dualwrite.OrderingKey;
import dev.graphshift.dualwrite.WriteOperation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compact binary form of {@link WriteOperation}s, ordering keys, instants and strings: what the file
 * journal stores. Every kind of {@link PropertyValues} has its own tag, so a value reads back equal to
 * what was written (vectors bit for bit, temporals with their offset and zone). Integers are
 * variable-length (zig-zag for signed ones); strings are UTF-8, or UTF-16 when they hold an unpaired
 * surrogate, so that any Java string survives.
 *
 * <p>Stateless; the buffers {@link Out} and {@link In} are not shared between threads.
 *
 * <p>Thread-safe.
 */
public final class Codec {
  private Codec() {}

  // value tags; never renumber, the journal depends on them
  private static final int STRING = 0;
  private static final int FALSE = 1;
  private static final int TRUE = 2;
  private static final int LONG = 3;
  private static final int DOUBLE = 4;
  private static final int FLOAT_VECTOR = 5;
  private static final int DOUBLE_VECTOR = 6;
  private static final int LIST_STRING = 7;
  private static final int LIST_BOOLEAN = 8;
  private static final int LIST_LONG = 9;
  private static final int LIST_DOUBLE = 10;
  private static final int DATE = 11;
  private static final int LOCAL_TIME = 12;
  private static final int LOCAL_DATE_TIME = 13;
  private static final int TIME = 14;
  private static final int DATE_TIME = 15;
  private static final int ZONED_DATE_TIME = 16;

  private static final WriteOperation.Type[] TYPES = WriteOperation.Type.values();
  private static final WriteMode[] MODES = WriteMode.values();
  private static final OrderingKey.Kind[] KEY_KINDS = OrderingKey.Kind.values();

  /** A growable output buffer. Not thread-safe; confine to one thread. */
  public static final class Out {
    private byte[] buf;
    private int pos;

    public Out(int capacity) {
      this.buf = new byte[Math.max(16, capacity)];
    }

    public int position() {
      return pos;
    }

    public byte[] array() {
      return buf;
    }

    public void reset() {
      pos = 0;
    }

    private void ensure(int more) {
      if (pos + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
      }
    }

    public void writeByte(int b) {
      ensure(1);
      buf[pos++] = (byte) b;
    }

    public void writeInt(int v) {
      ensure(4);
      buf[pos++] = (byte) (v >>> 24);
      buf[pos++] = (byte) (v >>> 16);
      buf[pos++] = (byte) (v >>> 8);
      buf[pos++] = (byte) v;
    }

    /** Overwrites four bytes at an earlier position. */
    public void putInt(int at, int v) {
      buf[at] = (byte) (v >>> 24);
      buf[at + 1] = (byte) (v >>> 16);
      buf[at + 2] = (byte) (v >>> 8);
      buf[at + 3] = (byte) v;
    }

    public void writeLong(long v) {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    public void writeVarLong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    public void writeSignedVarLong(long v) {
      writeVarLong((v << 1) ^ (v >> 63));
    }

    public void writeBytes(byte[] bytes, int from, int length) {
      ensure(length);
      System.arraycopy(bytes, from, buf, pos, length);
      pos += length;
    }

    public void writeString(String s) {
      if (PropertyValues.wellFormed(s)) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong((long) utf8.length << 1);
        writeBytes(utf8, 0, utf8.length);
      } else {
        writeVarLong(((long) s.length() * 2) << 1 | 1);
        ensure(s.length() * 2);
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          buf[pos++] = (byte) (c >>> 8);
          buf[pos++] = (byte) c;
        }
      }
    }
  }

  /** A reader over a byte range. Not thread-safe; confine to one thread. */
  public static final class In {
    private final byte[] buf;
    private int pos;
    private final int end;

    public In(byte[] buf, int from, int end) {
      this.buf = buf;
      this.pos = from;
      this.end = end;
    }

    public int position() {
      return pos;
    }

    public boolean hasMore() {
      return pos < end;
    }

    private void need(int n) {
      if (n < 0 || pos + n > end) {
        throw new IllegalArgumentException("record truncated at byte " + pos + " (needs " + n + " more)");
      }
    }

    public int readByte() {
      need(1);
      return buf[pos++] & 0xFF;
    }

    public int readInt() {
      need(4);
      int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
          | (buf[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }

    public long readLong() {
      long high = readInt() & 0xFFFFFFFFL;
      return (high << 32) | (readInt() & 0xFFFFFFFFL);
    }

    public long readVarLong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = readByte();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("malformed variable-length integer at byte " + pos);
    }

    public long readSignedVarLong() {
      long v = readVarLong();
      return (v >>> 1) ^ -(v & 1);
    }

    public int readCount() {
      long n = readVarLong();
      if (n < 0 || n > end - pos) {
        throw new IllegalArgumentException("implausible count " + n + " at byte " + pos);
      }
      return (int) n;
    }

    public String readString() {
      long header = readVarLong();
      long length = header >>> 1;
      if (length > end - pos) {
        throw new IllegalArgumentException("string of " + length + " bytes overruns the record at byte " + pos);
      }
      int n = (int) length;
      need(n);
      String s;
      if ((header & 1) == 0) {
        s = new String(buf, pos, n, StandardCharsets.UTF_8);
      } else {
        char[] chars = new char[n / 2];
        for (int i = 0; i < chars.length; i++) {
          chars[i] = (char) (((buf[pos + 2 * i] & 0xFF) << 8) | (buf[pos + 2 * i + 1] & 0xFF));
        }
        s = new String(chars);
      }
      pos += n;
      return s;
    }
  }

  // ------------------------------------------------------------------------------------ instants

  public static void writeInstant(Out out, Instant instant) {
    out.writeSignedVarLong(instant.getEpochSecond());
    out.writeVarLong(instant.getNano());
  }

  public static Instant readInstant(In in) {
    long seconds = in.readSignedVarLong();
    return Instant.ofEpochSecond(seconds, in.readVarLong());
  }

  public static void writeStrings(Out out, List<String> strings) {
    out.writeVarLong(strings.size());
    for (String s : strings) {
      out.writeString(s);
    }
  }

  public static List<String> readStrings(In in) {
    int n = in.readCount();
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(in.readString());
    }
    return List.copyOf(list);
  }

  // ---------------------------------------------------------------------------------------- keys

  public static void writeKeys(Out out, List<OrderingKey> keys) {
    out.writeVarLong(keys.size());
    for (OrderingKey k : keys) {
      out.writeByte(k.kind().ordinal());
      out.writeString(k.id());
    }
  }

  public static List<OrderingKey> readKeys(In in) {
    int n = in.readCount();
    List<OrderingKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = in.readByte();
      if (kind >= KEY_KINDS.length) {
        throw new IllegalArgumentException("unknown ordering key kind " + kind);
      }
      keys.add(OrderingKey.of(KEY_KINDS[kind], in.readString()));
    }
    return List.copyOf(keys);
  }

  // ---------------------------------------------------------------------------------- operations

  public static void writeOperation(Out out, WriteOperation op) {
    out.writeByte(op.type().ordinal());
    if (op instanceof WriteOperation.UpsertNode u) {
      out.writeByte(u.mode().ordinal());
      Node n = u.node();
      out.writeString(n.id());
      out.writeVarLong(n.labels().size());
      for (String label : n.labels()) {
        out.writeString(label);
      }
      writeProperties(out, n.properties());
    } else if (op instanceof WriteOperation.UpsertRelationship u) {
      out.writeByte(u.mode().ordinal());
      Relationship r = u.relationship();
      out.writeString(r.id());
      out.writeString(r.type());
      out.writeString(r.startId());
      out.writeString(r.endId());
      writeProperties(out, r.properties());
    } else {
      out.writeString(op.id());
    }
  }

  public static WriteOperation readOperation(In in) {
    int type = in.readByte();
    if (type >= TYPES.length) {
      throw new IllegalArgumentException("unknown operation type " + type);
    }
    switch (TYPES[type]) {
      case UPSERT_NODE: {
        WriteMode mode = mode(in.readByte());
        String id = in.readString();
        int n = in.readCount();
        Set<String> labels = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
          labels.add(in.readString());
        }
        return new WriteOperation.UpsertNode(new Node(id, labels, readProperties(in)), mode);
      }
      case DELETE_NODE:
        return new WriteOperation.DeleteNode(in.readString());
      case UPSERT_RELATIONSHIP: {
        WriteMode mode = mode(in.readByte());
        String id = in.readString();
        String relType = in.readString();
        String start = in.readString();
        String end = in.readString();
        return new WriteOperation.UpsertRelationship(
            new Relationship(id, relType, start, end, readProperties(in)), mode);
      }
      default:
        return new WriteOperation.DeleteRelationship(in.readString());
    }
  }

  private static WriteMode mode(int ordinal) {
    if (ordinal >= MODES.length) {
      throw new IllegalArgumentException("unknown write mode " + ordinal);
    }
    return MODES[ordinal];
  }

  // ---------------------------------------------------------------------------------- properties

  private static void writeProperties(Out out, Map<String, Object> properties) {
    out.writeVarLong(properties.size());
    for (Map.Entry<String, Object> e : properties.entrySet()) {
      out.writeString(e.getKey());
      writeValue(out, e.getKey(), e.getValue());
    }
  }

  private static Map<String, Object> readProperties(In in) {
    int n = in.readCount();
    Map<String, Object> props = new HashMap<>(Math.max(4, n * 2));
    for (int i = 0; i < n; i++) {
      String key = in.readString();
      props.put(key, readValue(in));
    }
    return props;
  }

  /**
   * Writes one value of the closed set.
   *
   * @throws IllegalArgumentException if the value is outside the closed set (the primary accepted the
   *     record, so this is a bug of the primary's rules)
   */
  static void writeValue(Out out, String key, Object v) {
    if (v instanceof String s) {
      out.writeByte(STRING);
      out.writeString(s);
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeSignedVarLong(l);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToRawLongBits(d));
    } else if (v instanceof float[] f) {
      out.writeByte(FLOAT_VECTOR);
      out.writeVarLong(f.length);
      for (float x : f) {
        out.writeInt(Float.floatToRawIntBits(x));
      }
    } else if (v instanceof double[] d) {
      out.writeByte(DOUBLE_VECTOR);
      out.writeVarLong(d.length);
      for (double x : d) {
        out.writeLong(Double.doubleToRawLongBits(x));
      }
    } else if (v instanceof List<?> list) {
      writeList(out, key, list);
    } else if (v instanceof ZonedDateTime z) {
      out.writeByte(ZONED_DATE_TIME);
      writeLocalDateTime(out, z.toLocalDateTime());
      out.writeSignedVarLong(z.getOffset().getTotalSeconds());
      out.writeString(z.getZone().getId());
    } else if (v instanceof OffsetDateTime o) {
      out.writeByte(DATE_TIME);
      writeLocalDateTime(out, o.toLocalDateTime());
      out.writeSignedVarLong(o.getOffset().getTotalSeconds());
    } else if (v instanceof LocalDateTime l) {
      out.writeByte(LOCAL_DATE_TIME);
      writeLocalDateTime(out, l);
    } else if (v instanceof LocalDate d) {
      out.writeByte(DATE);
      out.writeSignedVarLong(d.toEpochDay());
    } else if (v instanceof LocalTime t) {
      out.writeByte(LOCAL_TIME);
      out.writeVarLong(t.toNanoOfDay());
    } else if (v instanceof OffsetTime t) {
      out.writeByte(TIME);
      out.writeVarLong(t.toLocalTime().toNanoOfDay());
      out.writeSignedVarLong(t.getOffset().getTotalSeconds());
    } else {
      throw new IllegalArgumentException("property '" + key + "' has a value outside the closed set: "
          + v.getClass().getName());
    }
  }

  private static void writeList(Out out, String key, List<?> list) {
    Object first = list.isEmpty() ? "" : list.get(0);
    int tag = first instanceof String ? LIST_STRING
        : first instanceof Boolean ? LIST_BOOLEAN
        : first instanceof Long ? LIST_LONG
        : first instanceof Double ? LIST_DOUBLE : -1;
    if (tag < 0) {
      throw new IllegalArgumentException("property '" + key + "' is a list of " + first.getClass().getName());
    }
    out.writeByte(tag);
    out.writeVarLong(list.size());
    for (Object e : list) {
      switch (tag) {
        case LIST_STRING -> out.writeString(element(key, e, String.class));
        case LIST_BOOLEAN -> out.writeByte(element(key, e, Boolean.class) ? 1 : 0);
        case LIST_LONG -> out.writeSignedVarLong(element(key, e, Long.class));
        default -> out.writeLong(Double.doubleToRawLongBits(element(key, e, Double.class)));
      }
    }
  }

  private static <T> T element(String key, Object e, Class<T> type) {
    if (!type.isInstance(e)) {
      throw new IllegalArgumentException("property '" + key + "' is a list mixing " + type.getSimpleName()
          + " and " + (e == null ? "null" : e.getClass().getName()));
    }
    return type.cast(e);
  }

  private static void writeLocalDateTime(Out out, LocalDateTime l) {
    out.writeSignedVarLong(l.toLocalDate().toEpochDay());
    out.writeVarLong(l.toLocalTime().toNanoOfDay());
  }

  private static LocalDateTime readLocalDateTime(In in) {
    LocalDate date = LocalDate.ofEpochDay(in.readSignedVarLong());
    return LocalDateTime.of(date, LocalTime.ofNanoOfDay(in.readVarLong()));
  }

  static Object readValue(In in) {
    int tag = in.readByte();
    switch (tag) {
      case STRING:
        return in.readString();
      case FALSE:
        return Boolean.FALSE;
      case TRUE:
        return Boolean.TRUE;
      case LONG:
        return in.readSignedVarLong();
      case DOUBLE:
        return Double.longBitsToDouble(in.readLong());
      case FLOAT_VECTOR: {
        int n = in.readCount();
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = Float.intBitsToFloat(in.readInt());
        }
        return f;
      }
      case DOUBLE_VECTOR: {
        int n = in.readCount();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
          d[i] = Double.longBitsToDouble(in.readLong());
        }
        return d;
      }
      case LIST_STRING:
      case LIST_BOOLEAN:
      case LIST_LONG:
      case LIST_DOUBLE: {
        int n = in.readCount();
        Object[] items = new Object[n];
        for (int i = 0; i < n; i++) {
          items[i] = switch (tag) {
            case LIST_STRING -> in.readString();
            case LIST_BOOLEAN -> in.readByte() != 0;
            case LIST_LONG -> in.readSignedVarLong();
            default -> Double.longBitsToDouble(in.readLong());
          };
        }
        return List.of(items);
      }
      case DATE:
        return LocalDate.ofEpochDay(in.readSignedVarLong());
      case LOCAL_TIME:
        return LocalTime.ofNanoOfDay(in.readVarLong());
      case LOCAL_DATE_TIME:
        return readLocalDateTime(in);
      case TIME: {
        LocalTime t = LocalTime.ofNanoOfDay(in.readVarLong());
        return OffsetTime.of(t, ZoneOffset.ofTotalSeconds((int) in.readSignedVarLong()));
      }
      case DATE_TIME: {
        LocalDateTime l = readLocalDateTime(in);
        return OffsetDateTime.of(l, ZoneOffset.ofTotalSeconds((int) in.readSignedVarLong()));
      }
      case ZONED_DATE_TIME: {
        LocalDateTime l = readLocalDateTime(in);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds((int) in.readSignedVarLong());
        return ZonedDateTime.ofInstant(l, offset, ZoneId.of(in.readString()));
      }
      default:
        throw new IllegalArgumentException("unknown value tag " + tag);
    }
  }
}
