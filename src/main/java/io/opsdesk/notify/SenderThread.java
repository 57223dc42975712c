package io.opsdesk.notify;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs {@link NotificationSender} on a thread of its own, never on the thread of the work that
 * queued the mail: as soon as a transaction that queued mail commits, and every
 * {@code opsdesk.notify.send-interval} for retries that fall due and mails other nodes queued.
 * Wake-ups while a run is waiting to start add nothing (the run sends whatever is due by then).
 */
@Component
@ConditionalOnProperty(name = "opsdesk.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SenderThread implements DisposableBean {

  private final NotificationSender sender;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(run -> {
    Thread t = new Thread(run, "notification-sender");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean runWaiting = new AtomicBoolean();
  private final AtomicBoolean purgeDue = new AtomicBoolean();

  SenderThread(NotificationSender sender) {
    this.sender = sender;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void mailQueued(Outbox.MailQueued event) {
    wake();
  }

  /** Also forgets old sent mails, at this pace rather than at every wake-up. */
  @Scheduled(fixedDelayString = "${opsdesk.notify.send-interval:PT10S}", initialDelayString = "${opsdesk.notify.send-interval:PT10S}")
  void everyInterval() {
    purgeDue.set(true);
    wake();
  }

  private void wake() {
    if (runWaiting.compareAndSet(false, true)) {
      try {
        thread.execute(() -> {
          runWaiting.set(false);
          sender.run(purgeDue.getAndSet(false));
        });
      } catch (RejectedExecutionException e) {
        // Shutting down: what is queued is sent after the next start.
      }
    }
  }

  @Override
  public void destroy() {
    thread.shutdownNow();
  }
}
