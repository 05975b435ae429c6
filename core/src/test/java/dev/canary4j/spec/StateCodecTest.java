package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.Action;
import dev.canary4j.AnalysisOutcome;
import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryState;
import dev.canary4j.Command;
import dev.canary4j.Counters;
import dev.canary4j.HistoryEntry;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.judge.sequential.SequentialJudge;
import dev.canary4j.judge.sequential.TickCounts;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.LimitAction;
import dev.canary4j.policy.RequestMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateCodecTest {

  private static final Instant T0 = Instant.parse("2026-11-28T04:00:00.123456789Z");

  static CanaryState everyFieldPopulated() {
    Map<String, Double> statistics = new LinkedHashMap<>();
    statistics.put("pValue", Double.NaN);
    statistics.put("upper", Double.POSITIVE_INFINITY);
    statistics.put("lower", Double.NEGATIVE_INFINITY);
    statistics.put("estimate", -0.0);
    statistics.put("tiny", Double.MIN_VALUE);
    statistics.put("huge", Double.MAX_VALUE);
    List<Verdict> verdicts = List.of(
        new Verdict("request-success-rate", VerdictLabel.FAIL_LOW, Double.NaN, Double.POSITIVE_INFINITY, ">= 99.0",
            "canary \"0/0\" is NaN", true, statistics),
        Verdict.noData("request-duration", false, "<= 500.0", "no series"),
        Verdict.of("errors", VerdictLabel.PASS, 0.1 + 0.2, Double.NEGATIVE_INFINITY, "<= 1.0", "ünïcødé ✓\nline", false),
        Verdict.error("latency", true, "Prometheus answered 503"),
        Verdict.of("p99", VerdictLabel.FAIL_HIGH, 612.0, 580.0, "<= 600", "canary 612 is above the maximum 600", false)
            .asGuardRail());
    TrafficSplit split = new TrafficSplit(75, 25, 40, List.of(
        RequestMatch.headerExact("x-canary", "insider"),
        new RequestMatch(RequestMatch.Source.COOKIE, "user", RequestMatch.MatchType.REGEX, "^(.*?;)?(canary=always)(;.*)?$")));
    return new CanaryState(Phase.PAUSED, Phase.PROGRESSING, "failureLimit", "rev-2", "rev-1", 3, 2, split,
        new Counters(4, 2, 7, 1), T0, T0.plusSeconds(61),
        Map.of("approve", T0.minusSeconds(3600), "load-test", T0.plusNanos(1)), verdicts,
        List.of(new HistoryEntry(T0, Phase.PROGRESSING, 10, "step 1"),
            new HistoryEntry(T0.plusSeconds(60), Phase.PAUSED, 25, "failure limit reached")),
        Map.of("request-success-rate", SequentialJudge.observe(SequentialConfig.ofDefaults(), SequentialEvidence.none(),
            TickCounts.of(1000, 40), TickCounts.of(9000, 45)).evidence(),
            "request-duration", SequentialEvidence.none()));
  }

  @Test
  void roundTripsAStateWithEveryFieldPopulatedUnchanged() {
    CanaryState state = everyFieldPopulated();

    CanaryState back = StateCodec.fromJson(StateCodec.toJson(state));

    assertThat(back).isEqualTo(state);
    assertThat(back.lastVerdicts().get(0).statistics().get("pValue")).isNaN();
    assertThat(back.lastVerdicts().get(0).statistics().get("lower")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(back.lastVerdicts().get(0).canary()).isNaN();
    assertThat(Double.doubleToRawLongBits(back.lastVerdicts().get(0).statistics().get("estimate")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void writesTheGuardRailFlagOnlyOnAGuardRailAndReadsStatesWrittenWithoutIt() {
    CanaryState state = everyFieldPopulated();
    String json = StateCodec.toJson(state);

    assertThat(json).containsOnlyOnce("\"guardRail\":true").doesNotContain("\"guardRail\":false");
    CanaryState before = StateCodec.fromJson(json.replace(",\"guardRail\":true", ""));
    assertThat(before.lastVerdicts()).extracting(Verdict::guardRail).containsOnly(false);
    assertThat(StateCodec.fromJson(json).lastVerdicts()).extracting(Verdict::guardRail)
        .containsExactly(false, false, false, false, true);
  }

  @Test
  void readsAStateWrittenBeforeItKeptSequentialEvidenceWithNone() {
    CanaryState state = everyFieldPopulated();
    String withoutEvidence = StateCodec.toJson(state).replaceFirst(",\"evidence\":\\{.*}}$", "}");
    assertThat(withoutEvidence).doesNotContain("evidence").endsWith("}");

    CanaryState back = StateCodec.fromJson(withoutEvidence);

    assertThat(back.evidence()).isEmpty();
    assertThat(back.history()).isEqualTo(state.history());
  }

  @Test
  void roundTripsRandomStatesUnchanged() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      CanaryState state = randomState(random);

      assertThat(StateCodec.fromJson(StateCodec.toJson(state))).as("state %d", i).isEqualTo(state);
    }
  }

  private static CanaryState randomState(Random r) {
    Phase[] phases = Phase.values();
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      Map<String, Double> statistics = new LinkedHashMap<>();
      for (int j = r.nextInt(4); j > 0; j--) {
        statistics.put(text(r), number(r));
      }
      verdicts.add(new Verdict(text(r), VerdictLabel.values()[r.nextInt(VerdictLabel.values().length)],
          r.nextBoolean() ? null : number(r), r.nextBoolean() ? null : number(r), text(r), text(r), r.nextBoolean(),
          statistics));
    }
    Map<String, Instant> waits = new LinkedHashMap<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      waits.put(text(r), instant(r));
    }
    List<HistoryEntry> history = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      history.add(new HistoryEntry(instant(r), phases[r.nextInt(phases.length)], r.nextInt(101), text(r)));
    }
    Map<String, SequentialEvidence> evidence = new LinkedHashMap<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      double[] against = new double[12];
      double[] forCanary = new double[12];
      for (int j = 0; j < 12; j++) {
        against[j] = number(r);
        forCanary[j] = number(r);
      }
      evidence.put(text(r), new SequentialEvidence(against, forCanary, r.nextInt(100), r.nextInt(10_000), r.nextInt(100),
          r.nextInt(10_000), r.nextInt(100), dev.canary4j.judge.sequential.SequentialDecision.values()[r.nextInt(3)],
          number(r), number(r), number(r), r.nextBoolean() ? new long[0] : new long[] {r.nextInt(10), r.nextInt(100)}));
    }
    int canary = r.nextInt(101);
    List<RequestMatch> matches = r.nextBoolean() ? List.of()
        : List.of(new RequestMatch(RequestMatch.Source.values()[r.nextInt(2)], text(r),
            RequestMatch.MatchType.values()[r.nextInt(3)], text(r)));
    return new CanaryState(phases[r.nextInt(phases.length)], r.nextBoolean() ? null : phases[r.nextInt(phases.length)],
        r.nextBoolean() ? null : text(r), r.nextBoolean() ? null : text(r), r.nextBoolean() ? null : text(r),
        r.nextInt(20) - 1, r.nextInt(10), new TrafficSplit(100 - canary, canary, r.nextInt(101), matches),
        new Counters(r.nextInt(9), r.nextInt(9), r.nextInt(9), r.nextInt(9)), r.nextBoolean() ? null : instant(r),
        r.nextBoolean() ? null : instant(r), waits, verdicts, history, evidence);
  }

  private static double number(Random r) {
    double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL};
    return r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : Double.longBitsToDouble(r.nextLong()) % 1e300;
  }

  private static String text(Random r) {
    StringBuilder s = new StringBuilder();
    String alphabet = "ab-_ \"\\/\n\t\u0000\u00e9\u2603\ud83d\ude00{}[]:,";
    for (int i = r.nextInt(8); i > 0; i--) {
      s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static Instant instant(Random r) {
    return Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000_000));
  }

  @Test
  void roundTripsTheInitialState() {
    CanaryState initial = CanaryState.initial();

    assertThat(StateCodec.fromJson(StateCodec.toJson(initial))).isEqualTo(initial);
  }

  @Test
  void writesTheSameJsonForEqualStates() {
    assertThat(StateCodec.toJson(everyFieldPopulated())).isEqualTo(StateCodec.toJson(everyFieldPopulated()));
  }

  @Test
  void writesOneLineWithIsoInstantsAndNonFiniteNumbersAsStrings() {
    String json = StateCodec.toJson(everyFieldPopulated());

    assertThat(json).doesNotContain("\n")
        .contains("\"phaseSince\":\"2026-11-28T04:00:00.123456789Z\"")
        .contains("\"pValue\":\"NaN\"", "\"upper\":\"Infinity\"", "\"lower\":\"-Infinity\"")
        .doesNotContain("allPrimary");
  }

  @Test
  void roundTripsAHistoryAtItsLimit() {
    List<HistoryEntry> history = new ArrayList<>();
    for (int i = 0; i < CanaryState.HISTORY_LIMIT; i++) {
      history.add(new HistoryEntry(T0.plusSeconds(i), Phase.PROGRESSING, i % 101, "tick " + i));
    }
    CanaryState state = new CanaryState(Phase.PROGRESSING, null, null, "r", null, 0, 0, TrafficSplit.canary(10),
        null, null, null, null, null, history);

    assertThat(StateCodec.fromJson(StateCodec.toJson(state))).isEqualTo(state);
  }

  @Test
  void namesLineAndColumnOfMalformedJson() {
    assertThatThrownBy(() -> StateCodec.fromJson("{\n  \"phase\": \"PAUSED\",\n  \"step\": ]\n}"))
        .isInstanceOf(StateFormatException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid canary state JSON at line 3, column 11")
        .satisfies(e -> {
          StateFormatException f = (StateFormatException) e;
          assertThat(f.line()).isEqualTo(3);
          assertThat(f.column()).isEqualTo(11);
        });
  }

  @Test
  void namesThePathOfAValueOfTheWrongType() {
    String json = StateCodec.toJson(CanaryState.initial()).replace("\"primary\":100", "\"primary\":\"lots\"");

    assertThatThrownBy(() -> StateCodec.fromJson(json))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("(split.primary)")
        .hasMessageContaining("line 1, column");
  }

  @Test
  void rejectsAnUnknownFieldNamingTheKnownOnes() {
    String json = StateCodec.toJson(CanaryState.initial()).replace("{\"phase\"", "{\"phaze\":1,\"phase\"");

    assertThatThrownBy(() -> StateCodec.fromJson(json))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unknown field 'phaze'")
        .hasMessageContaining("phase, phaseSince");
  }

  @Test
  void rejectsAStateWithoutAPhaseNamingTheField() {
    String json = StateCodec.toJson(CanaryState.initial()).replace("\"phase\":\"INITIALIZING\",", "");

    assertThatThrownBy(() -> StateCodec.fromJson(json))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("the field 'phase' is required");
  }

  @Test
  void rejectsASplitThatDoesNotSumToOneHundredWithTheModelsReason() {
    String json = StateCodec.toJson(CanaryState.initial()).replace("\"primary\":100", "\"primary\":90");

    assertThatThrownBy(() -> StateCodec.fromJson(json))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("(split)")
        .hasMessageContaining("sum to 100, but were 90 and 0");
  }

  @Test
  void rejectsNullsInsideListsAndMapsNamingTheField() {
    String initial = StateCodec.toJson(CanaryState.initial());

    assertThatThrownBy(() -> StateCodec.fromJson(initial.replace("\"lastVerdicts\":[]", "\"lastVerdicts\":[null]")))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("(lastVerdicts[0])");
    assertThatThrownBy(() -> StateCodec.fromJson(initial.replace("\"gateWaits\":{}", "\"gateWaits\":{\"approve\":null}")))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("(gateWaits.approve)");
  }

  @Test
  void rejectsAMissingNumberWithoutTellingTheCallerToReconfigureJackson() {
    String json = StateCodec.toJson(CanaryState.initial()).replace("\"step\":-1,", "");

    assertThatThrownBy(() -> StateCodec.fromJson(json))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("(step)")
        .hasMessageNotContaining("DeserializationFeature");
  }

  @Test
  void rejectsDuplicateKeys() {
    String json = StateCodec.toJson(CanaryState.initial()).replace("{\"phase\":\"INITIALIZING\"",
        "{\"phase\":\"INITIALIZING\",\"phase\":\"FAILED\"");

    assertThatThrownBy(() -> StateCodec.fromJson(json))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("Duplicate field 'phase'");
  }

  @Test
  void rejectsHostileDocumentsWithItsOwnException() {
    for (String hostile : new String[] {null, "", "null", "[]", "42", "\"x\"", "{", "{}", "{\"phase\":null}",
        "{\"phase\":\"NOPE\",\"split\":{}}", "{} {}", "{\"phase\":\"FAILED\",\"split\":{\"primary\":100,\"canary\":0,"
        + "\"mirror\":0,\"matches\":null},\"step\":null}"}) {
      assertThatThrownBy(() -> StateCodec.fromJson(hostile)).as(String.valueOf(hostile))
          .isInstanceOf(StateFormatException.class);
    }
  }

  @Test
  void writesEventsAsOneLineObjectsNamedByType() {
    CanaryEvent changed = new CanaryEvent.PhaseChanged(T0, Phase.PROGRESSING, Phase.FAILED, "failure limit reached");

    assertThat(StateCodec.toJson(changed)).isEqualTo("{\"type\":\"PhaseChanged\",\"at\":\"2026-11-28T04:00:00.123456789Z\","
        + "\"from\":\"PROGRESSING\",\"to\":\"FAILED\",\"reason\":\"failure limit reached\"}");
  }

  @Test
  void writesEveryKindOfEventWithItsType() {
    List<CanaryEvent> events = List.of(
        new CanaryEvent.PhaseChanged(T0, Phase.WAITING, Phase.PROGRESSING, "r"),
        new CanaryEvent.TrafficShifted(T0, TrafficSplit.allPrimary(), TrafficSplit.canary(10), "r"),
        new CanaryEvent.AnalysisJudged(T0, AnalysisOutcome.FAIL, everyFieldPopulated().lastVerdicts(), "r"),
        new CanaryEvent.LimitReached(T0, "failureLimit", 5, LimitAction.ROLLBACK, "r"),
        new CanaryEvent.GateAnswered(T0, "approve", GateType.CONFIRM_PROMOTION, false, true, "r"),
        new CanaryEvent.CommandHandled(T0, Command.ABORT, true, "r"),
        new CanaryEvent.AnalysisStarted(T0, null, "rev-2", "r"),
        new CanaryEvent.TrafficDriftCorrected(T0, TrafficSplit.canary(5), TrafficSplit.canary(10), "r"));

    for (CanaryEvent e : events) {
      assertThat(StateCodec.toJson(e)).startsWith("{\"type\":\"" + e.getClass().getSimpleName() + "\",")
          .doesNotContain("\n");
    }
    assertThat(StateCodec.toJson(events.get(2))).contains("\"pValue\":\"NaN\"");
    assertThat(StateCodec.toJson(events.get(4))).isEqualTo("{\"type\":\"GateAnswered\",\"at\":\"2026-11-28T04:00:00.123456789Z\","
        + "\"gate\":\"approve\",\"gateType\":\"CONFIRM_PROMOTION\",\"open\":false,\"timedOut\":true,\"reason\":\"r\"}");
  }

  @Test
  void writesEveryKindOfActionWithItsType() {
    assertThat(StateCodec.toJson(new Action.SetTraffic(TrafficSplit.canary(20).withMirror(50))))
        .isEqualTo("{\"type\":\"SetTraffic\",\"split\":{\"primary\":80,\"canary\":20,\"mirror\":50,\"matches\":[]}}");
    assertThat(StateCodec.toJson(new Action.Promote("rev-2"))).isEqualTo("{\"type\":\"Promote\",\"revision\":\"rev-2\"}");
    assertThat(StateCodec.toJson(new Action.Finalise("rev-2"))).isEqualTo("{\"type\":\"Finalise\",\"revision\":\"rev-2\"}");
    assertThat(StateCodec.toJson(new Action.RollBack("rev-2", "why")))
        .isEqualTo("{\"type\":\"RollBack\",\"revision\":\"rev-2\",\"reason\":\"why\"}");
    assertThat(StateCodec.toJson(new Action.NotifyGates(GateType.POST_ROLLOUT)))
        .isEqualTo("{\"type\":\"NotifyGates\",\"gateType\":\"POST_ROLLOUT\"}");
  }
}
