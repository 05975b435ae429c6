package dev.canary4j.kubernetes.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldConflictTest {

  @Test
  void readsAnApplyManagerWithoutVersion() {
    assertThat(FieldConflict.fromCause(new StatusCause("FieldManagerConflict", "conflict with \"kustomize-controller\"", ".spec")))
        .isEqualTo(new FieldConflict("kustomize-controller", "", ".spec"));
  }

  @Test
  void readsAnUpdateManagerWithVersionTimeAndSubresource() {
    assertThat(FieldConflict.fromCause(new StatusCause("FieldManagerConflict",
        "conflict with \"helm\" with subresource \"status\" using networking.istio.io/v1beta1 at 2025-06-01T08:30:00Z", ".spec.http")))
        .isEqualTo(new FieldConflict("helm", "networking.istio.io/v1beta1", ".spec.http"));
  }

  @Test
  void takesTheFieldFromTheMessageWhenTheCauseHasNone() {
    assertThat(FieldConflict.fromCause(new StatusCause("FieldManagerConflict",
        "conflict with \"kubectl-client-side-apply\" using networking.istio.io/v1 at 2025-06-01T08:30:00Z: .spec.http", null)))
        .isEqualTo(new FieldConflict("kubectl-client-side-apply", "networking.istio.io/v1", ".spec.http"));
  }

  @Test
  void ignoresCausesOfAnotherShape() {
    assertThat(FieldConflict.fromCause(new StatusCause("FieldValueInvalid", "Invalid value: 120", "spec.x"))).isNull();
  }
}
