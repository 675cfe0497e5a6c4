// The layer rules and "no import cycles" hold because this test fails when they break, not by goodwill.
// domain/ is the shared vocabulary every layer imports and that imports none of them; aws/ is the only SDK user and
// knows nothing of the fleet it may talk to; triage/ is pure and reads only domain/; ui/ renders model/ and
// triage/ results and never calls aws/ or sim/.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, layerViolations, packageImporters } from './helpers/import-graph.js';

const LAYERS: Readonly<Record<string, readonly string[]>> = {
  domain: [],
  aws: ['domain'],
  sim: ['domain'],
  triage: ['domain'],
  // Lessons judge the trainee by the same engine: pure, over what the UI observes.
  lessons: ['domain', 'triage'],
  model: ['domain', 'aws', 'triage', 'lessons'],
  ui: ['domain', 'model', 'triage', 'lessons'],
  // A shared session: the transport (no store, no AWS client), the stream of the model's stores, and the follower's
  // model made of it.
  share: ['domain', 'model', 'triage'],
};

const root = fileURLToPath(new URL('../source', import.meta.url));
const source = importGraph(root);

describe('architecture of source/', () => {
  it('every layer imports only the layers below it', () => {
    expect(layerViolations(source, LAYERS)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(source)).toEqual([]);
  });

  it('the AWS SDK (and its smithy runtime) is imported by aws/ alone', () => {
    const importers = packageImporters(root, /^@(aws-sdk|smithy)\//);
    expect(importers).toContain('aws/clients.ts');
    expect(importers.filter((f) => !f.startsWith('aws/'))).toEqual([]);
  });
});

describe('the checks themselves fail when broken (a fixture with both faults)', () => {
  const fixture = importGraph(fileURLToPath(new URL('./fixtures/layers-broken', import.meta.url)));

  it('a domain file importing aws/ is a violation', () => {
    expect(layerViolations(fixture, LAYERS)).toEqual(['domain/words.ts → aws/client.ts']);
  });

  it('two modules importing each other are a cycle', () => {
    expect(importCycles(fixture)).toEqual([['triage/a.ts', 'triage/b.ts']]);
  });
});
