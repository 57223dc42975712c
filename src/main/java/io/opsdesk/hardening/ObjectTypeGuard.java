package io.opsdesk.hardening;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.spin.DataFormats;
import org.camunda.spin.plugin.impl.SpinObjectValueSerializer;
import org.springframework.stereotype.Component;

/**
 * Object variables hold only the Java types OpsDesk uses ({@code deserializationAllowedClasses} in
 * application.yaml). Camunda's deserialization type validation alone checks a type when a value is
 * read back, after a caller stored {@code java.io.File} or one of our beans; here the JSON object
 * serializer also refuses such a value when it is written, with {@link InvalidInputException} (400
 * over REST) inside the caller's transaction, so nothing of the start, completion or variable update
 * remains. The written JSON must also read back as its declared type. Values that trusted Java code
 * sets as objects are not second-guessed. Java serialization stays prohibited (Camunda's default).
 */
@Component
public class ObjectTypeGuard extends AbstractProcessEnginePlugin {

  private final ObjectVariableTypes types = new ObjectVariableTypes();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // The engine fills in deserializationAllowedClasses/-Packages during init.
    configuration.setDeserializationTypeValidator(types);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setDeserializationTypeValidationEnabled(true);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    // After every plugin's postInit, the Spin plugin's included, which registers the serializer.
    VariableSerializers serializers =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getVariableSerializers();
    String json = SerializationDataFormats.JSON.getName();
    TypedValueSerializer<?> spin = serializers.getSerializers().stream()
        .filter(s -> s instanceof SpinObjectValueSerializer && json.equals(s.getSerializationDataformat()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No Spin JSON object serializer to guard"));
    int index = serializers.getSerializerIndex(spin);
    serializers.removeSerializer(spin);
    serializers.addSerializer(new CheckedJsonSerializer(spin.getName(), types), index);
  }

  /** Spin's JSON object serializer that checks what callers send before it is stored. */
  static final class CheckedJsonSerializer extends SpinObjectValueSerializer {

    private final ObjectVariableTypes types;

    CheckedJsonSerializer(String name, ObjectVariableTypes types) {
      super(name, DataFormats.getInstance().getDataFormatByName(SerializationDataFormats.JSON.getName()));
      this.types = types;
    }

    @Override
    public void writeValue(ObjectValue value, ValueFields valueFields) {
      if (!value.isDeserialized() && value.getValueSerialized() != null) {
        check(valueFields.getName(), value.getObjectTypeName(), value.getValueSerialized());
      }
      super.writeValue(value, valueFields);
    }

    private void check(String variable, String typeName, String json) {
      List<String> refused = types.refused(typeName);
      if (!refused.isEmpty()) {
        throw refusal(variable, "may not hold objects of type " + String.join(", ", refused));
      }
      try {
        Charset charset = Context.getProcessEngineConfiguration().getDefaultCharset();
        deserializeFromByteArray(json.getBytes(charset), typeName);
      } catch (Exception e) {
        throw refusal(variable, "is not a valid " + typeName + " in JSON");
      }
    }

    private static InvalidInputException refusal(String variable, String problem) {
      return new InvalidInputException("Variable " + variable + " refused", Map.of(variable, problem));
    }
  }
}
