// Won't start: the state, the StateReason decoded (cause and fix), and StateTransitionReason.
import { wontStartRecommendations } from '../recommendations-start.js';
import { decodeStateReason } from '../state-reasons.js';
import type { Runbook } from './types.js';
import { result, step } from './types.js';

/** Won't start runbook. */
export const WONT_START: Runbook = {
  id: 'wont-start',
  title: "Won't start",
  whenItApplies: 'The instance is stopped or stuck in pending, or start-instances fails (capacity, limits, volumes).',
  run: (e) => {
    const { instance } = e;
    const call = 'ec2:DescribeInstances';
    const state = { id: 'state', title: 'Instance state', apiCall: call };
    const reason = { id: 'state-reason', title: 'StateReason decoded', apiCall: call };
    const transition = { id: 'state-transition', title: 'StateTransitionReason', apiCall: call };
    const info = decodeStateReason(instance.stateReason?.code);
    const fix = wontStartRecommendations(e)[0]?.commands ?? [];
    return result('wont-start', "Won't start", [
      step(state, instance.state === 'running' ? 'ok' : instance.state === 'pending' ? 'warning' : 'failed', `The instance is ${instance.state}`),
      instance.stateReason === undefined
        ? step(reason, 'ok', 'No StateReason recorded')
        : info === undefined
          ? step(reason, 'warning', `${instance.stateReason.code}: ${instance.stateReason.message} (not in the table)`)
          : step(reason, info.isFailure ? 'failed' : 'warning', `${info.code}: ${info.cause}. Fix: ${info.fix}`, instance.state === 'running' ? undefined : fix),
      step(transition, 'ok', instance.stateTransitionReason || 'None recorded'),
    ]);
  },
};
