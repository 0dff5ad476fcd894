package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The bodies of the file changes. */
final class FileRequests {

    private FileRequests() {}

    /** @param parents create missing parent directories too, and accept an existing directory */
    record Mkdir(@Schema(example = "/srv/data/reports") String path, Boolean parents) {}

    /** @param overwrite replace an existing file (never a directory) at {@code to} */
    record Rename(
            @Schema(example = "/srv/data/report.csv") String from,

            @Schema(example = "/srv/data/2026-11-report.csv")
            String to,

            Boolean overwrite) {}

    /** @param mode octal ({@code 0640}, {@code 755}) or symbolic ({@code u+x,go-w}) */
    record Chmod(
            @Schema(example = "/srv/app/run.sh") String path,
            @Schema(example = "0755") String mode,
            Boolean recursive) {}

    /** @param user a user name or numeric id; @param group a group name or numeric id; at least one of the two */
    record Chown(
            @Schema(example = "/srv/data") String path,
            @Schema(example = "1000") String user,
            @Schema(example = "www-data") String group,
            Boolean recursive) {}

    /** @param recursive delete directories with everything in them (otherwise only empty directories) */
    record Delete(
            @Schema(example = "[\"/tmp/a.log\", \"/tmp/old\"]")
            List<String> paths,

            Boolean recursive) {}
}
