// The instance as the action log leaves it, and which actions EC2 would accept in each state (with AWS's errors).
import { instanceType } from './catalog.js';
import { hash32, hashString } from './rng.js';
import { AZS } from './scenarios/fleet-ids.js';
import { gmt } from './scenarios/incident.js';
import type { SimActionOutcome, SimActionRequest, SimInstance, SimInstanceState, SimRefusal } from './types.js';
import type { Lifecycle } from './world-actions.js';

const USER_SHUTDOWN = { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };

/** A fresh public IP for a start: EC2 gives an auto-assigned address back on stop and hands out a new one. */
function newPublicIp(id: string, at: number): string {
  const h = (k: number): number => hash32(hashString(id), 0x1b, Math.floor(at / 1000), k);
  return `${[3, 18, 34, 44, 52, 54][h(0) % 6] ?? 54}.${h(1) % 256}.${h(2) % 256}.${1 + (h(3) % 254)}`;
}

/**
 * The instance as of now: `overridden` is the scenario's view, `built` the instance as built (before the
 * scenario), whose public IP says whether the subnet hands out addresses.
 */
export function applyLife(overridden: SimInstance, built: SimInstance, life: Lifecycle): SimInstance {
  const isOff = life.state === 'stopped';
  const hadIp = overridden.state === 'running' ? overridden.publicIp : built.publicIp;
  const publicIp = isOff || hadIp === undefined ? undefined : life.lastStartAt === undefined ? overridden.publicIp : newPublicIp(overridden.id, life.lastStartAt);
  const stopped = life.stopAskedAt !== undefined;
  const started = life.lastStartAt !== undefined;
  return {
    ...overridden,
    state: life.state,
    type: life.type,
    launchTime: life.launchTime,
    publicIp,
    stateReason: stopped ? USER_SHUTDOWN : started ? undefined : overridden.stateReason,
    stateTransitionReason: stopped ? `User initiated (${gmt(life.stopAskedAt ?? 0)} GMT)` : started ? '' : overridden.stateTransitionReason,
  };
}

const incorrect = (message: string): SimActionOutcome => ({ ok: false, refusal: { code: 'IncorrectInstanceState', message } });

/** The capacity error EC2 sends when a start finds no room for the type in the instance's AZ. */
export function noCapacity(type: string, az: string): SimRefusal {
  const others = AZS.filter((z) => z !== az).join(', ');
  return {
    code: 'InsufficientInstanceCapacity',
    message:
      `We currently do not have sufficient ${type} capacity in the Availability Zone you requested (${az}). Our system will be ` +
      `working on provisioning additional capacity. You can currently get ${type} capacity by not specifying an Availability ` +
      `Zone in your request or choosing ${others}.`,
  };
}

/**
 * Whether EC2 accepts `request` for an instance in its current state; `isAppended` says whether the action
 * changes anything (a stop of a stopping instance is accepted and changes nothing). `blockedTypes`: no capacity.
 */
export function judge(
  instance: SimInstance,
  request: SimActionRequest,
  blockedTypes: readonly string[],
): { readonly outcome: SimActionOutcome; readonly isAppended: boolean } {
  const id = instance.id;
  const state = instance.state;
  const ok = (current: SimInstanceState, isAppended = true) => ({ outcome: { ok: true as const, previous: state, current }, isAppended });
  const no = (outcome: SimActionOutcome) => ({ outcome, isAppended: false });
  switch (request.kind) {
    case 'stop':
      if (state === 'running') return ok('stopping');
      if (state === 'stopping') return ok('stopping', false);
      return no(incorrect(`The instance '${id}' is not in a state from which it can be stopped.`));
    case 'start':
      if (state === 'stopped') {
        return blockedTypes.includes(instance.type) ? no({ ok: false, refusal: noCapacity(instance.type, instance.az) }) : ok('pending');
      }
      if (state === 'pending') return ok('pending', false);
      return no(incorrect(`The instance '${id}' is not in a state from which it can be started.`));
    case 'reboot':
    case 'recover':
      if (state === 'running') return ok('running');
      return no(incorrect(`The instance '${id}' is not in a state from which it can be rebooted.`));
    case 'modify-type': {
      const type = instanceType(request.instanceType);
      if (type === undefined || !type.architectures.includes(instance.architecture)) {
        return no({
          ok: false,
          refusal: { code: 'InvalidInstanceAttributeValue', message: `Value (${request.instanceType}) for parameter instanceType is invalid. Invalid instance type.` },
        });
      }
      if (state !== 'stopped') return no(incorrect(`The instance '${id}' is not in the 'stopped' state.`));
      return ok('stopped', request.instanceType !== instance.type);
    }
  }
}
