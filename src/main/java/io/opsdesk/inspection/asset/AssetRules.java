package io.opsdesk.inspection.asset;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.redfish.Credentials;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What an asset of the inventory must look like: one place for POST /api/assets and the inventory file.
 * Every value is hostile until proven otherwise: only text where text belongs, bounded, without control
 * characters; fields that are not an asset's (a password above all) are refused, never ignored. A refusal
 * names every bad field ({@link InvalidInputException}), and the values themselves are never echoed.
 */
@Component
public class AssetRules {

  static final String CREDENTIALS_PREFIX = Credentials.PREFIX;
  static final int MAX_URL = 2048;
  static final int MAX_HOST = 253;
  static final int MAX_PORTS = 64;
  static final int MAX_PARTS = 50;
  static final int MAX_PART = 100;
  /** A flood of unknown fields gets this many named, not a reply as large as the request. */
  private static final int MAX_UNKNOWN_NAMED = 20;

  private static final Set<String> COMMON = Set.of("assetId", "type", "location", "ownerGroup");
  private static final Map<AssetType, Set<String>> OF_TYPE = Map.of(
      AssetType.SERVER, Set.of("redfishUrl", "credentialRef", "requiredParts"),
      AssetType.NETWORK, Set.of("host", "ports"));

  /** Unknown field names that look like a secret get a reminder of where secrets belong. */
  private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(pass|secret|token|user|key|auth).*");
  /** Control, format (bidi overrides, zero-width), lone surrogate and line/paragraph separator characters. */
  private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]");
  private static final Pattern STARTS_PLAIN = Pattern.compile("^[A-Za-z0-9].*");
  private static final Pattern CREDENTIAL_REF = Pattern.compile("^[a-z0-9-]{1,64}$");
  /** Camunda's resource id rule of application.yaml (generalResourceWhitelistPattern). */
  private static final Pattern GROUP_ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$");
  private static final Pattern DNS_LABEL = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$");
  private static final Pattern IPV4 = Pattern.compile(
      "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
  private static final Pattern ALL_DIGITS = Pattern.compile("^\\d+$");
  private static final Pattern ASCII_PRINTABLE = Pattern.compile("^[\\x21-\\x7E]+$");

  private final Predicate<String> groupExists;
  private final Predicate<String> credentialConfigured;
  private final BiPredicate<String, String> credentialHost;

  @Autowired
  public AssetRules(IdentityService identity, Environment environment, Credentials credentials) {
    this(groupId -> groupExists(identity, groupId),
        ref -> !InputRules.isBlank(environment.getProperty(CREDENTIALS_PREFIX + ref + ".username")),
        credentials::allowHost);
  }

  /**
   * With the three look-ups given: the Camunda group exists; credentials of that name are configured;
   * they may be sent to that host.
   */
  AssetRules(Predicate<String> groupExists, Predicate<String> credentialConfigured,
      BiPredicate<String, String> credentialHost) {
    this.groupExists = groupExists;
    this.credentialConfigured = credentialConfigured;
    this.credentialHost = credentialHost;
  }

  /** The asset these fields describe, values stripped of surrounding white space; else the refusal. */
  public Asset validate(Map<String, ?> fields) {
    Map<String, String> errors = new LinkedHashMap<>();
    refuseUnknown(fields, errors);
    String assetId = assetId(fields, errors);
    AssetType type = type(fields.get("type"), errors);
    String location = text(fields, "location", InputRules.SHORT_TEXT, text -> null, errors);
    String ownerGroup = text(fields, "ownerGroup", 64, this::ownerGroupProblem, errors);
    if (type != null) {
      OF_TYPE.forEach((other, names) -> {
        if (other != type) {
          names.stream().filter(name -> present(fields.get(name)))
              .forEach(name -> errors.put(name, "belongs to a " + other + " asset, not a " + type));
        }
      });
    }
    String redfishUrl = null;
    String credentialRef = null;
    String host = null;
    List<Integer> ports = List.of();
    List<String> requiredParts = List.of();
    if (type == AssetType.SERVER) {
      redfishUrl = redfishUrl(fields, errors);
      credentialRef = text(fields, "credentialRef", 64, this::credentialRefProblem, errors);
      requiredParts = requiredParts(fields.get("requiredParts"), errors);
      if (redfishUrl != null && credentialRef != null && !errors.containsKey("redfishUrl")
          && !errors.containsKey("credentialRef")) {
        String bmcHost = URI.create(redfishUrl).getHost();
        if (!credentialHost.test(credentialRef, bmcHost)) {
          errors.put("credentialRef", "may not be sent to this redfishUrl's host: add the host to "
              + CREDENTIALS_PREFIX + credentialRef + ".hosts");
        }
      }
    } else if (type == AssetType.NETWORK) {
      host = text(fields, "host", MAX_HOST, AssetRules::hostProblem, errors);
      ports = ports(fields.get("ports"), errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Asset refused", errors);
    }
    return new Asset(assetId, type, location, ownerGroup, redfishUrl, credentialRef, host, ports, requiredParts);
  }

  /** Null when {@code assetId} is a valid asset id, else what is wrong (also for ids in paths). */
  public static String checkAssetId(Object assetId) {
    if (InputRules.isBlank(assetId)) {
      return "is required";
    }
    String problem = InputRules.check("assetId", assetId);
    if (problem != null) {
      return problem;
    }
    String id = (String) assetId;
    // Trimmed by the shared rule, but an id must be exactly what is stored and put into paths (no "..").
    return id.strip().equals(id) && STARTS_PLAIN.matcher(id).matches() ? null
        : "must start with a letter or digit and hold no spaces";
  }

  private static void refuseUnknown(Map<String, ?> fields, Map<String, String> errors) {
    int named = 0;
    for (String name : fields.keySet()) {
      if (COMMON.contains(name) || OF_TYPE.values().stream().anyMatch(names -> names.contains(name))) {
        continue;
      }
      if (named++ == MAX_UNKNOWN_NAMED) {
        errors.put("(more)", "further fields are not an asset's either");
        return;
      }
      errors.put(shown(name), SECRET_LIKE.matcher(name).matches()
          ? "is never accepted: name a credentialRef, whose username and password stay in configuration"
          + " (" + CREDENTIALS_PREFIX + "<ref>.username/password)"
          : "is not a field of an asset");
    }
  }

  /** A field name fit to be echoed: printable ASCII of bounded length. */
  private static String shown(String name) {
    String printable = name.replaceAll("[^\\x20-\\x7E]", "?");
    return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
  }

  private static String assetId(Map<String, ?> fields, Map<String, String> errors) {
    Object value = fields.get("assetId");
    String problem = checkAssetId(value);
    if (problem != null) {
      errors.put("assetId", problem);
      return null;
    }
    return (String) value;
  }

  private static AssetType type(Object value, Map<String, String> errors) {
    if (InputRules.isBlank(value)) {
      errors.put("type", "is required");
      return null;
    }
    for (AssetType type : AssetType.values()) {
      if (type.name().equals(value)) {
        return type;
      }
    }
    errors.put("type", "must be SERVER or NETWORK");
    return null;
  }

  /**
   * Required text of at most {@code maxLength} characters that {@code rule} (null = fine, else what is
   * wrong) accepts once stripped: the stripped text, or null and an error.
   */
  private static String text(Map<String, ?> fields, String name, int maxLength, Function<String, String> rule,
      Map<String, String> errors) {
    Object value = fields.get(name);
    if (InputRules.isBlank(value)) {
      errors.put(name, "is required");
      return null;
    }
    if (!(value instanceof String s)) {
      errors.put(name, "must be text");
      return null;
    }
    String problem = printable(s, maxLength);
    if (problem == null) {
      problem = rule.apply(s.strip());
    }
    if (problem != null) {
      errors.put(name, problem);
      return null;
    }
    return s.strip();
  }

  private static String printable(String s, int maxLength) {
    if (s.length() > maxLength) {
      return "must be at most " + maxLength + " characters";
    }
    return UNPRINTABLE.matcher(s).find() ? "must not contain control characters" : null;
  }

  private String ownerGroupProblem(String group) {
    return !GROUP_ID.matcher(group).matches() ? "must be a group id"
        : OpsDeskGroups.REQUESTERS.equals(group) ? "must be a group that handles work, not " + OpsDeskGroups.REQUESTERS
        : !groupExists.test(group) ? "must be an existing group (Camunda Admin > Groups)" : null;
  }

  /** The BMC's base URL without trailing slashes, so that "/redfish/v1/..." can be appended. */
  private static String redfishUrl(Map<String, ?> fields, Map<String, String> errors) {
    String url = text(fields, "redfishUrl", MAX_URL, AssetRules::urlProblem, errors);
    return url == null ? null : url.replaceAll("/+$", "");
  }

  private static String urlProblem(String url) {
    String notHttp = "must be an absolute http or https URL (ASCII, no spaces)";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return notHttp;
    }
    String scheme = uri.getScheme();
    if (!ASCII_PRINTABLE.matcher(url).matches() || uri.isOpaque() || scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return notHttp;
    }
    if (uri.getRawUserInfo() != null) {
      return "must not contain a user name or password: name a credentialRef instead";
    }
    String host = uri.getHost();
    if (host == null || hostProblem(host.startsWith("[") ? host.substring(1, host.length() - 1) : host) != null) {
      return "must name a valid host (DNS name or IP address)";
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      return "must have a port from 1 to 65535";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "must not have a query or fragment";
    }
    String path = uri.getRawPath();
    if (!uri.normalize().getRawPath().equals(path)) {
      return "must not contain . or .. path segments";
    }
    if (path.replaceAll("/+$", "").toLowerCase().endsWith("/redfish/v1")) {
      return "must be the BMC's base URL, without /redfish/v1";
    }
    return null;
  }

  private String credentialRefProblem(String ref) {
    return !CREDENTIAL_REF.matcher(ref).matches() ? "must be lower-case letters, digits and -"
        : !credentialConfigured.test(ref)
            ? "names no configured credentials (" + CREDENTIALS_PREFIX + ref + ".username is not set)" : null;
  }

  /** A DNS name or an IPv4/IPv6 literal, checked without any name lookup. */
  static String hostProblem(String host) {
    String invalid = "must be a DNS name or an IP address";
    if (host.isEmpty() || host.length() > MAX_HOST) {
      return invalid;
    }
    if (host.indexOf(':') >= 0) {
      return ipv6(host) ? null : invalid;
    }
    if (IPV4.matcher(host).matches()) {
      return null;
    }
    String[] labels = host.split("\\.", -1);
    for (String label : labels) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return invalid;
      }
    }
    // 10.0.0 or 999.1.1.1 are malformed addresses, not names: no top-level domain is all digits.
    return ALL_DIGITS.matcher(labels[labels.length - 1]).matches() ? invalid : null;
  }

  private static boolean ipv6(String host) {
    if (!IPV6_CHARACTERS.matcher(host).matches()) {
      return false;
    }
    try {
      // In brackets the JDK parses the literal and never resolves a name.
      InetAddress.getByName("[" + host + "]");
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static List<Integer> ports(Object value, Map<String, String> errors) {
    List<?> list = value instanceof List<?> given ? given : List.of();
    String problem = null;
    if (list.isEmpty()) {
      problem = value == null ? "is required" : "must be a non-empty list of TCP ports";
    } else if (list.size() > MAX_PORTS) {
      problem = "must name at most " + MAX_PORTS + " ports";
    } else if (!list.stream().allMatch(p -> p instanceof Integer port && port >= 1 && port <= 65535)) {
      problem = "must hold whole numbers from 1 to 65535";
    } else if (new HashSet<>(list).size() != list.size()) {
      problem = "must not name a port twice";
    }
    if (problem != null) {
      errors.put("ports", problem);
      return List.of();
    }
    return list.stream().map(Integer.class::cast).toList();
  }

  private static List<String> requiredParts(Object value, Map<String, String> errors) {
    if (value == null) {
      return List.of();
    }
    String problem = null;
    List<String> parts = new ArrayList<>();
    if (!(value instanceof List<?> list)) {
      problem = "must be a list of Redfish part names";
    } else if (list.size() > MAX_PARTS) {
      problem = "must name at most " + MAX_PARTS + " parts";
    } else {
      for (Object part : list) {
        if (!(part instanceof String s) || s.isBlank() || printable(s, MAX_PART) != null) {
          problem = "must hold part names (text of 1 to " + MAX_PART + " characters, no control characters)";
          break;
        }
        parts.add(s.strip());
      }
      if (problem == null && new HashSet<>(parts).size() != parts.size()) {
        problem = "must not name a part twice";
      }
    }
    if (problem != null) {
      errors.put("requiredParts", problem);
      return List.of();
    }
    return parts;
  }

  /** A value that says something: not null, not an empty list. */
  private static boolean present(Object value) {
    return value != null && !(value instanceof List<?> list && list.isEmpty());
  }

  /** Whether the group exists, not whether the caller may see it: asked without the caller's authorizations. */
  private static boolean groupExists(IdentityService identity, String groupId) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return identity.createGroupQuery().groupId(groupId).count() > 0;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
