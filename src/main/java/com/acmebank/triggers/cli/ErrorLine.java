package com.acmebank.triggers.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns an exception into the one line a user reads: what failed and, when it differs, the root cause. */
final class ErrorLine {
    /** Set TRIGGER_DEBUG=1 (or true) to see stack traces and the Kafka clients' own warnings. */
    static final String DEBUG_VARIABLE = "TRIGGER_DEBUG";

    private ErrorLine() {}

    static boolean debug() {
        String value = System.getenv(DEBUG_VARIABLE);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /** One line for any exception: its own message, then the root cause if that says something more. */
    static String of(Throwable t) {
        Throwable top = unwrap(t);
        Throwable root = top;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String line = describe(top);
        if (root != top) {
            String cause = describe(root);
            if (!line.contains(cause)) {
                line = line + " (cause: " + cause + ")";
            }
        }
        return oneLine(line);
    }

    /** Why a file operation failed, without the file name: "no such file or folder", "permission denied", ... */
    static String reason(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? oneLine(f.getReason()) : f.getClass().getSimpleName();
        }
        return of(e);
    }

    /** The message of the innermost cause: what really went wrong, without the layers that passed it on. */
    static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? oneLine(root.getMessage()) : of(root);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof UncheckedIOException || e instanceof ExecutionException || e instanceof CompletionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String describe(Throwable t) {
        if (t instanceof FileSystemException f && f.getFile() != null) {
            String line = f.getFile() + ": " + reason(f);
            return f.getOtherFile() == null ? line : line + " (" + f.getOtherFile() + ")";
        }
        String message = t.getMessage();
        String type = t.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        // a plain IOException's message says all (the engine's own file errors); other types are part of the story
        return t.getClass() == java.io.IOException.class ? message : type + ": " + message;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
