package dev.graphshift.testing.engram;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The wire-level vocabulary of Engram's HTTP API as the stand-in speaks it: the {@code ApiError} body
 * and its codes, the texts of the errors the handlers raise, the space-id rule, and the two timestamp
 * renderings (serde's {@code ...Z} in write responses, chrono's {@code to_rfc3339()} {@code +00:00} in
 * GET and listing bodies). Texts are copied from {@code engram-cli/src/api.rs} and
 * {@code engram-core/src/types.rs} so that clients meet the same messages.
 *
 * <p>Thread-safe.
 */
final class StandInProtocol {
  private StandInProtocol() {}

  static final String INVALID_MEMORY_INPUT = "INVALID_MEMORY_INPUT";
  static final String BAD_REQUEST = "BAD_REQUEST";
  static final String UNAUTHORIZED = "UNAUTHORIZED";
  static final String FORBIDDEN = "FORBIDDEN";
  static final String MEMORY_NOT_FOUND = "MEMORY_NOT_FOUND";
  static final String MEMORY_VALIDATION_ERROR = "MEMORY_VALIDATION_ERROR";
  static final String MEMORY_SYSTEM_ERROR = "MEMORY_SYSTEM_ERROR";
  static final String NOT_IMPLEMENTED = "NOT_IMPLEMENTED";
  static final String MEMORY_CLUSTER_UNAVAILABLE = "MEMORY_CLUSTER_UNAVAILABLE";
  static final String QUERY_TIMEOUT = "QUERY_TIMEOUT";

  static final String CONTENT_EMPTY = "Memory content cannot be empty. The memory system needs meaningful "
      + "content to create lasting neural patterns.";
  static final String CONTENT_TOO_LARGE = "Memory content too large (>100KB). Consider breaking this into "
      + "smaller, more focused memories for better consolidation.";
  static final String RECALL_NEEDS_CUE = "Recall requires either a text query or embedding vector. Memory "
      + "retrieval needs a cue - what are you trying to remember?";
  static final String INVALID_EMBEDDING_FORMAT = "Invalid embedding format. Expected JSON array of floats.";
  static final String SPREADING_DISABLED = "Spreading recall requires the `spreading_api_beta` flag. Enable "
      + "it with `engram config set feature_flags.spreading_api_beta true` and restart the server.";
  static final String DEFAULT_REASONING = "Default confidence for user-provided memory";

  /** An error the stand-in answers with Engram's {@code ApiError} JSON body. */
  static final class ApiError extends Exception {
    final int status;
    final String code;
    final String educationalContext;
    final Optional<Integer> retryAfterSeconds;

    ApiError(int status, String code, String message, String educationalContext, Optional<Integer> retryAfter) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.educationalContext = educationalContext;
      this.retryAfterSeconds = retryAfter;
    }

    static ApiError invalidInput(String message) {
      return new ApiError(400, INVALID_MEMORY_INPUT, message,
          "Memory operations require well-formed inputs. Check the API documentation for proper request "
              + "structure.", Optional.empty());
    }

    static ApiError badRequest(String message, String suggestion, String example) {
      return new ApiError(400, BAD_REQUEST, message, "Suggestion: " + suggestion + "\nExample: " + example,
          Optional.empty());
    }

    static ApiError notFound(String memoryMessage) {
      return new ApiError(404, MEMORY_NOT_FOUND, "Memory '" + memoryMessage + "' not found in the cognitive graph",
          "Memory retrieval failed - the requested memory may have been forgotten or never encoded. Try a "
              + "broader search query.", Optional.empty());
    }

    static ApiError validation(String message) {
      return new ApiError(422, MEMORY_VALIDATION_ERROR, message,
          "Memory content validation failed. Ensure your input follows cognitive encoding principles.",
          Optional.empty());
    }

    static ApiError notImplemented(String message, String suggestion, String example) {
      return new ApiError(501, NOT_IMPLEMENTED, message, "Suggestion: " + suggestion + "\nExample: " + example,
          Optional.empty());
    }

    static ApiError unauthorized(String message) {
      return new ApiError(401, UNAUTHORIZED, message,
          "Authentication required. Provide a valid API key in the Authorization header.", Optional.empty());
    }

    static ApiError forbidden(String message) {
      return new ApiError(403, FORBIDDEN, message,
          "Authenticated but insufficient permissions. Request access to required resources or permissions.",
          Optional.empty());
    }

    static ApiError systemError(String message) {
      return new ApiError(500, MEMORY_SYSTEM_ERROR, message,
          "The memory system encountered an internal error. Cognitive processes may be temporarily disrupted.",
          Optional.empty());
    }

    static ApiError unavailable(String message, int retryAfterSeconds) {
      return new ApiError(503, MEMORY_CLUSTER_UNAVAILABLE, message,
          "Cluster partition detected. Route requests to a reachable primary or retry once connectivity "
              + "returns.", Optional.of(retryAfterSeconds));
    }

    /** An injected failure with the code Engram uses for that status. */
    static ApiError forStatus(int status, String message) {
      switch (status) {
        case 400:
          return invalidInput(message);
        case 401:
          return unauthorized(message);
        case 403:
          return forbidden(message);
        case 404:
          return notFound(message);
        case 408:
          return new ApiError(408, QUERY_TIMEOUT, message, "Suggestion: retry\nExample: retry", Optional.empty());
        case 422:
          return validation(message);
        case 501:
          return notImplemented(message, "none", "none");
        case 503:
          return unavailable(message, 1);
        default:
          return new ApiError(status, MEMORY_SYSTEM_ERROR, message,
              "The memory system encountered an internal error. Cognitive processes may be temporarily "
                  + "disrupted.", Optional.empty());
      }
    }

    /** The {@code ApiError} JSON body. */
    ObjectNode body() {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      ObjectNode error = root.putObject("error");
      error.put("code", code);
      error.put("message", getMessage());
      error.put("educational_context", educationalContext);
      error.put("cognitive_guidance", switch (code) {
        case INVALID_MEMORY_INPUT ->
            "Memories need meaningful content and context. Think about what makes this memory important.";
        case MEMORY_NOT_FOUND -> "Try different recall cues - memories are often accessible through alternative pathways.";
        default -> "Review the memory system documentation for guidance on proper operations.";
      });
      ObjectNode docs = root.putObject("documentation");
      docs.put("api_guide", "/docs/api");
      docs.put("memory_concepts", "/docs/memory-systems");
      docs.put("examples", "/docs/examples");
      return root;
    }
  }

  /** A rejection axum produces before a handler runs: a status and a plain-text body. */
  static final class PlainRejection extends Exception {
    final int status;

    PlainRejection(int status, String text) {
      super(text, null, false, false);
      this.status = status;
    }
  }

  /**
   * Validates a memory space id as {@code MemorySpaceId::try_from}: trimmed, 3 to 64 bytes, only
   * {@code [a-z0-9_-]}.
   *
   * @return the trimmed id
   * @throws IllegalArgumentException with Engram's error text
   */
  static String validateSpaceId(String raw) {
    String trimmed = raw.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("Memory space identifier is empty\n  Expected: 3-64 characters using "
          + "[a-z0-9_-]\n  Suggestion: Use lowercase tenant slugs like 'tenant_alpha'\n  Example: "
          + "MemorySpaceId::try_from(\"tenant_alpha\")");
    }
    int length = trimmed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (length < 3 || length > 64) {
      throw new IllegalArgumentException("Memory space identifier '" + trimmed + "' has invalid length " + length
          + "\n  Expected: length between 3 and 64 characters\n  Suggestion: Shorten or extend to meet bounds\n"
          + "  Example: MemorySpaceId::try_from(\"alpha_team\")");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        throw new IllegalArgumentException("Memory space identifier '" + trimmed + "' contains unsupported "
            + "characters\n  Expected: Only lowercase letters, digits, '-', '_'\n  Suggestion: Convert to "
            + "lowercase slug (e.g., 'tenant-42')\n  Example: MemorySpaceId::try_from(\"tenant_42\")");
      }
    }
    return trimmed;
  }

  /** chrono's {@code to_rfc3339()} of a UTC time: {@code +00:00}, fractional seconds only when present. */
  static String rfc3339Offset(Instant t) {
    return format(t, "+00:00");
  }

  /** serde's rendering of a {@code DateTime<Utc>}: like {@link #rfc3339Offset} but with {@code Z}. */
  static String rfc3339Z(Instant t) {
    return format(t, "Z");
  }

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private static String format(Instant t, String zone) {
    OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
    StringBuilder s = new StringBuilder(SECONDS.format(utc));
    int nanos = utc.getNano();
    if (nanos != 0) {
      String digits = String.format(java.util.Locale.ROOT, "%09d", nanos);
      s.append('.').append(nanos % 1_000_000 == 0 ? digits.substring(0, 3)
          : nanos % 1_000 == 0 ? digits.substring(0, 6) : digits);
    }
    return s.append(zone).toString();
  }

  /** Rust's {@code trim().is_empty()}: true when the text holds only Unicode white space. */
  static boolean isBlank(String s) {
    return s.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp));
  }

  /** The categories of {@code confidence_category} in api.rs. */
  static String confidenceCategory(float value) {
    return value > 0.7f ? "High" : value > 0.4f ? "Medium" : "Low";
  }
}
