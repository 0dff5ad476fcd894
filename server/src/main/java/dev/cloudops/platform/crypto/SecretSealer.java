package dev.cloudops.platform.crypto;

import dev.cloudops.platform.CloudOpsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Seals secrets at rest with AES-256-GCM. A sealed value reads {@code v1:<keyId>:<base64(iv|ciphertext|tag)>};
 * the key id lets several keys coexist during a rotation: the current key seals, every known key unseals.
 *
 * <p>The current key comes from {@code CLOUDOPS_MASTER_KEY} (base64, 32 bytes) or, when unset, from
 * {@code <data-dir>/master.key}, generated on first start with owner-only permissions. Retired keys are
 * listed, comma-separated, in {@code CLOUDOPS_PREVIOUS_KEYS}.
 */
@Service
public class SecretSealer {

    private static final String PREFIX = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecretKeySpec fingerprintKey;

    public SecretSealer(Environment env, CloudOpsProperties properties) {
        byte[] current = loadCurrentKey(env.getProperty("CLOUDOPS_MASTER_KEY"), properties.dataDir());
        this.currentKeyId = add(current);
        this.fingerprintKey = new SecretKeySpec(derive(current, "cloudops fingerprint v1"), "HmacSHA256");
        String previous = env.getProperty("CLOUDOPS_PREVIOUS_KEYS", "");
        for (String encoded : previous.split(",")) {
            if (!encoded.isBlank()) {
                add(decodeKey(encoded.trim(), "CLOUDOPS_PREVIOUS_KEYS"));
            }
        }
    }

    /** Seals a UTF-8 secret with the current key; the same input seals differently every time. */
    public String seal(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(currentKeyId.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + ":" + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Unseals a value sealed by any known key; fails loudly for an unknown key or a tampered value. */
    public String unseal(String sealed) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(PREFIX)) {
            throw new SealingException("Not a sealed value");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new SealingException("Sealed with unknown key " + parts[1] + "; add it to CLOUDOPS_PREVIOUS_KEYS");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(parts[1].getBytes(StandardCharsets.US_ASCII));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealingException("Sealed value is corrupt or was tampered with");
        }
    }

    /**
     * A keyed fingerprint of a secret (HMAC-SHA256 under a key derived from the current master key, 16 hex
     * digits): equal values give equal fingerprints, so changes can be detected and compared without keeping the
     * value, and without the key a fingerprint does not help to guess it. Rotating the master key changes every
     * fingerprint.
     */
    public String fingerprint(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** True when a value was sealed by a key other than the current one and should be sealed again. */
    public boolean needsReseal(String sealed) {
        String[] parts = sealed.split(":", 3);
        return parts.length != 3 || !parts[1].equals(currentKeyId);
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    private String add(byte[] key) {
        String id = keyId(key);
        keys.put(id, new SecretKeySpec(key, "AES"));
        return id;
    }

    /** A sub-key for one purpose, so the sealing key itself is never used for anything else. */
    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 4));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] loadCurrentKey(String fromEnv, Path dataDir) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return decodeKey(fromEnv.trim(), "CLOUDOPS_MASTER_KEY");
        }
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file).trim(), file.toString());
            }
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(key));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    private static byte[] decodeKey(String encoded, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(source + " must decode to 32 bytes, got " + key.length);
        }
        return key;
    }
}
