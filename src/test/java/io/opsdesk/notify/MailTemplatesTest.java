package io.opsdesk.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.opsdesk.ticket.VocabularyLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The template language of the mails (JMustache), and the shipped templates themselves. */
class MailTemplatesTest {

  /** What Notifications offers a template (ticket fields, process variables, derived values). */
  private static final Set<String> KNOWN = Stream.concat(Stream.of("ticketId", "requesterName", "requesterId",
      "requesterEmail", "channel", "subject", "description", "location", "category", "impact", "urgency", "priority",
      "candidateGroup", "status", "closeReason", "autoClosed", "handler", "handlerName", "createdAt", "responseDue",
      "resolutionDue", "reopenCount", "solution", "progressNote", "expectedResolution", "progressUpdate", "publicUrl",
      "tasklistUrl", "cockpitUrl", "timeZone", "groupId", "groupName", "satisfied", "satisfactionScore", "feedback", "responseWarning"),
      VocabularyLabels.VARIABLES.stream().map(variable -> variable + "Label")).collect(Collectors.toSet());
  private static final Pattern TAG = Pattern.compile("\\{\\{[#^/]?\\s*([\\w.-]+)\\s*}}");

  private final NotifyProperties properties = new NotifyProperties();
  private final MailTemplates templates = new MailTemplates(new DefaultResourceLoader(), properties);

  @Test
  void placeholdersAreFilledAndMissingOnesLeftEmpty() {
    MailTemplates.Mail mail = render("Subject: [{{ticketId}}] {{subject}}\n\nHello {{ name }},{{missing}}\nbye",
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
    assertThat(render(template, Map.of("requesterId", "alice", "autoClosed", "false")).body())
        .isEqualTo("Log in as alice.\nInline: confirmed.\n");
    assertThat(render(template, Map.of("autoClosed", "true")).body())
        .isEqualTo("Call us.\nInline: auto.\n");
    assertThat(render(template, Map.of("requesterId", "  ", "autoClosed", "FALSE")).body())
        .as("blank and false count as not there").isEqualTo("Call us.\nInline: confirmed.\n");
  }

  @Test
  void valuesAreInsertedLiterallyNeverInterpretedNorEscaped() {
    MailTemplates.Mail mail = render("Subject: {{subject}}\n\n{{description}} {{other}}",
        Map.of("subject", "<b>{{other}}</b>\r\nBcc: evil@example.com", "description",
            "$1 \\ {{#x}}y{{/x}} <script> & 'q' \"dq\" &amp;", "other", "O"));
    assertThat(mail.subject()).isEqualTo("<b>{{other}}</b> Bcc: evil@example.com");
    assertThat(mail.body()).isEqualTo("$1 \\ {{#x}}y{{/x}} <script> & 'q' \"dq\" &amp; O\n");
  }

  @Test
  void templatesSeeTheirValuesOnlyNeverTheMethodsOfThem() {
    MailTemplates.Mail mail = render("Subject: {{subject.class}}{{subject.bytes}}{{subject.empty}}\n\n[{{subject.length}}]",
        Map.of("subject", "Printer"));
    assertThat(mail.subject()).isEmpty();
    assertThat(mail.body()).isEqualTo("[]\n");
  }

  @Test
  void aTemplateStartsWithItsSubjectLineAndParses() {
    assertThatThrownBy(() -> render("Hello\n", Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> render("Subject: s\n\n{{#open}}never closed", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> templates.render("en", "../application", Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> templates.render("fr", "opened", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fr");
    assertThatThrownBy(() -> templates.render("en", "no-such-template", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-template");
    assertThatThrownBy(() -> templates.require("no-such-template")).hasMessageContaining("no-such-template");
  }

  /** A translator's work is complete: each mail in each language, asking for the same values. */
  @Test
  void everyTemplateExistsInEveryLanguageWithTheSameValues() throws IOException {
    Map<String, Map<String, Set<String>>> byLanguage = new TreeMap<>();
    for (String language : MailLanguages.SUPPORTED) {
      Map<String, Set<String>> valuesByTemplate = new TreeMap<>();
      for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:notify/" + language + "/*.txt")) {
        valuesByTemplate.put(file.getFilename().replace(".txt", ""), used(file.getContentAsString(StandardCharsets.UTF_8)));
      }
      byLanguage.put(language, valuesByTemplate);
    }
    Map<String, Set<String>> english = byLanguage.get("en");
    assertThat(english.keySet()).containsExactlyInAnyOrder("opened", "accepted", "progress", "delay", "resolved", "closed",
        "response-breached", "resolution-breached", "low-satisfaction", "sla-warning", "sla-escalation", "service-report");
    for (String language : MailLanguages.SUPPORTED) {
      assertThat(byLanguage.get(language)).as(language).isEqualTo(english);
    }
  }

  @ParameterizedTest
  @CsvSource({"en,opened", "en,accepted", "en,progress", "en,delay", "en,resolved", "en,closed", "en,response-breached",
      "en,resolution-breached", "zh-CN,opened", "zh-CN,accepted", "zh-CN,progress", "zh-CN,delay", "zh-CN,resolved",
      "zh-CN,closed", "zh-CN,response-breached", "zh-CN,resolution-breached", "en,low-satisfaction",
      "zh-CN,low-satisfaction", "en,sla-warning", "zh-CN,sla-warning", "en,sla-escalation", "zh-CN,sla-escalation"})
  void shippedTemplatesUseOnlyKnownValues(String language, String name) throws Exception {
    String source = new String(getClass().getResourceAsStream("/notify/" + language + "/" + name + ".txt").readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(used(source)).isSubsetOf(KNOWN).contains("ticketId");
    MailTemplates.Mail mail = templates.render(language, name, Map.of("ticketId", "SR-2026-000001", "subject", "Printer"));
    assertThat(mail.subject()).contains("SR-2026-000001").doesNotContain("{{");
    assertThat(mail.body()).doesNotContain("{{", "}}");
  }

  @Test
  void chineseMailsReadChinese() {
    MailTemplates.Mail mail = templates.render("zh-CN", "opened", Map.of("ticketId", "SR-2026-000001", "subject", "打印机卡纸",
        "requesterName", "李伟", "channelLabel", "电话", "categoryLabel", "硬件"));
    assertThat(mail.subject()).isEqualTo("[SR-2026-000001] 您的服务请求已登记：打印机卡纸");
    assertThat(mail.body()).startsWith("李伟，您好：").contains("工单号为 SR-2026-000001", "受理渠道：电话",
        "类别：硬件").endsWith("OpsDesk 服务台\n");
  }

  /** Edited copies (opsdesk.notify.templates=file:...) replace the shipped ones file by file and are read afresh. */
  @Test
  void editedCopiesReplaceTheShippedTemplatesFileByFile(@TempDir Path folder) throws IOException {
    Path chinese = Files.createDirectories(folder.resolve("zh-CN")).resolve("opened.txt");
    Files.writeString(chinese, "Subject: 已登记 {{ticketId}}\n\n编辑过的 {{requesterName}}\n", StandardCharsets.UTF_8);
    properties.setTemplates(folder.toUri().toString());
    Map<String, String> values = Map.of("ticketId", "SR-1", "requesterName", "李伟");

    assertThat(templates.render("zh-CN", "opened", values)).isEqualTo(new MailTemplates.Mail("已登记 SR-1", "编辑过的 李伟\n"));
    assertThat(templates.render("en", "opened", values).subject()).isEqualTo("[SR-1] Your request has been registered:");
    assertThat(templates.render("zh-CN", "closed", values).subject()).startsWith("[SR-1] 您的请求已关闭");

    Files.writeString(chinese, "Subject: 再次编辑 {{ticketId}}\n", StandardCharsets.UTF_8);
    assertThat(templates.render("zh-CN", "opened", values).subject()).isEqualTo("再次编辑 SR-1");
    Files.writeString(chinese, "Subject: {{#broken}}\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> templates.require("opened")).hasMessageContaining("zh-CN/opened.txt");
  }

  @Test
  void theDefaultLanguageIsOneThatHasTemplates() {
    assertThat(properties.getDefaultLanguage()).isEqualTo("zh-CN");
    properties.setDefaultLanguage("EN");
    assertThat(properties.getDefaultLanguage()).isEqualTo("en");
    assertThatThrownBy(() -> properties.setDefaultLanguage("fr")).hasMessageContaining("zh-CN, en");
  }

  private static MailTemplates.Mail render(String template, Map<String, String> values) {
    return MailTemplates.compile(template).render(values);
  }

  private static Set<String> used(String source) {
    Set<String> used = new TreeSet<>();
    Matcher m = TAG.matcher(source);
    while (m.find()) {
      used.add(m.group(1));
    }
    return used;
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
