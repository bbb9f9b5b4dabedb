package dev.graphshift.neptune.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.neptune.NeptuneCredentials;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigV4Test {
  /** The credentials of AWS's published Signature Version 4 test suite. */
  private static final NeptuneCredentials SUITE =
      new NeptuneCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Optional.empty());
  private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");

  @Test
  void shouldMatchTheAwsTestSuiteWhenSigningAPlainGet() {
    // when: the suite's "get-vanilla" request
    Map<String, String> headers = SigV4.sign("GET", "example.amazonaws.com", "/", "", "us-east-1", "service", SUITE,
        SUITE_TIME);

    // then
    assertThat(headers).containsEntry("X-Amz-Date", "20150830T123600Z");
    assertThat(headers.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 "
        + "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void shouldSignTheHandshakeForNeptuneWhenIamIsOn() {
    // given
    NeptuneCredentials temporary = new NeptuneCredentials("AKIDEXAMPLE", "secret-never-shown", Optional.of("token-1"));
    IamHandshake handshake = new IamHandshake("db.example", 8182, "eu-west-1", () -> temporary,
        Clock.fixed(SUITE_TIME, ZoneOffset.UTC));
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/gremlin");

    // when
    handshake.apply(request);

    // then
    assertThat(request.headers().get("Host")).isEqualTo("db.example:8182");
    assertThat(request.headers().get("X-Amz-Date")).isEqualTo("20150830T123600Z");
    assertThat(request.headers().get("X-Amz-Security-Token")).isEqualTo("token-1");
    assertThat(request.headers().get("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/neptune-db/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=")
        .doesNotContain("secret-never-shown");
    assertThat(temporary.toString()).contains("AKIDEXAMPLE").doesNotContain("secret-never-shown").doesNotContain("token-1");
    assertThat(handshake.toString()).doesNotContain("secret");
  }
}
