package io.opsdesk.hardening;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Path tricks that Jersey or Tomcat would still route to the task query are seen through. */
class RequestPathsTest {

  @ParameterizedTest
  @CsvSource({
      "/engine-rest/task, /engine-rest/task",
      "/engine-rest/task/, /engine-rest/task",
      "/engine-rest//task, /engine-rest/task",
      "/engine-rest/%74ask, /engine-rest/task",
      "/engine-rest/%2574ask, /engine-rest/task",
      "/engine-rest/task;jsessionid=1/count, /engine-rest/task/count",
      "/engine-rest/./x/../task, /engine-rest/task",
      "/camunda/api/engine/engine/default/filter/abc/list, /camunda/api/engine/engine/default/filter/abc/list"})
  void normalizes(String raw, String expected) {
    assertThat(RequestPaths.normalize(raw)).isEqualTo(expected);
  }
}
