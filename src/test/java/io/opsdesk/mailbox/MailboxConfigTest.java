package io.opsdesk.mailbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The mailbox is off without a host, binds its settings with one, and refuses an unknown protocol. */
class MailboxConfigTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(MailboxConfig.class);

  @Test
  void offWithoutHost() {
    runner.withPropertyValues("opsdesk.mailbox.host=", "opsdesk.mailbox.password=secret")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MailboxProperties.class));
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MailboxProperties.class));
  }

  @Test
  void bindsSettingsWithHost() {
    runner.withPropertyValues("opsdesk.mailbox.host=imap.example.com", "opsdesk.mailbox.username=desk",
            "opsdesk.mailbox.password=very-secret", "opsdesk.mailbox.max-attachment-bytes=2MB",
            "opsdesk.mailbox.processed-folder=Done")
        .run(context -> {
          MailboxProperties properties = context.getBean(MailboxProperties.class);
          assertThat(properties.getProtocol()).isEqualTo("imaps");
          assertThat(properties.effectivePort()).isEqualTo(993);
          assertThat(properties.getMaxAttachmentBytes()).isEqualTo(DataSize.ofMegabytes(2));
          assertThat(properties.getProcessedFolder()).isEqualTo("Done");
          assertThat(properties.getFailedFolder()).isEqualTo("Failed");
          assertThat(properties.toString()).contains("imap.example.com").doesNotContain("very-secret");
        });
  }

  @Test
  void refusesAnUnknownProtocol() {
    runner.withPropertyValues("opsdesk.mailbox.host=imap.example.com", "opsdesk.mailbox.protocol=pop3")
        .run(context -> assertThat(context).hasFailed());
  }
}
