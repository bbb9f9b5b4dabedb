package dev.graphshift.neptune.internal;

import dev.graphshift.neptune.NeptuneCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for a request without a body, as Neptune's IAM authentication needs for the
 * WebSocket handshake ({@code GET /gremlin}, service {@code neptune-db}). Pure JDK: HMAC-SHA256 and
 * SHA-256. The signed headers are {@code host} and {@code x-amz-date}, plus {@code x-amz-security-token}
 * for temporary credentials.
 *
 * <p>Thread-safe.
 */
public final class SigV4 {
  /** The signing service name of Neptune's data plane. */
  public static final String NEPTUNE_SERVICE = "neptune-db";

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private SigV4() {}

  /**
   * The headers to add to a request: {@code X-Amz-Date}, {@code Authorization} and, for temporary
   * credentials, {@code X-Amz-Security-Token}.
   *
   * @param method the HTTP method, for example {@code GET}
   * @param host the value of the Host header ({@code host} or {@code host:port})
   * @param path the canonical path, for example {@code /gremlin}
   * @param query the raw query string without {@code ?}, possibly empty
   */
  public static Map<String, String> sign(String method, String host, String path, String query,
      String region, String service, NeptuneCredentials credentials, Instant now) {
    String amzDate = AMZ_DATE.format(now);
    String date = amzDate.substring(0, 8);
    TreeMap<String, String> headers = new TreeMap<>();
    headers.put("host", host.trim());
    headers.put("x-amz-date", amzDate);
    credentials.sessionToken().ifPresent(token -> headers.put("x-amz-security-token", token));
    StringBuilder canonicalHeaders = new StringBuilder();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      canonicalHeaders.append(h.getKey()).append(':').append(h.getValue()).append('\n');
    }
    String signedHeaders = String.join(";", headers.keySet());
    String canonicalRequest = method + '\n' + path + '\n' + canonicalQuery(query) + '\n' + canonicalHeaders + '\n'
        + signedHeaders + '\n' + EMPTY_SHA256;
    String scope = date + '/' + region + '/' + service + "/aws4_request";
    String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n' + hex(sha256(canonicalRequest));
    byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, stringToSign));
    Map<String, String> result = new LinkedHashMap<>();
    result.put("X-Amz-Date", amzDate);
    result.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId() + '/' + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    credentials.sessionToken().ifPresent(token -> result.put("X-Amz-Security-Token", token));
    return result;
  }

  private static String canonicalQuery(String query) {
    if (query.isEmpty()) {
      return "";
    }
    TreeMap<String, String> params = new TreeMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(p.getKey()).append('=').append(p.getValue());
    }
    return out.toString();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
