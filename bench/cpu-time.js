// Preloaded into a timed `briefdeck` command (node --import): reports the CPU time the
// process used, which a busy shared machine distorts far less than the wall-clock time,
// and its peak resident memory (maxRSS, in KB).
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nbriefdeck-bench-cpu-ms ${(user + system) / 1000}\nbriefdeck-bench-maxrss-kb ${process.resourceUsage().maxRSS}\n`);
});
