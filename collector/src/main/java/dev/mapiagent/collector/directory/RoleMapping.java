package dev.mapiagent.collector.directory;

import dev.mapiagent.collector.auth.Role;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Configured groups (LDAP group DNs, OIDC claim values) to collector roles; the highest matching role wins. */
final class RoleMapping {

    private final Map<String, Role> roles = new HashMap<>();
    private final UnaryOperator<String> key;

    /**
     * @param groupRoles group to role id; an unknown role id is a configuration error
     * @param key        how groups compare: DNs by their normalized form, claim values exactly
     */
    RoleMapping(Map<String, String> groupRoles, UnaryOperator<String> key) {
        this.key = key;
        groupRoles.forEach((group, roleId) -> roles.put(key.apply(group), Role.userRole(roleId).orElseThrow(() ->
                new IllegalArgumentException("role for " + group + " must be viewer, helpdesk or admin, not " + roleId))));
    }

    Optional<Role> highest(Collection<String> groups) {
        return groups.stream().map(g -> roles.get(key.apply(g))).filter(r -> r != null).max(Role::compareTo);
    }
}
