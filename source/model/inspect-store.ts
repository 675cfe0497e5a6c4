// The describe and raw views' data: one instance read in parts (type, security groups, volumes, Elastic IPs, SSM),
// each loading, read, failed (its own AwsError) or not available, so one failing call never blanks the view.
import type { AwsApi } from '../aws/api.js';
import type { ManagedInstance } from '../domain/host-checks.js';
import type { SecurityGroup } from '../domain/network-types.js';
import type { AwsError, ElasticAddress, ImageInfo, Instance, InstanceTypeInfo, Volume } from '../domain/types.js';
import { asAwsError, isAbort } from './errors.js';
import type { Store } from './store-types.js';

/** One part of the view: still loading, read, failed with its error, or not readable here (with why). */
export type Part<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly data: T }
  | { readonly state: 'failed'; readonly error: AwsError }
  | { readonly state: 'unavailable'; readonly reason: string };

/** Everything the describe view shows of one instance beyond the fleet's own Instance and status. */
export interface InstanceDetails {
  readonly instanceId: string;
  readonly type: Part<InstanceTypeInfo | undefined>;
  readonly securityGroups: Part<readonly SecurityGroup[]>;
  readonly volumes: Part<readonly Volume[]>;
  readonly addresses: Part<readonly ElasticAddress[]>;
  /** undefined data: the AMI no longer exists. */
  readonly image: Part<ImageInfo | undefined>;
  /** undefined data: SSM does not manage the instance. */
  readonly ssm: Part<ManagedInstance | undefined>;
}

export interface InspectSnapshot {
  readonly details: InstanceDetails | undefined;
  /** The raw DescribeInstances JSON of one instance. */
  readonly raw: { readonly instanceId: string; readonly json: Part<unknown> } | undefined;
}

export interface InspectModel extends Store<InspectSnapshot> {
  /** Reads the describe view's parts for an instance (a read in flight for another is aborted). */
  describe(instance: Instance): void;
  /** Reads the instance's DescribeInstances answer as JSON. */
  raw(instanceId: string): void;
  /** Drops what was read and aborts reads in flight (the view closed). */
  close(): void;
}

const LOADING = { state: 'loading' } as const;

/** A part not readable here: the API lacks the call. */
const unavailable = (call: string): Part<never> => ({ state: 'unavailable', reason: `${call} is not available on this endpoint` });

type DetailKey = Exclude<keyof InstanceDetails, 'instanceId'>;

/** The store behind `d` and `y`; `onError` hears of every failed read (for --log-file). */
export function createInspectStore(fleetApi: AwsApi, onError?: (error: unknown) => void): InspectModel {
  const api = fleetApi;
  let snapshot: InspectSnapshot = { details: undefined, raw: undefined };
  const listeners = new Set<() => void>();
  let detailsAbort: AbortController | undefined;
  let rawAbort: AbortController | undefined;
  const set = (next: InspectSnapshot): void => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  /** Runs one read into a part; a result for an instance no longer shown, or an abort, is dropped. */
  const read = async <T>(signal: AbortSignal, call: () => Promise<T>): Promise<Part<T> | undefined> => {
    try {
      return { state: 'ok', data: await call() };
    } catch (e) {
      if (isAbort(e, signal)) return undefined;
      onError?.(e);
      return { state: 'failed', error: asAwsError(e) };
    }
  };

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    describe(instance) {
      // Several origins: the instance's own (its types, groups, volumes are read where it lives).
      const api = fleetApi.scopeTo?.(instance.id) ?? fleetApi;
      detailsAbort?.abort();
      const controller = new AbortController();
      detailsAbort = controller;
      const { signal } = controller;
      const id = instance.id;
      const { describeVolumes, describeAddresses, describeInstanceInformation, describeImage } = api;
      const imageId = instance.imageId;
      const volumeIds = (instance.blockDevices ?? []).map((b) => b.volumeId);
      const groupIds = instance.securityGroups.map((g) => g.id);
      const initial: InstanceDetails = {
        instanceId: id,
        type: LOADING,
        securityGroups: groupIds.length === 0 ? { state: 'ok', data: [] } : LOADING,
        volumes: describeVolumes === undefined ? unavailable('DescribeVolumes') : volumeIds.length === 0 ? { state: 'ok', data: [] } : LOADING,
        addresses: describeAddresses === undefined ? unavailable('DescribeAddresses') : LOADING,
        image: describeImage === undefined ? unavailable('DescribeImages') : imageId === undefined ? { state: 'ok', data: undefined } : LOADING,
        ssm: describeInstanceInformation === undefined ? unavailable('ssm:DescribeInstanceInformation') : LOADING,
      };
      set({ ...snapshot, details: initial });
      const land = <K extends DetailKey>(key: K) => (part: Part<unknown> | undefined): void => {
        const current = snapshot.details;
        if (part === undefined || signal.aborted || current?.instanceId !== id) return;
        set({ ...snapshot, details: { ...current, [key]: part } });
      };
      const options = { signal };
      void read(signal, async () => (await api.describeInstanceTypes([instance.type], options)).find((t) => t.type === instance.type)).then(land('type'));
      if (groupIds.length > 0) void read(signal, () => api.describeSecurityGroups(groupIds, options)).then(land('securityGroups'));
      if (describeVolumes !== undefined && volumeIds.length > 0) void read(signal, () => describeVolumes(volumeIds, options)).then(land('volumes'));
      if (describeAddresses !== undefined) void read(signal, () => describeAddresses(id, options)).then(land('addresses'));
      if (describeImage !== undefined && imageId !== undefined) void read(signal, () => describeImage(imageId, options)).then(land('image'));
      if (describeInstanceInformation !== undefined) {
        void read(signal, async () => (await describeInstanceInformation([id], options)).find((m) => m.instanceId === id)).then(land('ssm'));
      }
    },
    raw(instanceId) {
      rawAbort?.abort();
      const controller = new AbortController();
      rawAbort = controller;
      const { describeInstanceRaw } = api;
      if (describeInstanceRaw === undefined) return set({ ...snapshot, raw: { instanceId, json: unavailable('DescribeInstances (raw)') } });
      set({ ...snapshot, raw: { instanceId, json: LOADING } });
      void read(controller.signal, () => describeInstanceRaw(instanceId, { signal: controller.signal })).then((json) => {
        if (json === undefined || controller.signal.aborted || snapshot.raw?.instanceId !== instanceId) return;
        set({ ...snapshot, raw: { instanceId, json } });
      });
    },
    close() {
      detailsAbort?.abort();
      rawAbort?.abort();
      if (snapshot.details !== undefined || snapshot.raw !== undefined) set({ details: undefined, raw: undefined });
    },
  };
}
