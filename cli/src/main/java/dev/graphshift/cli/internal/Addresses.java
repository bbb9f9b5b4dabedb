package dev.graphshift.cli.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** Addresses as messages show them. Thread-safe. */
final class Addresses {
  private Addresses() {}

  /** A URI without its user information ({@code user:secret@}), or the text as it is if it is no URI. */
  static String withoutUserInfo(String uri) {
    try {
      URI u = new URI(uri);
      if (u.getRawUserInfo() == null) {
        return uri;
      }
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), u.getFragment())
          .toString();
    } catch (URISyntaxException e) {
      return uri;
    }
  }
}
