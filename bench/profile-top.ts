/**
 * `npx tsx bench/profile-top.ts <file.cpuprofile> [n]`: where a profile's busy time went, by
 * function (self time) and by function with its callees (total time), the n largest of each.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number };
  children?: number[];
}
const [file, count = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [n]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const name = (node: Node) =>
  `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url?.split('/').pop() ?? ''}:${node.callFrame.lineNumber ?? ''}`;
const self = new Map<string, number>();
const total = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, index) => {
  const node = byId.get(id);
  const micros = profile.timeDeltas[index] ?? 0;
  if (!node || node.callFrame.functionName === '(idle)') return;
  busy += micros;
  self.set(name(node), (self.get(name(node)) ?? 0) + micros);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = name(byId.get(at) as Node);
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + micros);
  }
});
const top = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count))
    .map(([key, micros]) => `${(micros / 1000).toFixed(1).padStart(9)} ms  ${key}`)
    .join('\n');
console.log(`busy ${(busy / 1000).toFixed(1)} ms\n\nself:\n${top(self)}\n\ntotal:\n${top(total)}`);
