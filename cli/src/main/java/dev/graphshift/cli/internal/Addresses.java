package dev.graphshift.cli.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

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

  /** The password part of a URI's user information ({@code user:secret@}), to keep out of messages. */
  static Optional<String> userInfoSecret(String uri) {
    try {
      String info = new URI(uri).getUserInfo();
      int colon = info == null ? -1 : info.indexOf(':');
      return colon < 0 || colon == info.length() - 1 ? Optional.empty() : Optional.of(info.substring(colon + 1));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
