package io.opsdesk.hardening;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.handling.TaskInputs;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Two refusals made by the engine itself, so that the engine REST API, the webapps' API, /api and
 * the Java API all pass through them: a command interceptor sees every command a caller sends,
 * whichever API built it.
 *
 * <ul>
 *   <li><b>Flow positions are the model's.</b> Starting an instance at chosen activities (start
 *       instructions, with or without {@code skipCustomListeners}/{@code skipIoMappings}) and
 *       modifying, restarting or migrating instances are refused with an
 *       {@link AuthorizationException} (403) for every authenticated user who is not a Camunda
 *       administrator ({@code camunda-admin}, or the engine's configured admin users and groups).
 *       Work without an authenticated user (job executor, OpsDesk's own code) is the engine's own
 *       and passes.</li>
 *   <li><b>Completion takes declared inputs only.</b> Completing, submitting the form of,
 *       resolving, or throwing a BPMN error or escalation from a task with a variable its model
 *       does not declare in {@code inputs} (see {@link TaskInputs}) is refused with an
 *       {@link InvalidInputException} naming the variable (400), for everyone: such a variable
 *       would land in the process scope, where the flow's own variables live.</li>
 * </ul>
 *
 * Only commands that come from outside the engine are inspected (no command context yet): a
 * command the engine or a delegate runs within another is part of work already allowed. An
 * uncaught BPMN error thrown from a task is made an error instead of silently ending the task's
 * execution, which would otherwise leave a flow position without completing it.
 */
@Component
public class CommandGuard extends AbstractProcessEnginePlugin {

  /** Commands that put an instance somewhere other than where its flow has brought it. */
  private static final Map<Class<?>, String> FLOW_CHANGES = Map.of(
      StartProcessInstanceAtActivitiesCmd.class, "start a process instance at chosen activities",
      ModifyProcessInstanceCmd.class, "modify a process instance",
      ModifyProcessInstanceAsyncCmd.class, "modify a process instance",
      AbstractModificationCmd.class, "modify process instances",
      AbstractRestartProcessInstanceCmd.class, "restart process instances",
      AbstractMigrationCmd.class, "migrate process instances",
      SetProcessDefinitionVersionCmd.class, "migrate a process instance");

  /** Commands that write variables through a task, and the field holding them. */
  private static final Map<Class<?>, String> TASK_VARIABLES = Map.of(
      CompleteTaskCmd.class, "variables", // ResolveTaskCmd too
      SubmitTaskFormCmd.class, "properties",
      HandleTaskBpmnErrorCmd.class, "variables",
      HandleTaskEscalationCmd.class, "variables");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableExceptionsAfterUnhandledBpmnError(true);
    configuration.setCustomPreCommandInterceptorsTxRequired(
        withGuard(configuration.getCustomPreCommandInterceptorsTxRequired(), configuration));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        withGuard(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), configuration));
  }

  private static List<CommandInterceptor> withGuard(List<CommandInterceptor> interceptors,
      ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    all.add(new Interceptor(configuration));
    return all;
  }

  private static final class Interceptor extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    Interceptor(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (Context.getCommandContext() == null) {
        refuseFlowChange(command);
        refuseUndeclaredInputs(command);
      }
      return next.execute(command);
    }

    private void refuseFlowChange(Command<?> command) {
      String what = describe(FLOW_CHANGES, command);
      Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
      if (what != null && caller != null && caller.getUserId() != null
          && !configuration.getCommandExecutorTxRequired().execute(
              context -> context.getAuthorizationManager().isCamundaAdmin(caller))) {
        throw new AuthorizationException("User '" + caller.getUserId() + "' may not " + what
            + ": only administrators (camunda-admin) may start instances at chosen activities, skip listeners or "
            + "input/output mappings, or modify, restart or migrate instances");
      }
    }

    private void refuseUndeclaredInputs(Command<?> command) {
      String variablesField = describe(TASK_VARIABLES, command);
      if (variablesField == null) {
        return;
      }
      Map<?, ?> variables = (Map<?, ?>) field(command, variablesField);
      if (variables == null || variables.isEmpty()) {
        return;
      }
      String taskId = (String) field(command, "taskId");
      List<String> names = variables.keySet().stream().map(String::valueOf).toList();
      configuration.getCommandExecutorTxRequired().execute(context -> {
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null) {
          return null; // the command itself reports the missing task
        }
        // Who may not work the task hears that first, not which variables it takes.
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
          checker.checkTaskWork(task);
        }
        Map<String, String> undeclared = new LinkedHashMap<>(TaskInputs.undeclared(task, names));
        if (!undeclared.isEmpty()) {
          throw new InvalidInputException("Task " + task.getTaskDefinitionKey() + " takes only its declared inputs",
              undeclared);
        }
        return null;
      });
    }

    private static String describe(Map<Class<?>, String> commands, Command<?> command) {
      for (Map.Entry<Class<?>, String> entry : commands.entrySet()) {
        if (entry.getKey().isInstance(command)) {
          return entry.getValue();
        }
      }
      return null;
    }

    /**
     * Camunda's task commands keep their task id and variables in protected fields without
     * getters, and the command is the one place every API's completion passes through; so the
     * field is read by reflection. Should a Camunda (or Operaton) release rename it, this fails
     * loudly instead of letting completions through unchecked.
     */
    private static Object field(Object command, String name) {
      for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
        try {
          Field field = type.getDeclaredField(name);
          field.setAccessible(true);
          return field.get(command);
        } catch (NoSuchFieldException e) {
          // declared further up
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getName(), e);
        }
      }
      throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
    }
  }
}
