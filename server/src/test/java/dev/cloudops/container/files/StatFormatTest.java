package dev.cloudops.container.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("stat records split by a per-call marker parse any file name, link targets included")
class StatFormatTest {

    private static final String M = "COmarker0123456789abcdef";

    private static List<byte[]> records(String output, int chunk) throws IOException {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        // Deliver the output a few bytes at a time, as a network stream would.
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        MarkedRecords marked = new MarkedRecords(in, M);
        List<byte[]> out = new ArrayList<>();
        byte[] r;
        while ((r = marked.next()) != null) {
            out.add(r);
        }
        return out;
    }

    @Test
    void parsesFilesLinksAndOddNames() throws IOException {
        String output = "noise before" + M + "|81a4|7|1000|1000|1795555561|1|app|app|/d/a b.txt\n"
                + M + "|a1ff|10|0|0|1795555561|1|root|root|/d/new\nline\nthe\ntarget\n"
                + M + "|41ed|4096|0|0|1795555561|2|UNKNOWN||/d/sub|dir\n"
                + M + "|81a4|3|0|0|0|1|root|root|/d/ünï\n";
        for (int chunk : new int[] {1, 7, 64, 100_000}) {
            List<byte[]> records = records(output, chunk);
            assertThat(records).hasSize(4);
            FileEntry file = StatFormat.parse(records.get(0));
            assertThat(file.name()).isEqualTo("a b.txt");
            assertThat(file.path()).isEqualTo("/d/a b.txt");
            assertThat(file.type()).isEqualTo("file");
            assertThat(file.mode()).isEqualTo("0644");
            assertThat(file.permissions()).isEqualTo("-rw-r--r--");
            assertThat(file.uid()).isEqualTo(1000);
            assertThat(file.user()).isEqualTo("app");
            assertThat(file.modified().getEpochSecond()).isEqualTo(1795555561L);
            FileEntry link = StatFormat.parse(records.get(1));
            assertThat(link.type()).isEqualTo("symlink");
            assertThat(link.name()).isEqualTo("new\nline");
            assertThat(link.linkTarget()).isEqualTo("the\ntarget");
            assertThat(link.permissions()).isEqualTo("lrwxrwxrwx");
            FileEntry dir = StatFormat.parse(records.get(2));
            assertThat(dir.name()).isEqualTo("sub|dir");
            assertThat(dir.user()).isNull();
            assertThat(dir.group()).isNull();
            assertThat(StatFormat.parse(records.get(3)).name()).isEqualTo("ünï");
        }
    }

    @Test
    void linksOfSizeZeroSplitAtTheLastNewline() {
        byte[] record = "|a1ff|0|0|0|0|1|root|root|/proc/self/exe\n/usr/bin/java\n".getBytes(StandardCharsets.UTF_8);
        FileEntry link = StatFormat.parse(record);
        assertThat(link.path()).isEqualTo("/proc/self/exe");
        assertThat(link.linkTarget()).isEqualTo("/usr/bin/java");
    }

    @Test
    void typesAndSpecialBits() {
        assertThat(StatFormat.type(0x1000)).isEqualTo("fifo");
        assertThat(StatFormat.type(0xC000)).isEqualTo("socket");
        assertThat(StatFormat.type(0x6000)).isEqualTo("block-device");
        assertThat(StatFormat.type(0x2000)).isEqualTo("char-device");
        assertThat(StatFormat.type(0)).isEqualTo("unknown");
        assertThat(StatFormat.permissions(0104755)).isEqualTo("-rwsr-xr-x");
        assertThat(StatFormat.permissions(0102644)).isEqualTo("-rw-r-Sr--");
        assertThat(StatFormat.permissions(041777)).isEqualTo("drwxrwxrwt");
        assertThat(StatFormat.permissions(041776)).isEqualTo("drwxrwxrwT");
        assertThat(StatFormat.permissions(020666)).isEqualTo("crw-rw-rw-");
        assertThat(StatFormat.octal(0104755)).isEqualTo("4755");
        assertThat(StatFormat.targetType("T|41ed\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("directory");
    }

    @Test
    void refusesWhatIsNotARecord() {
        for (String bad : List.of("", "garbage", "|zz|1|0|0|0|1|a|b|/x", "|81a4|x|0|0|0|1|a|b|/x")) {
            assertThatThrownBy(() -> StatFormat.parse(bad.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo("file-output-invalid"));
        }
    }

    @Test
    void noMarkerMeansNoRecords() throws IOException {
        assertThat(records("find: something went wrong\n", 5)).isEmpty();
        assertThat(records("", 5)).isEmpty();
    }

    @Test
    void refusesOversizedRecords() {
        String huge = M + "|81a4|1|0|0|0|1|a|b|/" + "x".repeat(200_000);
        assertThatThrownBy(() -> records(huge, 100_000)).isInstanceOf(ApiException.class);
    }

    @Test
    void byteFieldsKeepWhatTheyMayAndDropTheRest() throws IOException {
        ByteFields fields = new ByteFields(new ByteArrayInputStream("/a\0001:hello world\nrest".getBytes()));
        assertThat(new String(fields.next(0, 100))).isEqualTo("/a");
        assertThat(new String(fields.next('\n', 7))).isEqualTo("1:hello");
        assertThat(new String(fields.rest(100))).isEqualTo("rest");
        assertThat(fields.next('\n', 10)).isNull();
        assertThat(fields.rest(10)).isEmpty();
    }
}
