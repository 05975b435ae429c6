/** canary4j's HTML report: one self-contained page per rollout timeline, charts as inline SVG. */
module dev.canary4j.report {
  requires transitive dev.canary4j.core;

  exports dev.canary4j.report;
}
