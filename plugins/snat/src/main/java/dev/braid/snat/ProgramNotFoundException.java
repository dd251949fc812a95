package dev.braid.snat;

import java.io.IOException;

/** A command's program is not installed (not on the PATH nor at its configured path). */
public final class ProgramNotFoundException extends IOException {
    private final String program;

    public ProgramNotFoundException(String program, String where) {
        super(program + " not found (" + where + ")");
        this.program = program;
    }

    /** The program's name as asked for, e.g. {@code nft}. */
    public String program() {
        return program;
    }
}
