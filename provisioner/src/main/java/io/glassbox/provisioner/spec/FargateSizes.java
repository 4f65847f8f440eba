package io.glassbox.provisioner.spec;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The task sizes Fargate offers: for each CPU value, the memory values it may run with (ECS Developer Guide, "Task CPU
 * and memory": 256 CPU units take 512, 1024 or 2048 MiB; 512 to 4096 take their range in 1 GiB steps; 8192 and 16384
 * in 4 and 8 GiB steps). Anything else RegisterTaskDefinition refuses: "No Fargate configuration exists for given
 * values" (terraform and CDK users meet it at apply time; here it is bad input, caught before any call).
 */
public final class FargateSizes {

    private FargateSizes() {
    }

    /** The memory values (MiB) Fargate runs with {@code cpu} units; empty for a CPU value it does not offer. */
    public static List<Integer> memoryFor(int cpu) {
        return switch (cpu) {
            case 256 -> List.of(512, 1024, 2048);
            case 512 -> steps(1024, 4096, 1024);
            case 1024 -> steps(2048, 8192, 1024);
            case 2048 -> steps(4096, 16384, 1024);
            case 4096 -> steps(8192, 30720, 1024);
            case 8192 -> steps(16384, 61440, 4096);
            case 16384 -> steps(32768, 122880, 8192);
            default -> List.of();
        };
    }

    /** The CPU values Fargate offers. */
    public static final List<Integer> CPU = List.of(256, 512, 1024, 2048, 4096, 8192, 16384);

    /** Why {@code cpu} with {@code memoryMb} is no Fargate size, if it is none. */
    public static Optional<String> problem(int cpu, int memoryMb) {
        if (!CPU.contains(cpu)) {
            return Optional.of("cpu must be one of " + CPU + ", got " + cpu);
        }
        List<Integer> memory = memoryFor(cpu);
        if (!memory.contains(memoryMb)) {
            return Optional.of("with cpu " + cpu + ", memoryMb must be one of " + describe(memory) + ", got " + memoryMb);
        }
        return Optional.empty();
    }

    private static String describe(List<Integer> memory) {
        return memory.size() <= 4 ? memory.toString()
                : memory.get(0) + " to " + memory.get(memory.size() - 1) + " in steps of " + (memory.get(1) - memory.get(0));
    }

    private static List<Integer> steps(int from, int to, int step) {
        return IntStream.iterate(from, m -> m <= to, m -> m + step).boxed().toList();
    }
}
