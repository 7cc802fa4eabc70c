// Loaded into a measured child with `node --import` (bench/ours.mjs): as the process exits,
// its CPU time and peak RSS on stderr, in one marked line the parent picks out.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  writeSync(2, `\n@@booklet-bench-usage ${JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS })}\n`);
});
