package com.acmebank.triggers.cli;

/** Ends a command with an exit code after its problem was already reported to the user. */
final class CommandFailure extends Exception {
    private final int exitCode;

    CommandFailure(int exitCode) {
        super(null, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
