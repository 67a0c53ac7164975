package org.sis2sds.cli;

import java.util.List;

/**
 * Commands that live outside the product jar and join {@code bin/sis2sds} when their jar is on the class path
 * (found with {@link java.util.ServiceLoader}). The sandbox jar provides {@code demo} and {@code sandbox} this way,
 * so the product itself never loads a sandbox class.
 */
public interface CommandProvider {
    /** Picocli command objects (annotated with {@code @Command}), each added under its own name. */
    List<Object> commands();
}
