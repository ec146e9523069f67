package io.vmlock.diag;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file could not be read or written, in words: Java's own messages are often just the
 * path again ("cannot write x: x") or a decoder's "Input length = 1".
 */
public final class IoReasons {
    private IoReasons() {
    }

    public static String of(Exception e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "a folder on its path is a file";
        if (e instanceof DirectoryNotEmptyException) return "it is a folder that is not empty";
        if (e instanceof MalformedInputException) return "not valid UTF-8";
        if (e instanceof FileSystemException f && f.getReason() != null) return lower(f.getReason());
        if (e instanceof IOException && e.getMessage() != null && !e.getMessage().isBlank()) return e.getMessage();
        return e.getClass().getSimpleName();
    }

    /** "Is a directory" -> "is a directory": the reason follows a colon. */
    private static String lower(String reason) {
        return reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
}
