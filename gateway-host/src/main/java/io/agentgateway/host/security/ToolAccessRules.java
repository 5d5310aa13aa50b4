package io.agentgateway.host.security;

import static io.agentgateway.host.config.ConfigValues.map;
import static io.agentgateway.host.config.ConfigValues.mapList;
import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tools a caller may use, read from security.yaml. Patterns are globs on tool names ({@code *}, {@code ?}).
 *
 * <pre>{@code
 * default:
 *   local_tools_allowlist: ["*"]      # tools every key may call (default ["*"])
 *   tools_denylist: []                # tools no key may call
 * api_keys:
 *   - id: dev
 *     tools_allowlist: ["summarize_*"]   # replaces the default allowlist for this key
 *     tools_denylist: ["http_*"]         # added to the default denylist
 * agent_tools:                           # per agent; the first entry whose glob matches the agent id applies
 *   - agent: "default/assistant"
 *     allow: ["summarize_text", "http_echo"]
 *     deny: []
 * }</pre>
 *
 * A call is allowed when the key's allowlist matches, no denylist matches, and, for a call made by an agent, the
 * agent's entry (if any) allows it too.
 */
public final class ToolAccessRules {

    private static final String FILE = "security.yaml";

    /** A rule set that allows every tool to every caller. */
    public static final ToolAccessRules ALLOW_ALL = new ToolAccessRules(List.of("*"), List.of(), Map.of(), List.of());

    private final List<String> defaultAllow;
    private final List<String> defaultDeny;
    private final Map<String, KeyRule> keys;
    private final List<AgentRule> agents;

    private record KeyRule(List<String> allow, List<String> deny) {
    }

    private record AgentRule(String agentPattern, List<String> allow, List<String> deny) {
    }

    /** Why a call is allowed or refused; the reason names the rule, never a secret. */
    public record Decision(boolean allowed, String reason) {
    }

    private ToolAccessRules(List<String> defaultAllow, List<String> defaultDeny, Map<String, KeyRule> keys,
            List<AgentRule> agents) {
        this.defaultAllow = List.copyOf(defaultAllow);
        this.defaultDeny = List.copyOf(defaultDeny);
        this.keys = Map.copyOf(keys);
        this.agents = List.copyOf(agents);
    }

    /**
     * @param securityYaml the whole of security.yaml as a map (empty allows everything)
     * @throws ConfigException when a list holds something other than strings
     */
    public static ToolAccessRules fromSecurityYaml(Map<String, Object> securityYaml) {
        requireNonNull(securityYaml, "securityYaml is null");
        Map<String, Object> defaults = map(securityYaml, "default", FILE);
        List<String> allow = strings(defaults, "local_tools_allowlist", FILE + " default");
        List<String> deny = strings(defaults, "tools_denylist", FILE + " default");
        Map<String, KeyRule> keys = new LinkedHashMap<>();
        for (Map<String, Object> key : mapList(securityYaml, "api_keys", FILE)) {
            Object id = key.get("id");
            String where = FILE + " api_keys[" + id + "]";
            if (id != null && (key.containsKey("tools_allowlist") || key.containsKey("tools_denylist"))) {
                keys.put(String.valueOf(id), new KeyRule(
                        key.containsKey("tools_allowlist") ? strings(key, "tools_allowlist", where) : null,
                        strings(key, "tools_denylist", where)));
            }
        }
        List<AgentRule> agents = new ArrayList<>();
        for (Map<String, Object> rule : mapList(securityYaml, "agent_tools", FILE)) {
            if (rule.get("agent") == null) {
                throw new ConfigException(FILE + ": every agent_tools entry needs an 'agent' pattern");
            }
            String where = FILE + " agent_tools[" + rule.get("agent") + "]";
            List<String> agentAllow = rule.containsKey("allow") ? strings(rule, "allow", where) : List.of("*");
            agents.add(new AgentRule(String.valueOf(rule.get("agent")), agentAllow, strings(rule, "deny", where)));
        }
        return new ToolAccessRules(defaults.containsKey("local_tools_allowlist") ? allow : List.of("*"), deny, keys,
                agents);
    }

    /**
     * @param tool the tool's registered name
     * @param keyId the caller's API key id, or null
     * @param agentId the calling agent's qualified id, or null for a direct call (MCP endpoint)
     */
    public Decision check(String tool, String keyId, String agentId) {
        KeyRule key = keyId == null ? null : keys.get(keyId);
        List<String> allow = key != null && key.allow() != null ? key.allow() : defaultAllow;
        if (!Glob.matchesAny(allow, tool)) {
            return new Decision(false, key != null && key.allow() != null
                    ? "not in tools_allowlist of key '" + keyId + "'" : "not in default.local_tools_allowlist");
        }
        if (Glob.matchesAny(defaultDeny, tool)) {
            return new Decision(false, "in default.tools_denylist");
        }
        if (key != null && Glob.matchesAny(key.deny(), tool)) {
            return new Decision(false, "in tools_denylist of key '" + keyId + "'");
        }
        if (agentId != null) {
            for (AgentRule rule : agents) {
                if (Glob.matches(rule.agentPattern(), agentId)) {
                    if (!Glob.matchesAny(rule.allow(), tool) || Glob.matchesAny(rule.deny(), tool)) {
                        return new Decision(false, "refused by agent_tools entry '" + rule.agentPattern() + "'");
                    }
                    break;
                }
            }
        }
        return new Decision(true, "allowed");
    }

    /** Unlike {@link io.agentgateway.host.config.ConfigValues#stringList}, refuses a lone string or non-strings. */
    private static List<String> strings(Map<String, Object> node, String key, String where) {
        Object value = node.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new ConfigException(where + ": '" + key + "' must be a list of strings");
    }
}
