package dev.graphshift.examples;

import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the vectors that the Neptune adapter stores as JSON array strings (its default {@code
 * VectorPolicy.JSON}: Neptune has no vector type) back as {@code float[]}, for the properties the
 * application knows to be vectors. Writes pass through unchanged. With it, the validator, the shadow
 * reads and the application see the embedding they wrote, compared by cosine similarity, instead of a
 * string.
 *
 * <p>Only well-formed JSON arrays of numbers are decoded; any other value of such a property is returned
 * as it is, so that a comparison reports it.
 *
 * <p>Thread-safe.
 */
final class JsonVectorReads extends ForwardingGraphDatabase {
  private final Set<String> vectorProperties;

  JsonVectorReads(GraphDatabase delegate, Set<String> vectorProperties) {
    super(delegate);
    this.vectorProperties = Set.copyOf(vectorProperties);
  }

  @Override
  public Optional<Node> getNode(String id) {
    return delegate().getNode(id).map(this::decode);
  }

  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    Map<String, Node> found = delegate().getNodes(ids);
    Map<String, Node> decoded = new LinkedHashMap<>(found.size() * 2);
    found.forEach((id, node) -> decoded.put(id, decode(node)));
    return decoded;
  }

  @Override
  public ScanPage<Node> scanNodes(ScanRequest request) {
    ScanPage<Node> page = delegate().scanNodes(request);
    return new ScanPage<>(decodeAll(page.items()), page.next(), page.rejected());
  }

  @Override
  public List<Node> sampleNodes(int n, long seed) {
    return decodeAll(delegate().sampleNodes(n, seed));
  }

  private List<Node> decodeAll(List<Node> nodes) {
    List<Node> out = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      out.add(decode(node));
    }
    return out;
  }

  private Node decode(Node node) {
    Map<String, Object> properties = null;
    for (String key : vectorProperties) {
      if (node.properties().get(key) instanceof String s) {
        float[] vector = parse(s);
        if (vector != null) {
          if (properties == null) {
            properties = new LinkedHashMap<>(node.properties());
          }
          properties.put(key, vector);
        }
      }
    }
    return properties == null ? node : node.withProperties(properties);
  }

  /** The floats of a JSON array of numbers, or null if the text is not one. */
  static float @Nullable [] parse(String text) {
    String s = text.strip();
    if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
      return null;
    }
    String body = s.substring(1, s.length() - 1).strip();
    if (body.isEmpty()) {
      return new float[0];
    }
    String[] parts = body.split(",");
    float[] vector = new float[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        vector[i] = Float.parseFloat(parts[i].strip());
      }
    } catch (NumberFormatException e) {
      // not a vector after all: the caller keeps the stored string, which any comparison then reports
      return null;
    }
    return vector;
  }
}
