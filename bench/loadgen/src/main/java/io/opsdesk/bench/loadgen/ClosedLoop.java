package io.opsdesk.bench.loadgen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: each client (a plain thread) sends its next call as soon as the last was answered,
 * through an optional lead-in and then a fixed window. Only calls answered within the window count.
 */
final class ClosedLoop {

  /** One client's call; its outcome is kept (e.g. what was opened, how many tasks were completed). */
  interface Call<T> {
    T call(int client) throws Exception;
  }

  /** Answered calls (latency and outcome), errors and the first error's message. */
  record Result<T>(double seconds, List<Double> latenciesMs, List<T> outcomes, int errors, String firstError) {
    double perSecond() {
      return latenciesMs.size() / seconds;
    }
  }

  private ClosedLoop() {
  }

  static <T> Result<T> run(int clients, int seconds, Call<T> call) throws InterruptedException {
    return run(clients, 0, seconds, call);
  }

  /** After {@code leadInSeconds} of load not counted (clients reaching their steady state), the window. */
  static <T> Result<T> run(int clients, int leadInSeconds, int seconds, Call<T> call) throws InterruptedException {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    List<T> outcomes = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    long opens = System.nanoTime() + leadInSeconds * 1_000_000_000L;
    long deadline = opens + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          long sent = System.nanoTime();
          try {
            T outcome = call.call(client);
            long answered = System.nanoTime();
            if (answered >= opens && answered <= deadline) {
              latencies.add((answered - sent) / 1e6);
              outcomes.add(outcome);
            }
          } catch (Exception e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
          }
        }
      }, "client-" + client);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Result<>(seconds, List.copyOf(latencies), List.copyOf(outcomes), errors.get(), firstError.get());
  }
}
