package io.opsdesk.identity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows down password guessing per client and user, never locking an account: after
 * {@code freeAttempts} failed logins a client must wait before its next try for that user, a delay
 * that doubles with every further failure up to {@code maxDelay}. The right password is therefore
 * accepted again at most {@code maxDelay} after the last failure, and at once from any other client:
 * whoever hammers {@code admin} from one address delays only themselves.
 *
 * <p>A client is its remote address (an IPv6 address by its /64 network, which one machine usually
 * has whole). Parallel attempts gain nothing ({@link #attempt}); a success forgets the client's
 * failures for that user. Kept in memory, at most {@code maxTracked}
 * pairs (the least used are forgotten first).
 */
public class LoginThrottle {

  /** An IPv4 or IPv6 address literal (which InetAddress parses without asking DNS). */
  private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.%]*");

  private final int freeAttempts;
  private final Duration firstDelay;
  private final Duration maxDelay;
  private final Supplier<Instant> clock;
  private final Cache<Key, Failures> failures;
  private final ThreadLocal<String> currentClient = new ThreadLocal<>();

  public LoginThrottle(int freeAttempts, Duration firstDelay, Duration maxDelay, long maxTracked,
      Supplier<Instant> clock) {
    if (freeAttempts < 0 || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("Login throttling needs freeAttempts >= 0 and 0 < firstDelay <= maxDelay");
    }
    this.freeAttempts = freeAttempts;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
    this.clock = clock;
    this.failures = Caffeine.newBuilder().maximumSize(maxTracked).build();
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * Until the returned binding is closed, password checks on this thread are made for {@code client}
   * (see {@link #client}) and throttled.
   */
  public Binding bind(String client) {
    String previous = currentClient.get();
    currentClient.set(client);
    return () -> {
      if (previous == null) {
        currentClient.remove();
      } else {
        currentClient.set(previous);
      }
    };
  }

  /** The client of the current request, or null outside one (trusted code: not throttled). */
  public String currentClient() {
    return currentClient.get();
  }

  /** How long the client must still wait before trying {@code userId} again; zero when it may now. */
  public Duration waitFor(String client, String userId) {
    Failures known = failures.getIfPresent(new Key(client, normalize(userId)));
    if (known == null) {
      return Duration.ZERO;
    }
    synchronized (known) {
      Duration left = Duration.between(clock.get(), known.blockedUntil);
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  /**
   * Checks a password of {@code userId} for {@code client} with {@code check}, unless the client must
   * still wait (then false, without checking). Up to {@code freeAttempts} checks of the pair run at
   * once (one when none are free); others wait for their outcome rather than count them as failures
   * in advance, so parallel guesses gain nothing and parallel requests with the right password all
   * go through. A check that fails or throws counts as a failure; the right password forgets them.
   */
  public boolean attempt(String client, String userId, BooleanSupplier check) {
    Key key = new Key(client, normalize(userId));
    Failures known = failures.get(key, k -> new Failures());
    synchronized (known) {
      while (known.checking > 0 && known.count + known.checking >= freeAttempts) {
        try {
          known.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      if (clock.get().isBefore(known.blockedUntil)) {
        return false;
      }
      known.checking++;
    }
    boolean right = false;
    try {
      right = check.getAsBoolean();
      return right;
    } finally {
      synchronized (known) {
        known.checking--;
        if (right) {
          known.count = 0;
          known.blockedUntil = Instant.MIN;
          if (known.checking == 0) {
            failures.asMap().remove(key, known);
          }
        } else {
          known.count++;
          known.blockedUntil = clock.get().plus(delayAfter(known.count));
        }
        known.notifyAll();
      }
    }
  }

  /** The wait after the {@code failed}-th failure in a row. */
  Duration delayAfter(int failed) {
    int beyond = failed - freeAttempts;
    if (beyond <= 0) {
      return Duration.ZERO;
    }
    // The cap is reached long before 2^40; the bound keeps the multiplication from overflowing.
    Duration delay = firstDelay.multipliedBy(1L << Math.min(beyond - 1, 40));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** Ids differ only in case on a case-insensitive database; one counter for all spellings. */
  private static String normalize(String userId) {
    return userId == null ? "" : userId.toLowerCase(Locale.ROOT);
  }

  /** The client a remote address stands for. */
  public static String client(String remoteAddress) {
    if (remoteAddress == null || !LITERAL.matcher(remoteAddress).matches()) {
      // The container hands over literal addresses; never resolve a name here.
      return String.valueOf(remoteAddress);
    }
    try {
      InetAddress address = InetAddress.getByName(remoteAddress);
      if (address instanceof Inet6Address) {
        byte[] network = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        return InetAddress.getByAddress(network).getHostAddress() + "/64";
      }
      return address.getHostAddress();
    } catch (UnknownHostException e) {
      return remoteAddress;
    }
  }

  /** Ends a {@link #bind}. */
  @FunctionalInterface
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }

  private record Key(String client, String userId) {
  }

  private static final class Failures {
    private int count;
    /** Checks running now. */
    private int checking;
    private Instant blockedUntil = Instant.MIN;
  }
}
