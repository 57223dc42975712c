package io.opsdesk.notify;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small template language of the mails, and the shipped templates themselves. */
class MailTemplatesTest {

  /** What Notifications offers a template (ticket fields, process variables, derived values). */
  private static final Set<String> KNOWN = Set.of("ticketId", "requesterName", "requesterId", "requesterEmail", "channel",
      "subject", "description", "location", "category", "impact", "urgency", "priority", "candidateGroup", "status",
      "closeReason", "autoClosed", "handler", "handlerName", "createdAt", "responseDue", "resolutionDue", "reopenCount",
      "solution", "progressNote", "expectedResolution", "progressUpdate", "publicUrl", "tasklistUrl", "cockpitUrl",
      "timeZone", "groupId", "groupName");

  private final MailTemplates templates = new MailTemplates(new DefaultResourceLoader(), new NotifyProperties());

  @Test
  void placeholdersAreFilledAndMissingOnesLeftEmpty() {
    MailTemplates.Mail mail = MailTemplates.renderText("Subject: [{{ticketId}}] {{subject}}\n\nHello {{ name }},{{missing}}\nbye",
        Map.of("ticketId", "SR-1", "subject", "Printer", "name", "Li"));
    assertThat(mail.subject()).isEqualTo("[SR-1] Printer");
    assertThat(mail.body()).isEqualTo("Hello Li,\nbye\n");
  }

  @Test
  void sectionsAppearOnlyWhenTheirValueIsOrIsNotThere() {
    String template = """
        Subject: s
        {{#requesterId}}
        Log in as {{requesterId}}.
        {{/requesterId}}
        {{^requesterId}}
        Call us.
        {{/requesterId}}
        Inline: {{#autoClosed}}auto{{/autoClosed}}{{^autoClosed}}confirmed{{/autoClosed}}.
        """;
    assertThat(MailTemplates.renderText(template, Map.of("requesterId", "alice", "autoClosed", "false")).body())
        .isEqualTo("Log in as alice.\nInline: confirmed.\n");
    assertThat(MailTemplates.renderText(template, Map.of("autoClosed", "true")).body())
        .isEqualTo("Call us.\nInline: auto.\n");
  }

  @Test
  void valuesAreInsertedLiterallyNeverInterpreted() {
    MailTemplates.Mail mail = MailTemplates.renderText("Subject: {{subject}}\n\n{{description}} {{other}}",
        Map.of("subject", "<b>{{other}}</b>\r\nBcc: evil@example.com", "description", "$1 \\ {{#x}}y{{/x}} <script>",
            "other", "O"));
    assertThat(mail.subject()).isEqualTo("<b>{{other}}</b> Bcc: evil@example.com");
    assertThat(mail.body()).isEqualTo("$1 \\ {{#x}}y{{/x}} <script> O\n");
  }

  @Test
  void aTemplateStartsWithItsSubjectLine() {
    assertThatThrownBy(() -> MailTemplates.renderText("Hello\n", Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> templates.render("../application", Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> templates.render("no-such-template", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-template");
  }

  @ParameterizedTest
  @ValueSource(strings = {"opened", "accepted", "progress", "delay", "resolved", "closed", "response-breached",
      "resolution-breached"})
  void shippedTemplatesUseOnlyKnownValues(String name) throws Exception {
    String source = new String(getClass().getResourceAsStream("/notify/" + name + ".txt").readAllBytes());
    Set<String> used = new TreeSet<>();
    Matcher m = Pattern.compile("\\{\\{[#^/]?\\s*([\\w.-]+)\\s*}}").matcher(source);
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(used).isSubsetOf(KNOWN).contains("ticketId");
    MailTemplates.Mail mail = templates.render(name, Map.of("ticketId", "SR-2026-000001", "subject", "Printer"));
    assertThat(mail.subject()).contains("SR-2026-000001").doesNotContain("{{");
    assertThat(mail.body()).doesNotContain("{{", "}}");
  }

  @Test
  void backoffDoublesUpToItsMaximum() {
    NotifyProperties properties = new NotifyProperties();
    properties.setInitialBackoff(java.time.Duration.ofMinutes(1));
    properties.setMaxBackoff(java.time.Duration.ofMinutes(5));
    assertThat(properties.backoffAfter(1)).hasMinutes(1);
    assertThat(properties.backoffAfter(2)).hasMinutes(2);
    assertThat(properties.backoffAfter(3)).hasMinutes(4);
    assertThat(properties.backoffAfter(4)).hasMinutes(5);
    assertThat(properties.backoffAfter(40)).hasMinutes(5);
  }

  @Test
  void theMailPasswordIsMasked() {
    assertThat(MailSecrets.redact("535 auth failed for user ops with s3cr3t-pw", Set.of("s3cr3t-pw")))
        .isEqualTo("535 auth failed for user ops with ********");
  }
}
