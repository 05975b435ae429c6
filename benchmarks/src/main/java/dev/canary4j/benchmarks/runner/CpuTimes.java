package dev.canary4j.benchmarks.runner;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's CPU time so far: the total from the JVM, and the user/kernel split from
 * {@code /proc/self/stat} (in clock ticks of 10 ms) where there is one, else unknown (-1).
 */
record CpuTimes(long cpuNanos, long userTicks, long systemTicks) {

  static CpuTimes now() {
    long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new CpuTimes(cpu, Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    } catch (IOException | RuntimeException e) {
      return new CpuTimes(cpu, -1, -1);
    }
  }

  CpuTimes minus(CpuTimes earlier) {
    return new CpuTimes(cpuNanos - earlier.cpuNanos, userTicks - earlier.userTicks, systemTicks - earlier.systemTicks);
  }

  /** The kernel's share of the CPU time, or NaN when unknown. */
  double systemShare() {
    long total = userTicks + systemTicks;
    return userTicks < 0 || systemTicks < 0 || total <= 0 ? Double.NaN : (double) systemTicks / total;
  }
}
