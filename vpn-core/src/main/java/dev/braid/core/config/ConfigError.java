package dev.braid.core.config;

/**
 * One problem in a config file. Printed as {@code FILE:LINE: key.path: message}; the line is
 * 1-based, 0 when unknown (then printed as {@code FILE: key.path: message}); the path is empty for
 * file-level problems such as syntax errors.
 */
public record ConfigError(String file, int line, String path, String message) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
