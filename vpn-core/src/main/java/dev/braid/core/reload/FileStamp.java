package dev.braid.core.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What tells a file's versions apart without reading it: modification time, size and file key
 * (inode). An atomic save renames a new inode over the old name, so even a rewrite within the
 * same clock tick shows. {@link #ABSENT} when the file is not there.
 */
public record FileStamp(long modifiedNanos, long size, Object fileKey) {
    public static final FileStamp ABSENT = new FileStamp(-1, -1, null);

    public static FileStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return ABSENT;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileStamp stamp && modifiedNanos == stamp.modifiedNanos && size == stamp.size
                && Objects.equals(fileKey, stamp.fileKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modifiedNanos, size, fileKey);
    }
}
