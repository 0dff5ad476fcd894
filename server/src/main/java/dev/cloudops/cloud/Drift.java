package dev.cloudops.cloud;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed in the cloud behind the platform's back: the settings the platform last saw or set (the
 * baseline) against the live ones. Pure; the fingerprint names one exact set of differences, so a caller who
 * accepts drift proves they saw this one and not a later one.
 */
public record Drift(List<Difference> differences, String fingerprint) {

    public Drift {
        differences = List.copyOf(differences);
    }

    /**
     * One setting that differs.
     *
     * @param known the value in the baseline (null: the setting was not there)
     * @param live the value in the cloud now (null: it is gone)
     */
    public record Difference(String key, String known, String live) {}

    public static Drift between(Map<String, String> baseline, Map<String, String> live) {
        List<Difference> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(baseline.keySet());
        keys.addAll(live.keySet());
        for (String key : keys) {
            String known = baseline.get(key);
            String now = live.get(key);
            if (known == null ? now != null : !known.equals(now)) {
                out.add(new Difference(key, known, now));
            }
        }
        return new Drift(out, out.isEmpty() ? null : fingerprint(out));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** The differences as people read them: {@code key: known → live}, one per line. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Difference d : differences) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(d.key())
                    .append(": ")
                    .append(show(d.known()))
                    .append(" → ")
                    .append(show(d.live()));
        }
        return text.toString();
    }

    private static String show(String value) {
        return value == null ? "(none)" : value;
    }

    private static String fingerprint(List<Difference> differences) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Difference d : differences) {
                sha.update(
                        (d.key() + '\u0000' + d.known() + '\u0000' + d.live() + '\n').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
