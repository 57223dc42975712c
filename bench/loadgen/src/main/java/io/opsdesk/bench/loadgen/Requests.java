package io.opsdesk.bench.loadgen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The requests both applications are sent: the contract's start variables, impact and urgency varied. */
final class Requests {

  private static final List<String> LEVELS = List.of("HIGH", "MEDIUM", "LOW");
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private Requests() {
  }

  /** The next request: a web request of a hardware fault, each of the 9 impact × urgency pairs in turn. */
  static Map<String, Object> next() {
    long n = SEQUENCE.incrementAndGet();
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("requesterName", "Bench Requester " + n);
    request.put("channel", "WEB");
    request.put("subject", "Printer on floor 3 jams (" + n + ")");
    request.put("description", "Every second page jams since this morning; the display shows error 13.");
    request.put("requesterEmail", "requester" + (n % 100) + "@example.com");
    request.put("category", "HARDWARE");
    request.put("impact", LEVELS.get((int) (n % 3)));
    request.put("urgency", LEVELS.get((int) (n / 3 % 3)));
    return request;
  }
}
