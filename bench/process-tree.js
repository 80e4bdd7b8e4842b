import { readdir, readFile } from 'node:fs/promises';

/** Every process's parent, from Linux /proc: pid -> parent pid (empty elsewhere). */
export async function processParents() {
  const parents = new Map();
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const ppid = /\) \S+ (\d+)/.exec(stat)?.[1];
    if (ppid) parents.set(pid, ppid);
  }
  return parents;
}
