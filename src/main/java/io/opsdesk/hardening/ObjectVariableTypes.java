package io.opsdesk.hardening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.runtime.WhitelistingDeserializationTypeValidator;

/**
 * Which Java types an object variable may have. Camunda's own validator always allows every class
 * whose name merely starts with {@code java.lang} (so {@code java.lang.Thread} or
 * {@code java.lang.reflect.*} as well) and a fixed set of collections; this one allows exactly the
 * classes of {@code deserializationAllowedClasses}, and the classes directly in a package of
 * {@code deserializationAllowedPackages} (not in its sub-packages, not in packages that only start alike).
 */
class ObjectVariableTypes implements WhitelistingDeserializationTypeValidator {

  /** A Java class name: dotted identifiers, {@code $} for nested classes. */
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  /** What separates the class names of a canonical type name such as {@code java.util.ArrayList<java.lang.String>}. */
  private static final Pattern TYPE_SYNTAX = Pattern.compile("[\\s<>,\\[\\]]+");

  private volatile Set<String> classes = Set.of();
  private volatile Set<String> packages = Set.of();

  @Override
  public void setAllowedClasses(String deserializationAllowedClasses) {
    classes = split(deserializationAllowedClasses);
  }

  @Override
  public void setAllowedPackages(String deserializationAllowedPackages) {
    packages = split(deserializationAllowedPackages);
  }

  @Override
  public boolean validate(String className) {
    if (className == null || !CLASS_NAME.matcher(className).matches()) {
      return false;
    }
    int dot = className.lastIndexOf('.');
    return classes.contains(className) || (dot > 0 && packages.contains(className.substring(0, dot)));
  }

  /**
   * The classes named in a canonical type name that are not allowed (or not class names at all),
   * without loading any of them; empty when every one is allowed.
   */
  List<String> refused(String typeName) {
    List<String> refused = new ArrayList<>();
    if (typeName == null || typeName.isBlank()) {
      refused.add("(no type)");
      return refused;
    }
    for (String name : TYPE_SYNTAX.split(typeName.trim())) {
      if (!name.isEmpty() && !validate(name) && !refused.contains(name)) {
        refused.add(name);
      }
    }
    return refused;
  }

  private static Set<String> split(String list) {
    return list == null ? Set.of()
        : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }
}
