package dev.mapiagent.protocol;

/**
 * The MapiHttpDisabled switch as read; a null value means the value is absent.
 *
 * @param userKey     full path of the user key read
 * @param userValue   MapiHttpDisabled there, or null
 * @param policyKey   full path of the policy key read
 * @param policyValue MapiHttpDisabled there, or null
 */
public record MapiHttpSection(String userKey, Long userValue, String policyKey, Long policyValue) {
}
