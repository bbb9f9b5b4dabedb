package dev.graphshift.engram;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Enables a test class only when the environment variable {@value #IMAGE_VARIABLE} names an Engram image
 * and a Docker engine is reachable; otherwise the class is reported as disabled, with the reason.
 */
final class RequiresEngramImage implements ExecutionCondition {

  /** The environment variable naming the Engram image, for example {@code engram/engram:0.1.0}. */
  static final String IMAGE_VARIABLE = "ENGRAM_IMAGE";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String image = System.getenv(IMAGE_VARIABLE);
    if (image == null || image.isBlank()) {
      return ConditionEvaluationResult.disabled(IMAGE_VARIABLE + " is not set: no Engram image to test against");
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return ConditionEvaluationResult.disabled("no Docker engine is reachable to run " + image);
    }
    return ConditionEvaluationResult.enabled("Engram image " + image + " on Docker");
  }
}
