package dev.cloudops.backup;

/** How a definition's backups are encrypted: always AES-256-GCM, the data key protected one way or the other. */
public enum Encryption {
    /** Each backup's data key is sealed by the platform key; the platform can restore without help. */
    PLATFORM,
    /** Each backup's data key is wrapped for a key pair only the caller's passphrase opens. */
    PASSPHRASE
}
