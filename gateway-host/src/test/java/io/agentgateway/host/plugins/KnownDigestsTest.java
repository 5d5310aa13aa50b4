package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digests remembered between starts: given back only for exactly the stamp they were remembered with, kept in a
 * file that survives the gateway, and forgotten for files no longer in the folder.
 */
class KnownDigestsTest {

    private static final FileStamp STAMP = new FileStamp(10, 2_000, 3_000, "(dev=1,ino=2)");

    @TempDir
    Path dir;

    @Test
    void aDigestIsGivenBackOnlyForTheSameStamp() {
        KnownDigests digests = KnownDigests.readFrom(dir);
        Path jar = dir.resolve("a.jar");
        digests.remember(jar, STAMP, "abc");

        assertEquals(Optional.of("abc"), digests.digest(jar, STAMP));
        assertEquals(Optional.of("abc"), digests.digest(dir.resolve("x/../a.jar"), STAMP), "the same file");
        for (FileStamp other : List.of(new FileStamp(11, 2_000, 3_000, STAMP.key()),
                new FileStamp(10, 2_001, 3_000, STAMP.key()), new FileStamp(10, 2_000, 3_001, STAMP.key()),
                new FileStamp(10, 2_000, 3_000, "(dev=1,ino=3)"))) {
            assertEquals(Optional.empty(), digests.digest(jar, other), other::toString);
        }
        assertEquals(Optional.empty(), digests.digest(dir.resolve("b.jar"), STAMP));
    }

    @Test
    void whatIsSavedIsReadAtTheNextStart() {
        KnownDigests digests = KnownDigests.readFrom(dir);
        digests.remember(dir.resolve("a.jar"), STAMP, "abc");
        digests.save();

        assertEquals(Optional.of("abc"), KnownDigests.readFrom(dir).digest(dir.resolve("a.jar"), STAMP));
        assertTrue(Files.notExists(dir.resolve(KnownDigests.FILE + ".new")));
    }

    @Test
    void nothingIsWrittenWhenNothingChanged() throws Exception {
        KnownDigests digests = KnownDigests.readFrom(dir);
        digests.save();
        assertTrue(Files.notExists(dir.resolve(KnownDigests.FILE)));

        digests.remember(dir.resolve("a.jar"), STAMP, "abc");
        digests.save();
        Path file = dir.resolve(KnownDigests.FILE);
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        digests.keepOnly(List.of(dir.resolve("a.jar")));
        digests.save();
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(file), "kept as it was");
    }

    @Test
    void aFileNoLongerInTheFolderIsForgottenAndThatIsSaved() {
        KnownDigests digests = KnownDigests.readFrom(dir);
        digests.remember(dir.resolve("a.jar"), STAMP, "abc");
        digests.remember(dir.resolve("b.jar"), STAMP, "def");
        digests.save();

        digests.keepOnly(List.of(dir.resolve("b.jar")));
        digests.save();

        KnownDigests next = KnownDigests.readFrom(dir);
        assertEquals(Optional.empty(), next.digest(dir.resolve("a.jar"), STAMP));
        assertEquals(Optional.of("def"), next.digest(dir.resolve("b.jar"), STAMP));
    }

    @Test
    void aLineThatCannotBeReadIsSkippedAndTheOthersKept() throws Exception {
        Files.writeString(dir.resolve(KnownDigests.FILE), "garbage\nabc\tnot a stamp\t" + dir.resolve("b.jar")
                + "\ndef\t" + STAMP + "\t" + dir.resolve("a.jar") + "\n");

        KnownDigests digests = KnownDigests.readFrom(dir);

        assertEquals(Optional.of("def"), digests.digest(dir.resolve("a.jar"), STAMP));
        assertEquals(Optional.empty(), digests.digest(dir.resolve("b.jar"), STAMP));
    }

    @Test
    void aFileThatCannotBeWrittenIsTriedAgainAtTheNextSave() throws Exception {
        Path missing = dir.resolve("not-yet");
        KnownDigests digests = KnownDigests.readFrom(missing);
        digests.remember(dir.resolve("a.jar"), STAMP, "abc");
        digests.save();

        Files.createDirectories(missing);
        digests.save();

        assertEquals(Optional.of("abc"), KnownDigests.readFrom(missing).digest(dir.resolve("a.jar"), STAMP));
    }

    @Test
    void aStampReadsBackAsWrittenAndTellsARewriteThatKeptSizeAndModifiedTime() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "0123456789");
        FileStamp before = FileStamp.of(jar);
        assertEquals(before, FileStamp.parse(before.toString()));
        assertEquals(10, before.size());
        Thread.sleep(20); // beyond the file system's clock tick

        Files.writeString(jar, "9876543210");
        Files.setLastModifiedTime(jar, FileTime.from(before.modified(), java.util.concurrent.TimeUnit.NANOSECONDS));
        FileStamp after = FileStamp.of(jar);

        assertEquals(before.size(), after.size());
        assertEquals(before.modified(), after.modified());
        assertNotEquals(before.changed(), after.changed(), "the ctime tells");
        assertNotEquals(before, after);
    }
}
