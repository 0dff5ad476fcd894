package dev.cloudops.cli.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ServerUrl")
class ServerUrlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://ops.example.com, https://ops.example.com",
        "HTTPS://ops.example.com/, https://ops.example.com",
        "http://127.0.0.1:8080//, http://127.0.0.1:8080",
        "' http://[::1]:8080/cloudops/ ', http://[::1]:8080/cloudops"
    })
    @DisplayName("keeps scheme, host, port and base path, drops trailing slashes")
    void normalises(String input, String expected) {
        assertThat(ServerUrl.parse(input)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "localhost:8080",
                "ftp://host",
                "http://",
                "http://user:pw@host",
                "http://host?x=1",
                "http://host#top",
                "http://bad host"
            })
    @DisplayName("rejects anything but an absolute http(s) URL with a host")
    void rejects(String input) {
        assertThatThrownBy(() -> ServerUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid server URL '" + input + "'");
    }
}
