package dev.mapiagent.agent.heal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The rule that keeps heal and undo inside what they own: a path is built from its journal text one plain name at a
 * time under LocalAppData (no "..", no root, no drive, no separator inside a name), and no folder or file on the way
 * from LocalAppData to it may be a link. A link is never followed, because the agent may run with more rights than the
 * person who made the link (Intune runs remediations as SYSTEM).
 */
final class OwnedFolders {

    private OwnedFolders() {
    }

    /**
     * {@code relative} ("/"-separated, as journals keep it) under {@code base}, without following anything.
     *
     * @throws UnsafePathException when it is not a plain relative path
     */
    static Path resolve(Path base, String relative) {
        if (relative == null || relative.isEmpty()) {
            throw new UnsafePathException("the journal names an empty path");
        }
        Path path = base;
        for (String name : relative.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("\\") || name.contains(":")) {
                throw new UnsafePathException("the journal names a path that is not a plain path under LocalAppData: "
                        + shown(relative));
            }
            path = path.resolve(name);
        }
        return path;
    }

    /** Throws when {@code path} or a folder between {@code base} and it is a symbolic link or a junction. */
    static void requireNoLink(Path base, Path path) {
        Path relative = base.relativize(path);
        Path current = base;
        for (Path name : relative) {
            current = current.resolve(name.toString());
            if (isLink(current)) {
                throw new UnsafePathException(current + " is a link (symbolic link, junction or special file); the agent"
                        + " does not act through links: refused");
            }
        }
    }

    private static boolean isLink(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            // a Windows junction is neither a link nor a folder to Java: "other"
            return attributes.isSymbolicLink() || attributes.isOther();
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UnsafePathException("cannot check " + path + " for links: " + e.getMessage());
        }
    }

    private static String shown(String path) {
        String oneLine = path.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
