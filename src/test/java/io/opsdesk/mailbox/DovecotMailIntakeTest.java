package io.opsdesk.mailbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.opsdesk.testsupport.OpsDeskTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The mail of issue 13 against the IMAP server it was reported with: Debian's Dovecot, started for
 * this test on a free local port with a configuration of its own under target/. Dovecot reports the
 * bare-name sender "Helpdesk Team" as an address with the placeholders MISSING_MAILBOX and
 * MISSING_DOMAIN. Skipped where /usr/sbin/dovecot is not installed (apt-get install dovecot-imapd).
 */
@Tag("single-run")
class DovecotMailIntakeTest extends OpsDeskTest {

  private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
  private static final String USER = "desk";
  private static final String PASSWORD = "dovecot-secret-1";

  private static Process dovecot;
  private static int port;

  @Autowired MailboxProperties properties;
  @Autowired MailIntake intake;
  @Autowired MailIntakeRecords records;
  @Autowired MailboxState state;
  @Autowired HealthEndpoint healthEndpoint;

  @BeforeAll
  static void startDovecot() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(DOVECOT), "Dovecot is not installed (/usr/sbin/dovecot): test skipped");
    Path dir = Files.createDirectories(Path.of("target", "dovecot-" + UUID.randomUUID().toString().substring(0, 8)))
        .toAbsolutePath();
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(dir.resolve("users"), USER + ":{PLAIN}" + PASSWORD + "\n");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    // Dovecot refuses to serve mail as root: run as root (as in CI), it uses the users its package made.
    boolean root = "root".equals(System.getProperty("user.name"));
    String internal = root ? "dovecot" : System.getProperty("user.name");
    String login = root ? "dovenull" : internal;
    if (root) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.toList()) {
          Files.setOwner(p, users.lookupPrincipalByName(internal));
        }
      }
    }
    Path config = dir.resolve("dovecot.conf");
    Files.writeString(config, """
        base_dir = %1$s/run
        state_dir = %1$s/state
        log_path = %1$s/dovecot.log
        ssl = no
        disable_plaintext_auth = no
        protocols = imap
        listen = 127.0.0.1
        first_valid_uid = 1
        default_internal_user = %2$s
        default_login_user = %3$s
        mail_location = maildir:%1$s/mail/%%u
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%%u %1$s/users
        }
        userdb {
          driver = static
          args = uid=%2$s gid=%2$s home=%1$s/mail/%%u
        }
        service imap-login {
          chroot =
          inet_listener imap {
            port = %4$d
          }
          inet_listener imaps {
            port = 0
          }
        }
        service anvil {
          chroot =
        }
        """.formatted(dir, internal, login, port));
    dovecot = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("dovecot.out").toFile()).start();
    awaitListening(dir);
  }

  /** Dovecot starts within moments; until it listens, connecting is refused. */
  private static void awaitListening(Path dir) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        if (!dovecot.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("Dovecot did not start: " + Files.readString(dir.resolve("dovecot.out"))
              + (Files.exists(dir.resolve("dovecot.log")) ? Files.readString(dir.resolve("dovecot.log")) : ""));
        }
        dovecot.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
  }

  @AfterAll
  static void stopDovecot() throws InterruptedException {
    if (dovecot != null) {
      dovecot.destroy();
      dovecot.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void bareNameSenderIsSetAsideAndTheNextMailBecomesATicket() throws MessagingException {
    String sender = "li.wei." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    MailboxProperties onDovecot = properties.copy();
    onDovecot.setProtocol("imap");
    onDovecot.setHost("127.0.0.1");
    onDovecot.setPort(port);
    onDovecot.setUsername(USER);
    onDovecot.setPassword(PASSWORD);
    MailboxPoller poller = new MailboxPoller(onDovecot, intake, records, state);
    append(onDovecot.getFolder(), "Message-ID: <" + UUID.randomUUID() + "@mail.example.com>\nFrom: Helpdesk Team\n"
        + "To: servicedesk@example.com\nSubject: Weekly digest\nDate: Mon, 2 Mar 2026 09:15:00 +0800\n"
        + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\nNothing to see.\n");
    append(onDovecot.getFolder(), TestMailbox.plain("<" + UUID.randomUUID() + "@mail.example.com>",
        "Li Wei <" + sender + ">", "Mouse broken", "The mouse is broken."));

    PollResult first = poller.poll();

    assertThat(first.error()).isNull();
    assertThat(first.failed()).isEqualTo(1);
    assertThat(first.newTickets()).isEqualTo(1);
    assertThat(jdbc.queryForList("SELECT subject FROM ticket WHERE requester_email = ?", String.class, sender))
        .containsExactly("Mouse broken");
    assertThat(mailsIn(onDovecot.getFolder())).isZero();
    assertThat(mailsIn(onDovecot.getFailedFolder())).isEqualTo(1);
    Health health = (Health) healthEndpoint.healthForPath("mailbox");
    assertThat(health.getStatus()).isEqualTo(MailboxHealthIndicator.ATTENTION);
    assertThat(health.getDetails()).containsEntry("mailsInFailedFolder", 1);
    assertThat(health.getDetails().get("recentFailures").toString()).contains("cannot be read");

    PollResult second = poller.poll();

    assertThat(second.error()).isNull();
    assertThat(second.seen()).isZero();
    assertThat(mailsIn(onDovecot.getFailedFolder())).isEqualTo(1);
  }

  private static void append(String folderName, String raw) throws MessagingException {
    Session session = Session.getInstance(new Properties());
    withFolder(folderName, folder -> folder.appendMessages(new Message[] {new MimeMessage(session,
        new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)))}));
  }

  private static int mailsIn(String folderName) throws MessagingException {
    int[] n = new int[1];
    withFolder(folderName, folder -> {
      folder.open(Folder.READ_ONLY);
      n[0] = folder.getMessageCount();
      folder.close(false);
    });
    return n[0];
  }

  private interface FolderWork {
    void run(Folder folder) throws MessagingException;
  }

  private static void withFolder(String name, FolderWork work) throws MessagingException {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", port, USER, PASSWORD);
    try {
      work.run(store.getFolder(name));
    } finally {
      store.close();
    }
  }
}
