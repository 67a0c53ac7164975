package org.sis2sds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A profile file ({@code profile create|update FILE.json}): JSON in which {@code ${NAME}} stands for the environment
 * variable NAME, so that secrets stay out of the file. Every problem is a usage error (exit 2) in one sentence that
 * quotes the file as written, never a value from the environment.
 */
final class ProfileFile {
    static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ObjectMapper JSON = SdsCommand.JSON;

    private ProfileFile() {
    }

    /** Reads {@code file}, replacing each {@code ${NAME}} by {@code env.apply(NAME)} (as a JSON string's content). */
    static JsonNode read(Path file, Function<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CliException(SdsCommand.USAGE, "The profile file " + file + " does not exist.");
        } catch (IOException e) {
            throw new CliException(SdsCommand.USAGE, "The profile file " + file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse("") + ".");
        }
        Matcher m = ENV_REF.matcher(text);
        StringBuilder sb = new StringBuilder();
        try {
            while (m.find()) {
                String v = env.apply(m.group(1));
                if (v == null) {
                    throw new CliException(SdsCommand.USAGE, "The profile file " + file + " needs the environment "
                            + "variable " + m.group(1) + "; set it and try again.");
                }
                String quoted = JSON.writeValueAsString(v);
                m.appendReplacement(sb, Matcher.quoteReplacement(quoted.substring(1, quoted.length() - 1)));
            }
            m.appendTail(sb);
            return JSON.readTree(sb.toString());
        } catch (IOException e) {
            // the parser quotes what it stumbled on: explain with the file as written, never with a secret in it
            String why;
            try {
                JSON.readTree(text);
                why = "a value from the environment does not fit where its ${NAME} stands";
            } catch (IOException asWritten) {
                why = asWritten.getMessage().lines().findFirst().orElse("");
            }
            throw new CliException(SdsCommand.USAGE, "The profile file " + file + " is not valid JSON: " + why + ".");
        }
    }
}
