//go:build unix

package classify

import "syscall"

// cpuNanos is the process's CPU time (user + system), for benchmarks on a loaded machine where
// wall-clock time counts the waiting too.
func cpuNanos() int64 {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return r.Utime.Nano() + r.Stime.Nano()
}
