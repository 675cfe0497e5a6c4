// share/ reads model/'s session types and nothing else of it, and the follower's transport cannot reach aws/:
// a follower has no AWS client by construction, not by convention.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph } from '../helpers/import-graph.js';

const graph = importGraph(fileURLToPath(new URL('../../source', import.meta.url)));

function reachable(from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...(graph.get(file) ?? []));
  }
  return seen;
}

describe('share/', () => {
  it('the transport imports from model/ only the session types (the publisher and the mirror are the model’s two ends)', () => {
    const shareFiles = [...graph.keys()].filter((file) => file.startsWith('share/') && !['share/publisher.ts', 'share/mirror-model.ts', 'share/streams.ts'].includes(file));
    expect(shareFiles).toContain('share/client.ts');
    const modelImports = new Set(shareFiles.flatMap((file) => (graph.get(file) ?? []).filter((target) => target.startsWith('model/'))));
    expect([...modelImports]).toEqual(['model/session-types.ts']);
  });

  it("the follower's client reaches no aws/, sim/ or ui/ module, even indirectly", () => {
    const reached = [...reachable('share/client.ts')];
    expect(reached.filter((file) => /^(aws|sim|ui)\//.test(file))).toEqual([]);
    expect(reached).toContain('domain/tagged-json.ts');
  });
});
