package io.policywatch.broker;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of the broker's command-line entry points. */
final class CommandLine {

    private final Map<String, String> options;

    private CommandLine(Map<String, String> options) {
        this.options = options;
    }

    static CommandLine parse(String[] args, String usage) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: " + usage + "; not understood: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return new CommandLine(options);
    }

    String get(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    int getInt(String name, int defaultValue) {
        return Integer.parseInt(get(name, String.valueOf(defaultValue)));
    }
}
