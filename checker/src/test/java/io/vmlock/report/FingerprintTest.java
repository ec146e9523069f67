package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Baselines committed to repositories hold fingerprints: the recipe must not drift. */
class FingerprintTest {
    @Test
    void isTheFirstEightBytesOfTheCausesSha256InHex() throws NoSuchAlgorithmException {
        Finding f = SyntheticReports.deadlock();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Fingerprint.cause(f).getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(digest, 0, 8), Fingerprint.of(f));
    }
}
