package dev.graphshift.neptune.internal;

import dev.graphshift.neptune.NeptuneCredentials;
import dev.graphshift.neptune.NeptuneCredentialsProvider;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Clock;
import java.util.Map;
import org.apache.tinkerpop.gremlin.driver.HandshakeInterceptor;

/**
 * Signs the WebSocket handshake of every new connection with SigV4 for Neptune's IAM authentication.
 * Credentials are asked for per connection, so rotating ones are picked up. Never logs them.
 *
 * <p>Thread-safe.
 */
public final class IamHandshake implements HandshakeInterceptor {
  private final String host;
  private final int port;
  private final String region;
  private final NeptuneCredentialsProvider credentials;
  private final Clock clock;

  public IamHandshake(String host, int port, String region, NeptuneCredentialsProvider credentials, Clock clock) {
    this.host = host;
    this.port = port;
    this.region = region;
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public FullHttpRequest apply(FullHttpRequest request) {
    String hostHeader = host + ":" + port;
    request.headers().set(HttpHeaderNames.HOST, hostHeader);
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String query = q < 0 ? "" : uri.substring(q + 1);
    NeptuneCredentials creds = credentials.credentials();
    Map<String, String> headers = SigV4.sign(request.method().name(), hostHeader, path.isEmpty() ? "/" : path, query,
        region, SigV4.NEPTUNE_SERVICE, creds, clock.instant());
    headers.forEach((k, v) -> request.headers().set(k, v));
    return request;
  }

  @Override
  public String toString() {
    return "IamHandshake[" + host + ":" + port + ", region=" + region + "]";
  }
}
