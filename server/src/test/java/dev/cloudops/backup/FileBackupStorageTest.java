package dev.cloudops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("File backup storage: owner-only files, visible only when committed, nothing left behind")
class FileBackupStorageTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("a committed file is readable with mode 0600; an uncommitted one never appears")
    void commitAndAbort() throws IOException {
        FileBackupStorage storage = new FileBackupStorage(root);
        try (BackupStorage.Upload upload = storage.create("7/123-abc/archive.cobk")) {
            upload.stream().write(new byte[] {1, 2, 3});
            upload.commit();
        }
        assertThat(storage.size("7/123-abc/archive.cobk")).isEqualTo(3);
        try (InputStream in = storage.open("7/123-abc/archive.cobk")) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("7/123-abc/archive.cobk"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("7/123-abc"))))
                .isEqualTo("rwx------");
        try (BackupStorage.Upload upload = storage.create("7/123-abc/manifest.cobk")) {
            upload.stream().write(9);
        }
        assertThatThrownBy(() -> storage.open("7/123-abc/manifest.cobk")).isInstanceOf(NoSuchFileException.class);
        try (var files = Files.list(root.resolve("7/123-abc"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("archive.cobk");
        }
        assertThat(storage.describe())
                .isEqualTo(root.toAbsolutePath().normalize().toString());
    }

    @Test
    @DisplayName("delete removes the file, half-written copies and the emptied folders; keys must be plain paths")
    void deleteAndKeys() throws IOException {
        FileBackupStorage storage = new FileBackupStorage(root);
        BackupStorage.Upload left = storage.create("3/9-x/archive.cobk");
        left.stream().write(1); // a replica that stopped mid-write leaves this behind
        storage.delete("3/9-x/archive.cobk");
        storage.delete("3/9-x/manifest.cobk");
        assertThat(Files.exists(root.resolve("3"))).isFalse();
        assertThat(Files.exists(root)).isTrue();
        left.stream().close();
        for (String bad : new String[] {"../x", "a//b", "/abs", "A/b", "a/../b"}) {
            assertThatThrownBy(() -> storage.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
