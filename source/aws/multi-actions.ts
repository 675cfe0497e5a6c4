// The write path over several origins: each action goes to the clients of the origin that listed its instance
// (aws/multi-api.ts originOf), so a reboot of an eu-west-1 instance is sent to eu-west-1 with its profile.
import type { AwsActions } from './actions.js';
import { originKey, type Origin } from '../domain/origin.js';

/** An AwsActions routing by instance id; alarm history goes where the alarm was listed. */
export function createMultiActions(originOf: (instanceId: string) => Origin | undefined, primary: () => Origin, build: (origin: Origin) => Promise<AwsActions>): AwsActions {
  const built = new Map<string, Promise<AwsActions>>();
  const alarmOrigin = new Map<string, Origin>();
  const forOrigin = (origin: Origin): Promise<AwsActions> => {
    const key = `${originKey(origin)}@${origin.endpointUrl ?? ''}`;
    let actions = built.get(key);
    if (actions === undefined) {
      actions = build(origin);
      built.set(key, actions);
    }
    return actions;
  };
  const of = (instanceId: string | undefined): Promise<AwsActions> => forOrigin((instanceId === undefined ? undefined : originOf(instanceId)) ?? primary());
  return {
    checkPermission: async (action, id, type) => (await of(id)).checkPermission(action, id, type),
    stopInstance: async (id) => (await of(id)).stopInstance(id),
    startInstance: async (id) => (await of(id)).startInstance(id),
    rebootInstance: async (id) => (await of(id)).rebootInstance(id),
    setInstanceType: async (id, type) => (await of(id)).setInstanceType(id, type),
    waitFor: async (id, target, options) => (await of(id)).waitFor(id, target, options),
    async alarmsForInstance(id) {
      const origin = originOf(id) ?? primary();
      const alarms = await (await forOrigin(origin)).alarmsForInstance(id);
      for (const alarm of alarms) alarmOrigin.set(alarm.name, origin);
      return alarms;
    },
    putMetricAlarm: async (spec) => (await of(spec.dimensions.InstanceId)).putMetricAlarm(spec),
    alarmHistory: async (name) => (await forOrigin(alarmOrigin.get(name) ?? primary())).alarmHistory(name),
    resizeCatalogue: async (type) => (await forOrigin(primary())).resizeCatalogue(type),
    agentMetrics: async (id) => (await of(id)).agentMetrics(id),
  };
}
