import Foundation

/// The process's peak resident memory so far, in bytes.
///
/// On Linux this is `VmHWM` from `/proc/self/status`: the high-water mark of this
/// process's own address space. `getrusage(RUSAGE_SELF).ru_maxrss` is *not* used
/// there: Linux carries it across `exec`, so a child started by `posix_spawn` (which
/// shares the parent's memory until it execs) reports at least the parent's peak.
/// Elsewhere `ru_maxrss` is the best there is.
func peakResidentBytes() -> Int {
  #if os(Linux)
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    {
      return kilobytes * 1024
    }
  #endif
  var usage = rusage()
  #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024  // KiB on Linux
  #else
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)  // bytes on macOS
  #endif
}
