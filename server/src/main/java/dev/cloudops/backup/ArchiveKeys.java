package dev.cloudops.backup;

import dev.cloudops.platform.crypto.SealingException;
import dev.cloudops.platform.crypto.SecretSealer;
import dev.cloudops.platform.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The keys of backups. Every backup has its own random AES-256 data key. With encryption {@code platform} it is
 * sealed by the platform key ({@link SecretSealer}). With {@code passphrase} the definition holds an RSA-3072 key
 * pair: the public key wraps each backup's data key (RSA-OAEP with SHA-256), so scheduled runs can encrypt without
 * the passphrase; the private key is stored encrypted (AES-256-GCM) under a key derived from the passphrase with
 * Argon2id (64 MiB, 3 passes), so only the passphrase opens a backup. The passphrase itself is never stored.
 */
@Component
class ArchiveKeys {

    static final String PASSPHRASE_HEADER = "X-Backup-Passphrase";
    static final int MIN_PASSPHRASE = 12;
    static final int MAX_PASSPHRASE = 1024;
    private static final int MEMORY_KIB = 64 * 1024;
    private static final int PASSES = 3;
    private static final byte[] PRIVATE_KEY_AAD = "cloudops-backup-private-key".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretSealer sealer;

    ArchiveKeys(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /** A passphrase-protected key pair: the KDF's parameters, the public key and the encrypted private key. */
    record PassphraseKeys(String kdf, String publicKey, String privateKeySealed) {}

    static SecretKey newDataKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    static void checkPassphrase(String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw ApiException.badRequest(
                    "passphrase-required",
                    "Encryption 'passphrase' needs the passphrase in the " + PASSPHRASE_HEADER + " header",
                    PASSPHRASE_HEADER);
        }
        if (passphrase.length() < MIN_PASSPHRASE || passphrase.length() > MAX_PASSPHRASE) {
            throw ApiException.badRequest(
                    "weak-passphrase",
                    "A backup passphrase must be " + MIN_PASSPHRASE + " to " + MAX_PASSPHRASE + " characters",
                    PASSPHRASE_HEADER);
        }
    }

    /** Makes the key pair of a passphrase-protected definition. */
    PassphraseKeys create(String passphrase) {
        checkPassphrase(passphrase);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            String kdf = "argon2id:v=19:m=" + MEMORY_KIB + ":t=" + PASSES + ":p=1:"
                    + Base64.getEncoder().encodeToString(salt);
            byte[] kek = derive(passphrase, kdf);
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, iv));
            gcm.updateAAD(PRIVATE_KEY_AAD);
            byte[] sealed = gcm.doFinal(pair.getPrivate().getEncoded());
            Arrays.fill(kek, (byte) 0);
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return new PassphraseKeys(
                    kdf,
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                    Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA or AES-GCM is unavailable", e);
        }
    }

    /** Seals a new backup's data key as its definition says. */
    String seal(SecretKey dataKey, BackupDefinition definition) {
        if (definition.encryption() == Encryption.PLATFORM) {
            return sealer.seal(Base64.getEncoder().encodeToString(dataKey.getEncoded()));
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(definition.publicKey())));
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, publicKey, oaep());
            return "rsa-oaep:" + Base64.getEncoder().encodeToString(rsa.doFinal(dataKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP is unavailable", e);
        }
    }

    /**
     * Opens a backup's data key: with the platform key, or with the passphrase (400 {@code passphrase-required},
     * 400 {@code wrong-passphrase}).
     */
    SecretKey open(Backup backup, BackupDefinition definition, String passphrase) {
        if (backup.encryption() == Encryption.PLATFORM) {
            try {
                return new SecretKeySpec(Base64.getDecoder().decode(sealer.unseal(backup.dataKeySealed())), "AES");
            } catch (SealingException | IllegalArgumentException e) {
                throw new ApiException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "backup-key-unavailable",
                        "The data key of backup " + backup.id() + " cannot be opened: " + e.getMessage());
            }
        }
        if (passphrase == null || passphrase.isEmpty()) {
            throw ApiException.badRequest(
                    "passphrase-required",
                    "Backup " + backup.id() + " is protected by a passphrase: send it in the " + PASSPHRASE_HEADER
                            + " header",
                    PASSPHRASE_HEADER);
        }
        PrivateKey privateKey = unlock(definition, passphrase);
        try {
            String wrapped = backup.dataKeySealed();
            if (wrapped == null || !wrapped.startsWith("rsa-oaep:")) {
                throw new GeneralSecurityException("unknown key format");
            }
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.DECRYPT_MODE, privateKey, oaep());
            byte[] key = rsa.doFinal(Base64.getDecoder().decode(wrapped.substring("rsa-oaep:".length())));
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "backup-key-unavailable",
                    "The data key of backup " + backup.id() + " does not open with this definition's key pair");
        }
    }

    /** Checks a passphrase against a definition without opening any backup (400 {@code wrong-passphrase}). */
    PrivateKey unlock(BackupDefinition definition, String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw ApiException.badRequest(
                    "passphrase-required",
                    "Definition " + definition.id() + " is protected by a passphrase: send it in the "
                            + PASSPHRASE_HEADER + " header",
                    PASSPHRASE_HEADER);
        }
        byte[] kek = derive(passphrase, definition.kdf());
        try {
            byte[] in = Base64.getDecoder().decode(definition.privateKeySealed());
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, in, 0, 12));
            gcm.updateAAD(PRIVATE_KEY_AAD);
            byte[] pkcs8 = gcm.doFinal(in, 12, in.length - 12);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (AEADBadTagException e) {
            throw ApiException.badRequest(
                    "wrong-passphrase", "The passphrase does not open this backup", PASSPHRASE_HEADER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM or RSA is unavailable", e);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** Argon2id as the stored parameters say: {@code argon2id:v=19:m=<KiB>:t=<passes>:p=<lanes>:<salt>}. */
    static byte[] derive(String passphrase, String kdf) {
        String[] parts = kdf.split(":");
        if (parts.length != 6 || !parts[0].equals("argon2id")) {
            throw new IllegalStateException("Unknown key derivation " + parts[0]);
        }
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Integer.parseInt(parts[1].substring(2)))
                .withMemoryAsKB(Integer.parseInt(parts[2].substring(2)))
                .withIterations(Integer.parseInt(parts[3].substring(2)))
                .withParallelism(Integer.parseInt(parts[4].substring(2)))
                .withSalt(Base64.getDecoder().decode(parts[5]))
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] key = new byte[32];
        generator.generateBytes(passphrase.getBytes(StandardCharsets.UTF_8), key);
        return key;
    }

    private static OAEPParameterSpec oaep() {
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    }
}
