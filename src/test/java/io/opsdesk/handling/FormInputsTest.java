package io.opsdesk.handling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsdesk.intake.RequestRules;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Camunda Form submits exactly what its task declares in {@code inputs}: the engine refuses
 * any other variable, so a form field that is not an input would make the task impossible to
 * complete from Tasklist, and an input without a field could never be given there. Tasklist's
 * form-js submits the value of every keyed field that is not {@code disabled} (read-only ones
 * included), so disabled fields only show process data. The start form asks only for start
 * variables.
 */
class FormInputsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<UserTask> userTasksWithForms() throws IOException {
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      return models.filter(path -> path.toString().endsWith(".bpmn")).toList().stream()
          .flatMap(path -> Bpmn.readModelFromFile(path.toFile()).getModelElementsByType(UserTask.class).stream())
          .filter(task -> task.getCamundaFormRef() != null);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userTasksWithForms")
  void formSubmitsExactlyTheDeclaredInputs(UserTask task) throws IOException {
    Set<String> declared = new TreeSet<>();
    TaskInputListener.parse(inputsOf(task)).forEach(input -> declared.add(input.name()));

    assertThat(submittedBy(task.getCamundaFormRef())).as("fields of form %s", task.getCamundaFormRef())
        .isEqualTo(declared);
  }

  @Test
  void startFormAsksForStartVariablesOnly() throws IOException {
    StartEvent start = Bpmn.readModelFromFile(Path.of("processes", "service-request.bpmn").toFile())
        .getModelElementById("request-received");
    Set<String> startVariables = new TreeSet<>(RequestRules.REQUIRED);
    startVariables.addAll(RequestRules.OPTIONAL);

    assertThat(submittedBy(start.getCamundaFormRef())).isSubsetOf(startVariables).containsAll(RequestRules.REQUIRED);
  }

  @Test
  void disabledFieldsAreNotCounted() throws IOException {
    // accept shows the ticket's data in disabled fields and asks for one input
    assertThat(submittedBy("accept")).containsExactly("contactNote");
  }

  /** What came before, shown (never submitted) on each form: issue 8, "context on every form". */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "resolve | diagnosis, rootCause, consultationOpinions",
      "consult | handler, diagnosis, rootCause",
      "diagnose | feedback, satisfactionScore, reopenCount, knowledgeSuggestions",
      "confirm | requesterName, requesterPhone"})
  void formsShowWhatCameBefore(String formId, String shown) throws IOException {
    Set<String> context = new TreeSet<>();
    for (JsonNode component : JSON.readTree(Path.of("forms", formId + ".form").toFile()).path("components")) {
      if (component.path("disabled").asBoolean(false)) {
        context.add(component.path("key").asText());
      } else if (component.hasNonNull("dataSource")) {
        context.add(component.get("dataSource").asText().replaceFirst("^=", ""));
      }
    }
    assertThat(context).containsAll(List.of(shown.split(",\\s*")));
  }

  private static String inputsOf(UserTask task) {
    var extensions = task.getExtensionElements();
    return extensions == null ? "" : extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> TaskInputs.PROPERTY.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue).findFirst().orElse("");
  }

  /** The variables form-js submits for the form: keyed fields that are not disabled. */
  private static Set<String> submittedBy(String formId) throws IOException {
    Set<String> keys = new TreeSet<>();
    collect(JSON.readTree(Path.of("forms", formId + ".form").toFile()).path("components"), "", keys);
    return keys;
  }

  private static void collect(JsonNode components, String path, Set<String> keys) {
    for (JsonNode component : components) {
      String prefix = component.hasNonNull("path") ? component.get("path").asText() + "." : "";
      if (component.has("components")) {
        collect(component.get("components"), path + prefix, keys);
      } else if (component.hasNonNull("key") && !component.path("disabled").asBoolean(false)) {
        // a nested key (a.b) is one variable a holding an object
        keys.add((path + component.get("key").asText()).split("\\.")[0]);
      }
    }
  }
}
