package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.Srp;
import dev.braid.core.files.FileProblems;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The proxy's users file: one user per line, {@code name:argon2 m,t,p:salt-base64:verifier-base64},
 * blank lines and {@code #} comments kept as they are when the file is rewritten. Saving is atomic
 * (temporary file in the same directory, then rename); a new file is mode 0600, a replaced one keeps
 * its mode (less any bit for others) and group (the package's 0640 root:braid lets the unprivileged service read it).
 *
 * <p>Methods are synchronized so the proxy may look users up while an admin command edits a copy.
 */
public final class UsersFile implements VerifierStore {

    private static final String ARGON2_PREFIX = "argon2 ";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = PosixFilePermissions.fromString("------rwx");

    /** A line as read: either a user, or text kept verbatim (comment or blank). */
    private record Line(String text, UserRecord user) {
    }

    private final List<Line> lines = new ArrayList<>();
    /** The users' costs, kept until the users change. */
    private List<Argon2Params> costs;

    /** An empty users file. */
    public UsersFile() {
    }

    /**
     * @throws UsersFileException if the file is missing, unreadable or has a bad line
     */
    public static UsersFile load(Path path) throws UsersFileException {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        } catch (NoSuchFileException e) {
            throw new UsersFileException(FileProblems.missingDirectory(path)
                    .map(missing -> "cannot read users file " + path + ": " + missing)
                    .orElse("users file " + path + " does not exist (create it with: braid user add NAME --users " + path + ")"));
        } catch (IOException e) {
            throw new UsersFileException("cannot read users file " + path + ": " + FileProblems.reason(path, e), e);
        }
    }

    /** Like {@link #load}, but a missing file is an empty one (for adding the first user). */
    public static UsersFile loadOrEmpty(Path path) throws UsersFileException {
        return Files.exists(path) ? load(path) : new UsersFile();
    }

    /**
     * @param sourceName used in error messages, e.g. the file name
     */
    public static UsersFile parse(String text, String sourceName) throws UsersFileException {
        UsersFile file = new UsersFile();
        String[] rawLines = text.split("\r?\n", -1);
        int count = text.endsWith("\n") ? rawLines.length - 1 : rawLines.length;
        for (int i = 0; i < count; i++) {
            String raw = rawLines[i];
            String trimmed = raw.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                file.lines.add(new Line(raw, null));
                continue;
            }
            String where = sourceName + ":" + (i + 1) + ": ";
            UserRecord user = parseUser(trimmed, where);
            if (file.find(user.username()) >= 0) {
                throw new UsersFileException(where + "user '" + user.username() + "' is listed twice");
            }
            file.lines.add(new Line(null, user));
        }
        return file;
    }

    private static UserRecord parseUser(String line, String where) throws UsersFileException {
        String[] fields = line.split(":", -1);
        if (fields.length != 4) {
            throw new UsersFileException(where + "expected 'name:argon2 m,t,p:salt:verifier' (4 fields separated "
                    + "by ':'), found " + fields.length + " field(s)");
        }
        String name = fields[0];
        String problem = Usernames.problem(name);
        if (problem != null) {
            throw new UsersFileException(where + problem);
        }
        if (!fields[1].startsWith(ARGON2_PREFIX)) {
            throw new UsersFileException(where + "second field must be 'argon2 m,t,p', found '" + fields[1] + "'");
        }
        Argon2Params argon2;
        try {
            argon2 = Argon2Params.parse(fields[1].substring(ARGON2_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UsersFileException(where + e.getMessage());
        }
        String refused = ClientLoginOptions.argon2Refusal(argon2, ClientLoginOptions.DEFAULT_MAX_ARGON2_MEMORY_KIB);
        if (refused != null) {
            throw new UsersFileException(where + "clients refuse " + refused);
        }
        byte[] salt = base64(fields[2], "salt", LoginMessages.SALT_LENGTH, where);
        byte[] verifier = base64(fields[3], "verifier", Srp.PUBLIC_VALUE_LENGTH, where);
        return new UserRecord(name, salt, verifier, argon2);
    }

    private static byte[] base64(String text, String field, int length, String where) throws UsersFileException {
        byte[] value;
        try {
            value = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new UsersFileException(where + field + " is not valid base64");
        }
        if (value.length != length) {
            throw new UsersFileException(where + field + " must be " + length + " bytes, found " + value.length);
        }
        return value;
    }

    @Override
    public synchronized Optional<UserRecord> lookup(String username) {
        int index = find(username);
        return index < 0 ? Optional.empty() : Optional.of(lines.get(index).user());
    }

    @Override
    public synchronized List<Argon2Params> costsInUse() {
        if (costs == null) {
            costs = list().stream().map(UserRecord::argon2).toList();
        }
        return costs;
    }

    /** Users in file order. */
    public synchronized List<UserRecord> list() {
        return lines.stream().filter(l -> l.user() != null).map(Line::user).toList();
    }

    /**
     * Adds a user at the end, or replaces one in place when {@code replace} is set.
     *
     * @throws UsersFileException if the user exists and {@code replace} is false
     */
    public synchronized void add(UserRecord user, boolean replace) throws UsersFileException {
        int index = find(user.username());
        if (index >= 0 && !replace) {
            throw new UsersFileException("user '" + user.username() + "' already exists (use --replace to change it)");
        }
        if (index >= 0) {
            lines.set(index, new Line(null, user));
        } else {
            lines.add(new Line(null, user));
        }
        costs = null;
    }

    /** @return whether the user existed */
    public synchronized boolean remove(String username) {
        int index = find(username);
        if (index >= 0) {
            lines.remove(index);
            costs = null;
        }
        return index >= 0;
    }

    /** The file's text. */
    public synchronized String format() {
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            out.append(line.user() == null ? line.text() : formatUser(line.user())).append('\n');
        }
        return out.toString();
    }

    /**
     * Writes atomically: temp file (0600, or the replaced file's mode less others' bits, and its group) in the same
     * directory, fsync, rename over the target.
     */
    public void save(Path path) throws IOException {
        byte[] content = format().getBytes(StandardCharsets.UTF_8);
        Path target = path.toAbsolutePath();
        Path directory = target.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp", attributes);
        try {
            if (posix && Files.exists(target)) {
                Files.setAttribute(temp, "posix:group", Files.getAttribute(target, "posix:group"));
                Set<PosixFilePermission> kept = Files.getPosixFilePermissions(target);
                kept.removeAll(OTHERS); // a users file is never for everyone, whatever it was
                Files.setPosixFilePermissions(temp, kept);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                out.write(content);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String formatUser(UserRecord user) {
        Base64.Encoder encoder = Base64.getEncoder();
        return user.username() + ":" + ARGON2_PREFIX + user.argon2().format() + ":"
                + encoder.encodeToString(user.salt()) + ":" + encoder.encodeToString(user.verifier());
    }

    private int find(String username) {
        for (int i = 0; i < lines.size(); i++) {
            UserRecord user = lines.get(i).user();
            if (user != null && user.username().equals(username)) {
                return i;
            }
        }
        return -1;
    }
}
