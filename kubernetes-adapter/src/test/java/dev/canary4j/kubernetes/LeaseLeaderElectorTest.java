package dev.canary4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.kubernetes.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaseLeaderElectorTest {

  static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/ops/leases/canary4j";
  static final Duration DURATION = Duration.ofSeconds(15);
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  final MutableClock clockA = new MutableClock(T0);
  final MutableClock clockB = new MutableClock(T0.plusSeconds(3600));
  LeaseLeaderElector a;
  LeaseLeaderElector b;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    KubeClient client = KubeClient.create(KubeConfig.builder(server.url("/").toString()).build());
    a = new LeaseLeaderElector(client, "ops", "canary4j", "replica-a", DURATION, clockA);
    b = new LeaseLeaderElector(client, "ops", "canary4j", "replica-b", DURATION, clockB);
  }

  JsonNode spec() {
    return api.get(LEASE).path("spec");
  }

  void advanceBoth(Duration d) {
    clockA.advance(d);
    clockB.advance(d);
  }

  @Test
  void acquiresAMissingLeaseByCreatingIt() {
    assertThat(a.tryAcquireOrRenew()).isTrue();

    assertThat(a.isLeader()).isTrue();
    assertThat(spec().path("holderIdentity").asText()).isEqualTo("replica-a");
    assertThat(spec().path("leaseDurationSeconds").asInt()).isEqualTo(15);
    assertThat(spec().path("acquireTime").asText()).isEqualTo("2026-03-01T10:00:00.000000Z");
    assertThat(spec().path("renewTime").asText()).isEqualTo("2026-03-01T10:00:00.000000Z");
    assertThat(spec().path("leaseTransitions").asInt()).isZero();
  }

  @Test
  void renewsKeepingTheAcquireTimeAndTransitions() {
    a.tryAcquireOrRenew();
    clockA.advance(Duration.ofSeconds(5));

    assertThat(a.tryAcquireOrRenew()).isTrue();

    assertThat(spec().path("acquireTime").asText()).isEqualTo("2026-03-01T10:00:00.000000Z");
    assertThat(spec().path("renewTime").asText()).isEqualTo("2026-03-01T10:00:05.000000Z");
    assertThat(spec().path("leaseTransitions").asInt()).isZero();
  }

  @Test
  void twoElectorsContendingOnlyOneLeadsAndTheOtherTakesOverWhenRenewalsStop() {
    assertThat(a.tryAcquireOrRenew()).isTrue();
    assertThat(b.tryAcquireOrRenew()).isFalse();

    for (int i = 0; i < 5; i++) {
      advanceBoth(Duration.ofSeconds(10));
      assertThat(a.tryAcquireOrRenew()).isTrue();
      assertThat(b.tryAcquireOrRenew()).as("while A renews, round %d", i).isFalse();
      assertThat(b.isLeader()).isFalse();
    }

    advanceBoth(Duration.ofSeconds(14));
    assertThat(b.tryAcquireOrRenew()).as("A silent for 14s of 15").isFalse();
    advanceBoth(Duration.ofSeconds(1));
    assertThat(a.isLeader()).as("A's own lease ran out locally").isFalse();
    assertThat(b.tryAcquireOrRenew()).isTrue();

    assertThat(spec().path("holderIdentity").asText()).isEqualTo("replica-b");
    assertThat(spec().path("leaseTransitions").asInt()).isEqualTo(1);
    assertThat(a.tryAcquireOrRenew()).isFalse();
    assertThat(a.isLeader()).isFalse();
    assertThat(b.isLeader()).isTrue();
  }

  @Test
  void expiryIsJudgedOnTheLocallyObservedRenewalNotOnTheHoldersClock() {
    api.put(LEASE, """
        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"canary4j","namespace":"ops"},
         "spec":{"holderIdentity":"replica-a","leaseDurationSeconds":15,"acquireTime":"2001-01-01T00:00:00.000000Z",
                 "renewTime":"2001-01-01T00:00:00.000000Z","leaseTransitions":4}}
        """);

    assertThat(b.tryAcquireOrRenew()).as("renewTime is years old by B's clock, but B only just saw it").isFalse();
    clockB.advance(Duration.ofSeconds(14));
    assertThat(b.tryAcquireOrRenew()).isFalse();
    clockB.advance(Duration.ofSeconds(1));
    assertThat(b.tryAcquireOrRenew()).isTrue();
    assertThat(spec().path("leaseTransitions").asInt()).isEqualTo(5);
    assertThat(spec().path("acquireTime").asText()).isEqualTo("2026-03-01T11:00:15.000000Z");
  }

  @Test
  void aReleasedLeaseIsTakenAtOnce() {
    a.tryAcquireOrRenew();
    b.tryAcquireOrRenew();

    a.release();

    assertThat(a.isLeader()).isFalse();
    assertThat(spec().has("holderIdentity")).isFalse();
    assertThat(b.tryAcquireOrRenew()).isTrue();
    assertThat(spec().path("leaseTransitions").asInt()).isEqualTo(1);
  }

  @Test
  void ofTwoElectorsTakingAnExpiredLeaseAtTheSameTimeOnlyOneWins() {
    a.tryAcquireOrRenew();
    LeaseLeaderElector c = new LeaseLeaderElector(KubeClient.create(KubeConfig.builder(server.url("/").toString()).build()),
        "ops", "canary4j", "replica-c", DURATION, clockB);
    b.tryAcquireOrRenew();
    c.tryAcquireOrRenew();
    clockB.advance(DURATION);
    AtomicBoolean cWon = new AtomicBoolean();
    api.beforeNextWrite(() -> cWon.set(c.tryAcquireOrRenew()));

    boolean bWon = b.tryAcquireOrRenew();

    assertThat(cWon).isTrue();
    assertThat(bWon).isFalse();
    assertThat(spec().path("holderIdentity").asText()).isEqualTo("replica-c");
    assertThat(spec().path("leaseTransitions").asInt()).isEqualTo(1);
  }

  @Test
  void rejectsALeaseDurationThatIsNotAWholeNumberOfSeconds() {
    KubeClient client = KubeClient.create(KubeConfig.builder(server.url("/").toString()).build());

    assertThatThrownBy(() -> new LeaseLeaderElector(client, "ops", "canary4j", "replica-a", Duration.ofMillis(1500), clockA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leaseDuration must be a whole number of seconds (the Lease stores leaseDurationSeconds as an "
            + "integer), but was PT1.5S");
    assertThatThrownBy(() -> new LeaseLeaderElector(client, "ops", "canary4j", "replica-a", Duration.ofMillis(999), clockA))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaseDuration").hasMessageContaining("PT0.999S");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theHolderJudgesItsOwnExpiryByTheDurationWrittenToTheLease() {
    LeaseLeaderElector two = new LeaseLeaderElector(KubeClient.create(KubeConfig.builder(server.url("/").toString()).build()),
        "ops", "canary4j", "replica-a", Duration.ofSeconds(2), clockA);
    two.tryAcquireOrRenew();
    Duration written = Duration.ofSeconds(spec().path("leaseDurationSeconds").asLong());

    clockA.advance(written.minusNanos(1));
    assertThat(two.isLeader()).isTrue();
    clockA.advance(Duration.ofNanos(1));
    assertThat(two.isLeader()).isFalse();
  }
}
