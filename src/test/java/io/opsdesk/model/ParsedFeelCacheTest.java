package io.opsdesk.model;

import java.util.List;

import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cached FEEL engine answers as Camunda's own, the first time (parsing) and again (from the
 * cache): results of input and output entries, and failures with the same message.
 */
class ParsedFeelCacheTest {

  private final ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());
  private final ParsedFeelCache.CachingFeelEngine cached = new ParsedFeelCache.CachingFeelEngine(List.of());

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = ';', value = {
      "\"HIGH\"; HIGH", "\"HIGH\"; LOW", "\"HIGH\",\"MEDIUM\"; MEDIUM", "not(\"SECURITY\"); SECURITY",
      "-; LOW", "\"URGENT\"; URGENT"})
  void unaryTestsAsCamunda(String entry, String input) {
    VariableContext variables = Variables.putValue("cellInput", input).asVariableContext();
    boolean expected = camunda.evaluateSimpleUnaryTests(entry, "cellInput", variables);
    for (int time = 0; time < 2; time++) {
      assertThat(cached.evaluateSimpleUnaryTests(entry, "cellInput", variables)).as("time %d", time).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {"\"PT30M\"", "90", "0.75", "priority", "impact = \"HIGH\""})
  void expressionsAsCamunda(String expression) {
    VariableContext variables = Variables.putValue("priority", "URGENT").putValue("impact", "HIGH").asVariableContext();
    Object expected = camunda.evaluateSimpleExpression(expression, variables);
    for (int time = 0; time < 2; time++) {
      assertThat((Object) cached.evaluateSimpleExpression(expression, variables)).as("time %d", time).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {"\"HIGH", "> > 3"})
  void brokenEntriesFailAsInCamunda(String entry) {
    VariableContext variables = Variables.putValue("cellInput", "HIGH").asVariableContext();
    String expected = failure(() -> camunda.evaluateSimpleUnaryTests(entry, "cellInput", variables));
    for (int time = 0; time < 2; time++) {
      assertThatThrownBy(() -> cached.evaluateSimpleUnaryTests(entry, "cellInput", variables))
          .isInstanceOf(FeelException.class).hasMessage(expected);
      assertThatThrownBy(() -> cached.evaluateSimpleExpression(entry, variables)).isInstanceOf(FeelException.class)
          .hasMessage(failure(() -> camunda.evaluateSimpleExpression(entry, variables)));
    }
  }

  private static String failure(Runnable evaluation) {
    try {
      evaluation.run();
    } catch (FeelException e) {
      return e.getMessage();
    }
    throw new AssertionError("Camunda's engine accepted it");
  }
}
