package io.opsdesk.hardening;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact expression shapes Tasklist's filters use pass; anything else that is an expression does not. */
class ExpressionWhitelistTest {

  @ParameterizedTest
  @ValueSource(strings = {"${currentUser()}", "${ currentUser() }", "${currentUserGroups()}", "${now()}",
      "${dateTime()}", "${ dateTime().plusWeeks(2) }", "${dateTime().plusDays(1).toDate()}",
      "${dateTime().minusDays(7).withTimeAtStartOfDay().toDate()}", "${dateTime().plusHours(4).minusMinutes(30)}",
      "no expression at all", "", "50$ {not one}"})
  void allowed(String text) {
    assertThat(ExpressionWhitelist.isAllowed(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${canary.touch()}", "#{currentUser()}", "${currentUser()}${canary.touch()}",
      "x${currentUser()}", "${currentUser() == canary.touch()}", "${currentUser().getClass()}",
      "${dateTime().plusDays(canary.touch().length())}", "${dateTime().toDate().getClass().forName('java.lang.Runtime')}",
      "${''.getClass()}", "${now()}}${canary}", "${dateTime().plusDays(1).toDate().toString()}", "${currentUser}"})
  void refused(String text) {
    assertThat(ExpressionWhitelist.isAllowed(text)).isFalse();
  }
}
