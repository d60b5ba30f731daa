package dev.tandem.publishing;

import static dev.tandem.publishing.Api.as;
import static dev.tandem.publishing.Api.base;
import static dev.tandem.publishing.Api.lockVersionOf;
import static dev.tandem.publishing.Api.openDraft;
import static dev.tandem.publishing.Api.put;
import static dev.tandem.publishing.Api.shared;
import static dev.tandem.publishing.Api.statement;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishingConcurrencyTest {
  private static final String T = "nimbus";
  private static final String S = "object-storage";

  @Test
  void losingSaveGets409WithCurrentStateAndNothingIsLost() {
    openDraft(T, S);
    String control = "12.1.1";
    long lock = lockVersionOf(statement(T, "nimbus-author", S, control));
    String first = "First editor " + UUID.randomUUID();
    String second = "Second editor " + UUID.randomUUID();

    put(T, "nimbus-author", S, control, shared(first, lock)).then().statusCode(200);
    put(T, "nimbus-author2", S, control, shared(second, lock))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("current.implementation", is(first))
        .body("current.updatedBy", is("nimbus-author"))
        .body("current.lockVersion", is((int) lock + 1))
        .body("submitted.implementation", is(second));
    // The winner's text is stored.
    assertThat(
        as(T, "nimbus-auditor")
            .when()
            .get(base(T, S) + "/drafts/current/statements/" + control)
            .path("statement.implementation"),
        is(first));
    // The loser merges and saves on top of the current state.
    put(T, "nimbus-author2", S, control, shared(first + "\n\n" + second, lock + 1))
        .then()
        .statusCode(200)
        .body("lockVersion", is((int) lock + 2));
  }

  @Test
  void simultaneousSavesWithTheSameLockVersionLetExactlyOneWin() throws Exception {
    openDraft(T, S);
    String control = "12.1.3";
    long lock = lockVersionOf(statement(T, "nimbus-author", S, control));
    // Fetch tokens before the race.
    Tokens.of(T, "nimbus-author");
    Tokens.of(T, "nimbus-author2");
    int editors = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(editors);
    List<Future<Integer>> results = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < editors; i++) {
      String text = "Racer " + i + " " + UUID.randomUUID();
      texts.add(text);
      String user = i % 2 == 0 ? "nimbus-author" : "nimbus-author2";
      Callable<Integer> save =
          () -> {
            start.await();
            return put(T, user, S, control, shared(text, lock)).statusCode();
          };
      results.add(pool.submit(save));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : results) {
      statuses.add(f.get());
    }
    pool.shutdown();
    assertThat(statuses.stream().filter(s -> s == 200).count(), is(1L));
    assertThat(statuses.stream().filter(s -> s == 409).count(), is((long) editors - 1));
    String stored =
        as(T, "nimbus-auditor")
            .when()
            .get(base(T, S) + "/drafts/current/statements/" + control)
            .path("statement.implementation");
    assertThat(texts.get(statuses.indexOf(200)), is(stored));
  }
}
