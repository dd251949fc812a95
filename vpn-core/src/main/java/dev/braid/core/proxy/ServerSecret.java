package dev.braid.core.proxy;

import dev.braid.core.files.FileProblems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The proxy's secret for answering unknown users with stable fake salts (so they look like wrong
 * passwords across restarts too). Kept beside the users file as {@code USERS.secret}, mode 0600.
 */
final class ServerSecret {
    private static final int LENGTH = 32;

    private ServerSecret() {}

    static byte[] of(ProxyConfig config) {
        Path file = Path.of(config.getUsers() + ".secret");
        try {
            if (Files.isRegularFile(file)) {
                byte[] secret = Files.readAllBytes(file);
                if (secret.length == LENGTH) {
                    return secret;
                }
            }
            byte[] secret = new byte[LENGTH];
            new SecureRandom().nextBytes(secret);
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret", ".tmp");
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            Files.write(temp, secret);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } catch (IOException e) {
            // The unit's braid user may not write /etc: the package's postinst makes the file.
            throw new UncheckedIOException("cannot keep the proxy secret at " + file + ": " + FileProblems.reason(file, e)
                    + "; make it once as root: head -c 32 /dev/urandom > " + file + " && chgrp braid " + file
                    + " && chmod 0640 " + file, e);
        }
    }
}
