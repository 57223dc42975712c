package io.opsdesk.hardening;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact names only: no prefix matches, no classes Camunda allows by default. */
class ObjectVariableTypesTest {

  private final ObjectVariableTypes types = types("java.util.ArrayList, java.lang.String,java.lang.Object", "io.opsdesk.dto");

  @Test
  void listedClassesAndClassesDirectlyInAListedPackagePass() {
    assertThat(types.refused("java.util.ArrayList<java.lang.String>")).isEmpty();
    assertThat(types.refused("java.util.ArrayList")).isEmpty();
    assertThat(types.refused("java.lang.String[]")).isEmpty();
    assertThat(types.refused("io.opsdesk.dto.Asset")).isEmpty();
  }

  @Test
  void everythingElseIsNamed() {
    assertThat(types.refused("java.io.File")).containsExactly("java.io.File");
    assertThat(types.refused("java.lang.Thread")).containsExactly("java.lang.Thread");
    assertThat(types.refused("java.lang.reflect.Proxy")).containsExactly("java.lang.reflect.Proxy");
    assertThat(types.refused("java.util.HashMap<java.lang.String,io.opsdesk.ticket.Ticket>"))
        .containsExactly("java.util.HashMap", "io.opsdesk.ticket.Ticket");
    assertThat(types.refused("io.opsdesk.dto.sub.Asset")).containsExactly("io.opsdesk.dto.sub.Asset");
    assertThat(types.refused("io.opsdesk.dtoX.Asset")).containsExactly("io.opsdesk.dtoX.Asset");
    assertThat(types.refused("java.util.ArrayList<java.lang.String>(x)")).containsExactly("(x)");
    assertThat(types.refused(null)).containsExactly("(no type)");
    assertThat(types.refused(" ")).containsExactly("(no type)");
  }

  private static ObjectVariableTypes types(String classes, String packages) {
    ObjectVariableTypes types = new ObjectVariableTypes();
    types.setAllowedClasses(classes);
    types.setAllowedPackages(packages);
    return types;
  }
}
