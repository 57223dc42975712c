package io.opsdesk.model;

import java.util.List;
import java.util.function.Function;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.stereotype.Component;

/**
 * The decision tables' FEEL, parsed once per expression instead of at every evaluation. Camunda's
 * {@link ScalaFeelEngine} hands each input and output entry's text to the FEEL engine, which parses
 * it again each time (camunda/feel-scala#1149): under intake load that parsing was about a fifth of
 * all CPU. The parse results (syntax trees, immutable, or the parse failure with its message) are
 * kept by their text; evaluation, its context and its errors are Camunda's own.
 */
@Component
public class ParsedFeelCache extends AbstractProcessEnginePlugin {

  /** Far above the distinct entries of every deployed version of the tables; the least used go first. */
  private static final long MAX_EXPRESSIONS = 10_000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getDmnEngineConfiguration() == null) {
      configuration.setDmnEngineConfiguration(new DefaultDmnEngineConfiguration());
    }
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    // Created when the engine builds its DMN engine, after the engine handed over its custom functions.
    dmn.setFeelEngineFactory(() -> new CachingFeelEngine(dmn.getFeelCustomFunctionProviders()));
  }

  static class CachingFeelEngine extends ScalaFeelEngine {

    private final Cache<String, Either<Failure, ParsedExpression>> expressions =
        Caffeine.newBuilder().maximumSize(MAX_EXPRESSIONS).build();
    private final Cache<String, Either<Failure, ParsedExpression>> unaryTests =
        Caffeine.newBuilder().maximumSize(MAX_EXPRESSIONS).build();

    CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
      super(functionProviders);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
      CustomContext context = new CustomContext() {
        @Override
        public VariableProvider variableProvider() {
          return new ContextVariableWrapper(variableContext);
        }
      };
      return (T) value(evaluate(expressions, expression, feelEngine::parseExpression, context));
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
      // As ScalaFeelEngine: the input's name under FEEL's own key, then the variables.
      VariableProvider input = new VariableProvider.StaticVariableProvider(new Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
      VariableProvider variables = new ContextVariableWrapper(variableContext);
      CustomContext context = new CustomContext() {
        @Override
        public VariableProvider variableProvider() {
          return new VariableProvider.CompositeVariableProvider(toScalaList(input, variables));
        }
      };
      return BoxesRunTime.unboxToBoolean(value(evaluate(unaryTests, expression, feelEngine::parseUnaryTests, context)));
    }

    private Either<Failure, Object> evaluate(
        Cache<String, Either<Failure, ParsedExpression>> cache, String expression,
        Function<String, Either<Failure, ParsedExpression>> parser, CustomContext context) {
      Either<Failure, ParsedExpression> parsed = cache.get(expression, parser);
      if (parsed instanceof Left<Failure, ParsedExpression> failure) {
        return new Left<>(failure.value());
      }
      return feelEngine.eval(parsed.toOption().get(), context);
    }

    /** The result, or the FEEL engine's failure as Camunda reports it. */
    private static Object value(Either<Failure, Object> result) {
      if (result instanceof Left<Failure, Object> failure) {
        throw LOGGER.evaluationException(failure.value().message());
      }
      return result.toOption().get();
    }
  }
}
