package picnet.worker.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheAuthorsDirectoryWithoutPrefix() {
        Map<String, Map<String, HostTensor>> nets =
                CheckpointFiles.readAuthorsDirectory(ReferenceFiles.dir().resolve("checkpoints"));
        assertEquals(List.of("E", "G", "D", "D_rec"), List.copyOf(nets.keySet()));
        nets.forEach((name, state) -> assertTrue(state.keySet().stream().noneMatch(k -> k.startsWith("module.")),
                name));
        assertArrayEquals(new long[] {1}, nets.get("G").get("attn1.gamma").shape());
        Map<String, HostTensor> raw = TorchCheckpoint.read(ReferenceFiles.checkpoint("E"));
        assertEquals(raw.size(), nets.get("E").size());
        assertArrayEquals(raw.get("module.block0.conv1.module.weight_bar").data(),
                nets.get("E").get("block0.conv1.module.weight_bar").data());
    }

    @Test
    void picksTheHighestEpochWhenThereIsNoLatest() throws IOException {
        link("5_net_E.pth", "D"); // an older epoch: must not be chosen
        link("10_net_E.pth", "E");
        link("10_net_G.pth", "G");
        link("10_net_D.pth", "D");
        link("9_net_D_rec.pth", "D_rec"); // another epoch's D_rec is not mixed in
        Map<String, Map<String, HostTensor>> nets = CheckpointFiles.readAuthorsDirectory(tmp);
        assertEquals(List.of("E", "G", "D"), List.copyOf(nets.keySet()));
        assertTrue(nets.get("E").containsKey("infer_prior0.conv1.module.weight_bar"));
        assertTrue(nets.get("D").containsKey("conv.module.weight_bar"));
    }

    @Test
    void missingNetworkNamesDirectoryAndFile() throws IOException {
        link("latest_net_E.pth", "E");
        link("latest_net_D.pth", "D");
        CheckpointException ex = assertThrows(CheckpointException.class,
                () -> CheckpointFiles.readAuthorsDirectory(tmp));
        assertEquals(tmp + ": missing latest_net_G.pth", ex.getMessage());
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        ex = assertThrows(CheckpointException.class, () -> CheckpointFiles.readAuthorsDirectory(empty));
        assertEquals(empty + ": missing latest_net_E.pth", ex.getMessage());
    }

    private void link(String name, String network) throws IOException {
        Files.createSymbolicLink(tmp.resolve(name), ReferenceFiles.checkpoint(network).toAbsolutePath());
    }
}
