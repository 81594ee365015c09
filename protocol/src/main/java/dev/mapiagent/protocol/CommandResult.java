package dev.mapiagent.protocol;

/**
 * What an agent reports after running a command: {@code POST /api/v1/commands/{id}/result}.
 * Its JSON Schema is {@code command-result.schema.json} beside this class.
 *
 * @param status   succeeded, failed or refused (refused: local policy does not allow the actions)
 * @param exitCode the heal exit code (DESIGN.md §4)
 * @param message  a one-line outcome, or null
 * @param before   the diagnosis before the heal, or null
 * @param after    the diagnosis after the heal, or null
 */
public record CommandResult(CommandStatus status, int exitCode, String message, Report before, Report after) {
}
