package dev.cloudops.analysis.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Kubernetes quantities")
class QuantitiesTest {

    @Test
    @DisplayName("CPU: millicores, nanocores, decimals and whole cores")
    void cpu() {
        assertThat(Quantities.amount("250m")).isCloseTo(0.25, within(1e-9));
        assertThat(Quantities.amount("1")).isEqualTo(1.0);
        assertThat(Quantities.amount("1.5")).isCloseTo(1.5, within(1e-9));
        assertThat(Quantities.amount("0.1")).isCloseTo(0.1, within(1e-9));
        assertThat(Quantities.amount("123456789n")).isCloseTo(0.123456789, within(1e-12));
        assertThat(Quantities.amount("500u")).isCloseTo(0.0005, within(1e-12));
    }

    @Test
    @DisplayName("memory: binary and decimal suffixes, decimals and e-notation")
    void memory() {
        assertThat(Quantities.amount("128Ki")).isEqualTo(128 * 1024.0);
        assertThat(Quantities.amount("64Mi")).isEqualTo(64 * 1024.0 * 1024);
        assertThat(Quantities.amount("2Gi")).isEqualTo(2 * Quantities.GIB);
        assertThat(Quantities.amount("1.5Gi")).isEqualTo(1.5 * Quantities.GIB);
        assertThat(Quantities.amount("1G")).isEqualTo(1e9);
        assertThat(Quantities.amount("500M")).isEqualTo(5e8);
        assertThat(Quantities.amount("1e3")).isEqualTo(1000.0);
        assertThat(Quantities.amount("12e6")).isEqualTo(1.2e7);
        assertThat(Quantities.amount("134217728")).isEqualTo(134217728.0);
    }

    @Test
    @DisplayName("absent and malformed quantities are null, not zero")
    void malformed() {
        assertThat(Quantities.amount(null)).isNull();
        assertThat(Quantities.amount("")).isNull();
        assertThat(Quantities.amount("lots")).isNull();
        assertThat(Quantities.amount("12Qi")).isNull();
    }

    @Test
    @DisplayName("amounts print back as quantities people and manifests read")
    void printing() {
        assertThat(Quantities.cpu(0.25)).isEqualTo("250m");
        assertThat(Quantities.cpu(2)).isEqualTo("2");
        assertThat(Quantities.memory(96 * Quantities.MIB)).isEqualTo("96Mi");
        assertThat(Quantities.memory(2 * Quantities.GIB)).isEqualTo("2Gi");
        assertThat(Quantities.memory(100.5 * Quantities.MIB)).isEqualTo("101Mi");
    }
}
