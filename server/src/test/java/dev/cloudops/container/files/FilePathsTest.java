package dev.cloudops.container.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Container paths are absolute and normalised; NUL, relative and over-long paths are refused")
class FilePathsTest {

    @ParameterizedTest
    @CsvSource({
        "/, /",
        "//, /",
        "/etc/, /etc",
        "/etc//nginx/./conf.d/, /etc/nginx/conf.d",
        "/a/b/../c, /a/c",
        "/../../etc, /etc",
        "/a/.., /",
        "'/with space/ü', '/with space/ü'",
        "/a/...., /a/...."
    })
    void normalises(String raw, String normal) {
        assertThat(FilePaths.normalize(raw, "path")).isEqualTo(normal);
    }

    @Test
    void keepsNewlines() {
        assertThat(FilePaths.normalize("/tmp/new\nline", "path")).isEqualTo("/tmp/new\nline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "etc", "./etc", "~/x", "/a\u0000b"})
    void refuses(String raw) {
        assertThatThrownBy(() -> FilePaths.normalize(raw, "from")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("invalid-path");
            assertThat(e.field()).isEqualTo("from");
        });
    }

    @Test
    void refusesNullAndOverlongPaths() {
        assertThatThrownBy(() -> FilePaths.normalize(null, "path")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> FilePaths.normalize("/" + "a".repeat(256), "path"))
                .hasMessageContaining("255");
        assertThatThrownBy(() -> FilePaths.normalize("/a".repeat(2100), "path")).hasMessageContaining("4096");
    }

    @Test
    void relations() {
        assertThat(FilePaths.parent("/a/b")).isEqualTo("/a");
        assertThat(FilePaths.parent("/a")).isEqualTo("/");
        assertThat(FilePaths.parent("/")).isEqualTo("/");
        assertThat(FilePaths.name("/a/b c")).isEqualTo("b c");
        assertThat(FilePaths.join("/", "x")).isEqualTo("/x");
        assertThat(FilePaths.join("/a", "x")).isEqualTo("/a/x");
        assertThat(FilePaths.within("/a/b", "/a")).isTrue();
        assertThat(FilePaths.within("/ab", "/a")).isFalse();
        assertThat(FilePaths.within("/x", "/")).isTrue();
        assertThat(FilePaths.relative("/a/b/c", "/a")).isEqualTo("b/c");
        assertThat(FilePaths.relative("/a", "/")).isEqualTo("a");
    }

    @Test
    void commonParent() {
        assertThat(FilePaths.commonParent(List.of("/srv/a", "/srv/b"))).isEqualTo("/srv");
        assertThat(FilePaths.commonParent(List.of("/srv/a/x", "/srv/b/y"))).isEqualTo("/srv");
        assertThat(FilePaths.commonParent(List.of("/etc/hosts", "/var/log"))).isEqualTo("/");
        assertThat(FilePaths.commonParent(List.of("/srv/a"))).isEqualTo("/srv");
        assertThat(FilePaths.commonParent(List.of("/srv", "/srv/a/b"))).isEqualTo("/");
    }

    @Test
    void outermostDropsNestedAndDuplicatePaths() {
        assertThat(FileDownloads.outermost(List.of("/a/b", "/c", "/a", "/c", "/ab")))
                .containsExactly("/c", "/a", "/ab");
    }

    @Test
    void trailingZerosAcrossChunks() {
        assertThat(FileDownloads.trailingZeros(new byte[] {1, 0, 0}, 3, 7)).isEqualTo(2);
        assertThat(FileDownloads.trailingZeros(new byte[] {0, 0, 0, 9}, 3, 7)).isEqualTo(10);
        assertThat(FileDownloads.trailingZeros(new byte[] {0, 0, 5}, 3, 7)).isZero();
    }
}
