package dev.canary4j.prometheus;

/** The shape of a Prometheus query result, as named in the API's {@code resultType} field. */
public enum ResultType {
  /** An instant vector: series with one sample each. */
  VECTOR,
  /** A range vector: series with many samples each. */
  MATRIX,
  /** A single number without labels. */
  SCALAR,
  /** A single string. */
  STRING
}
