package dev.cloudops.container.files;

import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.error.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** mkdir, rename, delete, chmod and chown: each validated, authorised for writing, run and recorded. */
@Service
class FileChanges {

    static final int MAX_BATCH = 1000;

    private static final Pattern OCTAL = Pattern.compile("[0-7]{3,4}");
    private static final Pattern SYMBOLIC =
            Pattern.compile("[ugoa]*([-+=]([rwxXst]*|[ugo]))+(,[ugoa]*([-+=]([rwxXst]*|[ugo]))+)*");
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}\\$?");

    private final FileAccess access;
    private final FileCommands commands;

    FileChanges(FileAccess access, FileCommands commands) {
        this.access = access;
        this.commands = commands;
    }

    FileEntry mkdir(FileAccess.Target target, FileRequests.Mkdir request) {
        String path = FilePaths.normalize(request.path(), "path");
        boolean parents = Boolean.TRUE.equals(request.parents());
        ContainerRef ref = access.writing(target);
        return access.recorded(
                ref,
                "mkdir " + (parents ? "-p " : "") + path,
                () -> {
                    String marker = MarkedRecords.newMarker();
                    FileCommands.Output out = commands.run(
                            ref, Scripts.MKDIR, List.of(path, flag(parents), StatFormat.format(marker)), 64 * 1024);
                    // Without parents, "not found" is about the parent directory.
                    String subject = out.exitCode() == Scripts.NOT_FOUND ? FilePaths.parent(path) : path;
                    FileCommands.check(out.exitCode(), out.firstError(), subject, "path");
                    return parse(out, marker, path);
                },
                entry -> null);
    }

    FileEntry rename(FileAccess.Target target, FileRequests.Rename request) {
        String from = FilePaths.normalize(request.from(), "from");
        String to = FilePaths.normalize(request.to(), "to");
        if (from.equals("/")) {
            throw ApiException.badRequest("invalid-path", "/ cannot be renamed", "from");
        }
        if (FilePaths.within(to, from)) {
            throw ApiException.badRequest(
                    "invalid-path", "'" + FilePaths.abbreviate(to) + "' is " + from + " or lies inside it", "to");
        }
        boolean overwrite = Boolean.TRUE.equals(request.overwrite());
        ContainerRef ref = access.writing(target);
        return access.recorded(
                ref,
                "rename " + from + " -> " + to,
                () -> {
                    String marker = MarkedRecords.newMarker();
                    FileCommands.Output out = commands.run(
                            ref,
                            Scripts.RENAME,
                            List.of(from, to, flag(overwrite), StatFormat.format(marker)),
                            64 * 1024);
                    switch (out.exitCode()) {
                        case Scripts.NOT_FOUND, Scripts.PERMISSION ->
                            FileCommands.check(out.exitCode(), out.firstError(), from, "from");
                        case Scripts.NOT_A_DIRECTORY ->
                            FileCommands.check(Scripts.NOT_FOUND, out.firstError(), FilePaths.parent(to), "to");
                        default -> FileCommands.check(out.exitCode(), out.firstError(), to, "to");
                    }
                    return parse(out, marker, to);
                },
                entry -> null);
    }

    FileEntry chmod(FileAccess.Target target, FileRequests.Chmod request) {
        String path = FilePaths.normalize(request.path(), "path");
        String mode = request.mode() == null ? "" : request.mode().trim();
        if (!OCTAL.matcher(mode).matches() && !SYMBOLIC.matcher(mode).matches() || mode.startsWith("-")) {
            throw ApiException.badRequest(
                    "invalid-mode",
                    "mode must be octal (0755) or symbolic (u+x,go-w; start with u, g, o, a, + or =)",
                    "mode");
        }
        boolean recursive = Boolean.TRUE.equals(request.recursive());
        ContainerRef ref = access.writing(target);
        return access.recorded(
                ref,
                "chmod " + (recursive ? "-R " : "") + mode + " " + path,
                () -> stat(ref, Scripts.CHMOD, path, List.of(mode, flag(recursive), path), "path"),
                entry -> entry.mode());
    }

    FileEntry chown(FileAccess.Target target, FileRequests.Chown request) {
        String path = FilePaths.normalize(request.path(), "path");
        String user = blankToNull(request.user());
        String group = blankToNull(request.group());
        if (user == null && group == null) {
            throw ApiException.badRequest("invalid-owner", "give a user, a group or both", "user");
        }
        if (user != null && !OWNER.matcher(user).matches()) {
            throw ApiException.badRequest("invalid-owner", "user must be a user name or a numeric id", "user");
        }
        if (group != null && !OWNER.matcher(group).matches()) {
            throw ApiException.badRequest("invalid-owner", "group must be a group name or a numeric id", "group");
        }
        String owner = (user == null ? "" : user) + (group == null ? "" : ":" + group);
        boolean recursive = Boolean.TRUE.equals(request.recursive());
        ContainerRef ref = access.writing(target);
        return access.recorded(
                ref,
                "chown " + (recursive ? "-R " : "") + owner + " " + path,
                () -> stat(ref, Scripts.CHOWN, path, List.of(owner, flag(recursive), path), "path"),
                entry -> entry.uid() + ":" + entry.gid());
    }

    /**
     * Deletes one path.
     *
     * @throws ApiException 404 file-not-found, 409 directory-not-empty, 403 file-permission-denied
     */
    void delete(FileAccess.Target target, String rawPath, boolean recursive) {
        String path = deletable(rawPath, "path");
        deleteAll(target, List.of(path), recursive, true);
    }

    /** Deletes each path, as far as it can; says path by path what happened. */
    DeleteResult delete(FileAccess.Target target, FileRequests.Delete request) {
        List<String> raw = request.paths();
        if (raw == null || raw.isEmpty() || raw.size() > MAX_BATCH) {
            throw ApiException.badRequest("invalid-field", "paths must hold 1–" + MAX_BATCH + " paths", "paths");
        }
        LinkedHashSet<String> paths = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            paths.add(deletable(raw.get(i), "paths[" + i + "]"));
        }
        return deleteAll(target, new ArrayList<>(paths), Boolean.TRUE.equals(request.recursive()), false);
    }

    /** @param single fail with the path's problem when it was not deleted */
    private DeleteResult deleteAll(FileAccess.Target target, List<String> paths, boolean recursive, boolean single) {
        ContainerRef ref = access.writing(target);
        List<String> args = new ArrayList<>(paths.size() + 1);
        args.add(flag(recursive));
        args.addAll(paths);
        String what = "delete " + (recursive ? "-r " : "") + String.join(" ", paths);
        return access.recorded(
                ref,
                what,
                () -> {
                    FileCommands.Output out = commands.run(ref, Scripts.DELETE, args, 64 * 1024);
                    FileCommands.check(out.exitCode(), out.firstError(), paths.get(0), "paths");
                    String[] codes = new String(out.stdout(), StandardCharsets.US_ASCII).split("\n");
                    List<DeleteResult.Outcome> results = new ArrayList<>();
                    int deleted = 0;
                    for (int i = 0; i < paths.size(); i++) {
                        String code = i < codes.length ? codes[i].trim() : "1";
                        if (code.equals("0")) {
                            deleted++;
                            results.add(new DeleteResult.Outcome(paths.get(i), true, null, null));
                        } else {
                            results.add(outcome(paths.get(i), code, out.firstError()));
                        }
                    }
                    DeleteResult.Outcome first = results.get(0);
                    if (single && !first.deleted()) {
                        FileCommands.check(codeOf(first.code()), out.firstError(), first.path(), "path");
                    }
                    return new DeleteResult(deleted, paths.size() - deleted, results);
                },
                result -> result.deleted() + " deleted, " + result.failed() + " failed");
    }

    private static DeleteResult.Outcome outcome(String path, String code, String stderr) {
        String shown = "'" + FilePaths.abbreviate(path) + "'";
        return switch (code) {
            case "90" -> new DeleteResult.Outcome(path, false, "file-not-found", shown + " does not exist");
            case "94" ->
                new DeleteResult.Outcome(
                        path, false, "file-permission-denied", "The container's user may not delete " + shown);
            case "95" ->
                new DeleteResult.Outcome(
                        path, false, "directory-not-empty", shown + " is not empty; set recursive=true");
            default ->
                new DeleteResult.Outcome(path, false, "file-operation-failed", stderr.isEmpty() ? "rm failed" : stderr);
        };
    }

    private static int codeOf(String problem) {
        return switch (problem) {
            case "file-not-found" -> Scripts.NOT_FOUND;
            case "file-permission-denied" -> Scripts.PERMISSION;
            case "directory-not-empty" -> Scripts.NOT_EMPTY;
            default -> 1;
        };
    }

    private static String deletable(String raw, String field) {
        String path = FilePaths.normalize(raw, field);
        if (path.equals("/")) {
            throw ApiException.badRequest("invalid-path", "/ cannot be deleted", field);
        }
        return path;
    }

    /** Runs a script that ends with the stat of {@code path} and answers it. */
    private FileEntry stat(ContainerRef ref, String script, String path, List<String> args, String field) {
        String marker = MarkedRecords.newMarker();
        List<String> all = new ArrayList<>(args);
        all.add(StatFormat.format(marker));
        FileCommands.Output out = commands.run(ref, script, all, 64 * 1024);
        FileCommands.check(out.exitCode(), out.firstError(), path, field);
        return parse(out, marker, path);
    }

    private static FileEntry parse(FileCommands.Output out, String marker, String path) {
        try {
            byte[] record = new MarkedRecords(new ByteArrayInputStream(out.stdout()), marker).next();
            if (record == null) {
                throw FileCommands.checkFailed(path);
            }
            return StatFormat.parse(record);
        } catch (IOException e) {
            throw FileCommands.checkFailed(path);
        }
    }

    private static String flag(boolean on) {
        return on ? "1" : "0";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
