package dev.mapiagent.agent.cli;

import dev.mapiagent.protocol.HealAction;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an action by its id ("enable-mapihttp"), as in policies and commands. */
final class HealActionConverter implements ITypeConverter<HealAction> {

    static final String ALL = Arrays.stream(HealAction.values()).map(HealAction::id).collect(Collectors.joining(", "));

    @Override
    public HealAction convert(String value) {
        return HealAction.byId(value).orElseThrow(() ->
                new TypeConversionException("unknown action '" + value + "' (one of: " + ALL + ")"));
    }
}
